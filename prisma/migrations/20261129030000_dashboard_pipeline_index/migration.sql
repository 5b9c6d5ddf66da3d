-- The dashboard's pipeline by stage and its follow-up count ("à relancer") in one index-only pass over
-- a team's active organisations: updatedAt and id join the stage index (replacing it).
DROP INDEX "Organisation_teamId_isActive_stage_potentialAmount_idx";
CREATE INDEX "Organisation_dashboard_pipeline_idx" ON "Organisation"("teamId", "isActive", "stage", "potentialAmount", "updatedAt", "id");

-- The dashboard's new organisations of a period: a range of the team's creation dates, not the whole team.
CREATE INDEX "Organisation_teamId_createdAt_idx" ON "Organisation"("teamId", "createdAt");
