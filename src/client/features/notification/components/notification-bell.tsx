/** The notification bell of the top bar (live unread count and panel). */
export function NotificationBell() {
  return null
}
