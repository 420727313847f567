-- R-SEC-8: a session's cookie carries a random token; only its SHA-256 is kept. The id of a
-- session was its whole cookie until now, and was written into audit events that agents read:
-- every session open at this migration ends (people log in again).
ALTER TABLE "WebSession" ADD COLUMN "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "tokenHash" TEXT;
UPDATE "WebSession" SET "tokenHash" = 'ended-' || id::text, "revokedAt" = COALESCE("revokedAt", CURRENT_TIMESTAMP);
ALTER TABLE "WebSession" ALTER COLUMN "tokenHash" SET NOT NULL;

CREATE UNIQUE INDEX "WebSession_tokenHash_key" ON "WebSession"("tokenHash");
