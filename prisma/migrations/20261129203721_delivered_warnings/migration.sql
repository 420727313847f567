-- R-LC-6: a warning counts when it was delivered, not when it was queued.
ALTER TYPE "MailStatus" ADD VALUE 'CANCELLED';

-- What was called "sentAt" was the time the sweep queued the notice.
ALTER TABLE "Notice" RENAME COLUMN "sentAt" TO "queuedAt";
ALTER TABLE "Notice" ADD COLUMN "deliveredAt" TIMESTAMP(3);

-- Notices already out: delivered when their first e-mail was accepted.
UPDATE "Notice" n SET "deliveredAt" = s.first
FROM (SELECT "noticeId", min("sentAt") AS first FROM "OutgoingMail" WHERE status = 'SENT' AND "noticeId" IS NOT NULL GROUP BY "noticeId") s
WHERE s."noticeId" = n.id;

-- The date a warning's copy names, fixed before sending (a resend after a crash says the same).
ALTER TABLE "OutgoingMail" ADD COLUMN "namedDate" TIMESTAMP(3);

-- Periodic work that must cover every period once, even after downtime (R-PAY-5).
CREATE TABLE "JobProgress" (
    "job" TEXT NOT NULL,
    "completedThrough" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobProgress_pkey" PRIMARY KEY ("job")
);
