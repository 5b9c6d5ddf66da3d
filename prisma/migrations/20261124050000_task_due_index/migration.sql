-- CreateIndex
CREATE INDEX "Task_teamId_dueAt_idx" ON "Task"("teamId", "dueAt");
