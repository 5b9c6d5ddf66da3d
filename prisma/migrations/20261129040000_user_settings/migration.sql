-- Settings a user expects (issue 17): the colour of their initials, and the notification kinds they mute.
ALTER TABLE "User" ADD COLUMN "avatarColor" TEXT;
ALTER TABLE "User" ADD COLUMN "mutedNotifications" "NotificationType"[] DEFAULT ARRAY[]::"NotificationType"[];
