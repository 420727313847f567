-- A mailbox's oldest pending event, found by one index probe (lib/mail-platform/events.ts): the
-- consumers' claim asks it for every candidate.
CREATE INDEX "MailPlatformEvent_pending_by_mailbox_idx" ON "MailPlatformEvent" ("mailboxId", id) WHERE "processedAt" IS NULL;
