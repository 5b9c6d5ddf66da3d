-- The dashboard's pipeline by stage: an index-only scan instead of reading every organisation of the team.
CREATE INDEX "Organisation_teamId_isActive_stage_potentialAmount_idx" ON "Organisation"("teamId", "isActive", "stage", "potentialAmount");
