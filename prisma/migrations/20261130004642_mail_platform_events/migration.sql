-- AlterTable
ALTER TABLE "Mailbox" ADD COLUMN     "mailPurgedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "MailPlatformEvent" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "backendsDone" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "leasedBy" TEXT,
ADD COLUMN     "leasedUntil" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "MailPlatformEvent_mailboxId_id_idx" ON "MailPlatformEvent"("mailboxId", "id");

-- The consumers' claim (lib/mail-platform/events.ts): the events not applied yet, oldest first.
CREATE INDEX "MailPlatformEvent_pending_idx" ON "MailPlatformEvent" ("availableAt", id) WHERE "processedAt" IS NULL;

-- The mail contract, version 2 (docs/mail-platform.md): Dovecot's userdb also knows a deleted
-- mailbox until its mail is removed, so `doveadm` can find the mail to remove (R-ACC-5, R-PLAT-3).
-- It still cannot log in (no passdb row) nor receive mail (not in mail.mailboxes).
CREATE OR REPLACE FUNCTION mail.contract_version() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 2';

CREATE OR REPLACE VIEW mail.userdb AS
SELECT m.address AS username, m.id AS mailbox_id, s.quota_bytes
FROM public."Mailbox" m
LEFT JOIN mail.settings s ON true
WHERE m.status IN ('ACTIVE', 'LOCKED') OR (m.status = 'DELETED' AND m."mailPurgedAt" IS NULL);
