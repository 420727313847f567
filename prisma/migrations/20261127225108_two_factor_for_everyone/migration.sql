-- Two-factor login moves from columns on "Mailbox" to a table of its own, so customers and agents
-- have it too (issue 4). Mailboxes that had it keep it: rows are copied before the columns go.

-- CreateTable
CREATE TABLE "TwoFactor" (
    "kind" "PrincipalKind" NOT NULL,
    "principalId" UUID NOT NULL,
    "secret" TEXT,
    "enabledAt" TIMESTAMP(3),
    "pendingSecret" TEXT,
    "lastStep" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TwoFactor_pkey" PRIMARY KEY ("kind","principalId")
);

-- Carry over (the sealing context "mailbox:<id>" is unchanged, so the sealed secrets stay valid).
INSERT INTO "TwoFactor" ("kind", "principalId", "secret", "enabledAt", "pendingSecret", "lastStep", "updatedAt")
SELECT 'MAILBOX', "id", "totpSecret", "totpEnabledAt", "totpPendingSecret", "totpLastStep", CURRENT_TIMESTAMP
FROM "Mailbox"
WHERE "totpSecret" IS NOT NULL OR "totpPendingSecret" IS NOT NULL;

-- AlterTable
ALTER TABLE "Mailbox" DROP COLUMN "totpEnabledAt",
DROP COLUMN "totpLastStep",
DROP COLUMN "totpPendingSecret",
DROP COLUMN "totpSecret";
