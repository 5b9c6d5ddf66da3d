-- CreateIndex
CREATE INDEX "Organisation_teamId_potentialAmount_idx" ON "Organisation"("teamId", "potentialAmount");
