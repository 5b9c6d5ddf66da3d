-- CreateTable
CREATE TABLE "EventRelayCursor" (
    "name" TEXT NOT NULL,
    "lastEventId" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventRelayCursor_pkey" PRIMARY KEY ("name")
);
