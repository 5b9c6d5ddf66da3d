-- Two-factor sign-in (TOTP) with recovery codes, the roles that must use it, and the audit screen's index.
ALTER TABLE "User" ADD COLUMN "totpSecret" TEXT,
  ADD COLUMN "totpPendingSecret" TEXT,
  ADD COLUMN "totpEnabledAt" TIMESTAMP(3),
  ADD COLUMN "totpLastStep" INTEGER;

CREATE TABLE "RecoveryCode" (
  "id" UUID NOT NULL,
  "userId" UUID NOT NULL,
  "codeHash" TEXT NOT NULL,
  "usedAt" TIMESTAMP(3),
  CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "RecoveryCode_userId_codeHash_key" ON "RecoveryCode"("userId", "codeHash");
ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "SecurityPolicy" (
  "id" INTEGER NOT NULL DEFAULT 1,
  "twoFactorRoles" "UserRole"[] DEFAULT ARRAY[]::"UserRole"[],
  "updatedAt" TIMESTAMP(3) NOT NULL,
  "updatedById" UUID,
  CONSTRAINT "SecurityPolicy_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "DomainEvent_entity_id_idx" ON "DomainEvent"("entity", "id");
