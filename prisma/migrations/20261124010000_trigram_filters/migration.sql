-- Trigram indexes for the substring filters of the organisation list.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

CREATE INDEX "Organisation_name_trgm_idx" ON "Organisation" USING GIN ("name" gin_trgm_ops);
CREATE INDEX "Organisation_normalizedName_trgm_idx" ON "Organisation" USING GIN ("normalizedName" gin_trgm_ops);
CREATE INDEX "Organisation_email_trgm_idx" ON "Organisation" USING GIN ("email" gin_trgm_ops);
CREATE INDEX "Organisation_city_trgm_idx" ON "Organisation" USING GIN ("city" gin_trgm_ops);
