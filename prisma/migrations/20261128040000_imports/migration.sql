-- Imports: uploaded files, their mapping, progress and outcome, and the records each one wrote (for undo).

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('DRAFT', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'UNDONE');

-- CreateTable
CREATE TABLE "Import" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "createdById" UUID,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "fileSize" INTEGER NOT NULL,
    "fileData" BYTEA NOT NULL,
    "sheet" TEXT,
    "mapping" JSONB NOT NULL DEFAULT '{}',
    "duplicatePolicy" TEXT NOT NULL DEFAULT 'skip',
    "status" "ImportStatus" NOT NULL DEFAULT 'DRAFT',
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "rowsDone" INTEGER NOT NULL DEFAULT 0,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "problems" JSONB NOT NULL DEFAULT '[]',
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "failureMessage" TEXT,
    "undoReport" JSONB,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "undoneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportRecord" (
    "id" BIGSERIAL NOT NULL,
    "importId" UUID NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "version" INTEGER,

    CONSTRAINT "ImportRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Import_teamId_createdAt_idx" ON "Import"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "Import_createdById_createdAt_idx" ON "Import"("createdById", "createdAt");

-- CreateIndex
CREATE INDEX "ImportRecord_importId_entity_idx" ON "ImportRecord"("importId", "entity");

-- AddForeignKey
ALTER TABLE "Import" ADD CONSTRAINT "Import_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Import" ADD CONSTRAINT "Import_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportRecord" ADD CONSTRAINT "ImportRecord_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE CASCADE ON UPDATE CASCADE;
