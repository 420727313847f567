-- AlterTable
ALTER TABLE "Mailbox" ADD COLUMN     "sendBlockReason" TEXT;

-- CreateTable
CREATE TABLE "SendRecipient" (
    "id" BIGSERIAL NOT NULL,
    "mailboxId" UUID NOT NULL,
    "recipient" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SendRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SendMessage" (
    "id" BIGSERIAL NOT NULL,
    "mailboxId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SendMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SendRecipient_mailboxId_at_idx" ON "SendRecipient"("mailboxId", "at");

-- CreateIndex
CREATE INDEX "SendRecipient_at_idx" ON "SendRecipient"("at");

-- CreateIndex
CREATE INDEX "SendMessage_mailboxId_at_idx" ON "SendMessage"("mailboxId", "at");

-- CreateIndex
CREATE INDEX "SendMessage_at_idx" ON "SendMessage"("at");

-- The policy server's decision (R-SEC-2, R-SEC-3), in one round trip. The limits come from the
-- caller (lib/policy.ts), so the numbers live in one place. Returns the verdict: 'anonymous',
-- 'notOurs', 'blocked', 'recipients' or 'messages' (limit crossed now: the mailbox is blocked), or
-- 'ok'; with the block's end when there is one.
CREATE FUNCTION policy_decide(
  p_user text, p_state text, p_recipient text, p_now timestamp,
  p_window interval, p_block interval, p_max_recipients int, p_max_messages int
) RETURNS TABLE (verdict text, blocked_until timestamp) LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid;
  v_status "MailboxStatus";
  v_blocked timestamp;
  v_count int;
BEGIN
  IF p_user IS NULL OR p_user = '' THEN
    RETURN QUERY SELECT 'anonymous'::text, NULL::timestamp; RETURN;
  END IF;
  SELECT m.id, m.status, m."sendBlockedUntil" INTO v_id, v_status, v_blocked FROM "Mailbox" m WHERE m.address = lower(p_user);
  IF v_id IS NULL OR v_status <> 'ACTIVE' THEN
    RETURN QUERY SELECT 'notOurs'::text, NULL::timestamp; RETURN;
  END IF;
  IF v_blocked IS NOT NULL AND v_blocked > p_now THEN
    RETURN QUERY SELECT 'blocked'::text, v_blocked; RETURN;
  END IF;
  -- One decision at a time per mailbox, across every policy server.
  PERFORM pg_advisory_xact_lock(hashtext(v_id::text));
  IF p_state = 'RCPT' AND p_recipient IS NOT NULL AND p_recipient <> '' THEN
    INSERT INTO "SendRecipient" ("mailboxId", recipient, at) VALUES (v_id, lower(p_recipient), p_now);
    SELECT count(DISTINCT recipient) INTO v_count FROM "SendRecipient" WHERE "mailboxId" = v_id AND at > p_now - p_window;
    IF v_count > p_max_recipients THEN
      UPDATE "Mailbox" SET "sendBlockedUntil" = p_now + p_block, "sendBlockReason" = 'recipients', "updatedAt" = p_now WHERE id = v_id;
      RETURN QUERY SELECT 'recipients'::text, p_now + p_block; RETURN;
    END IF;
  ELSIF p_state = 'END-OF-MESSAGE' THEN
    INSERT INTO "SendMessage" ("mailboxId", at) VALUES (v_id, p_now);
    SELECT count(*) INTO v_count FROM "SendMessage" WHERE "mailboxId" = v_id AND at > p_now - p_window;
    IF v_count > p_max_messages THEN
      UPDATE "Mailbox" SET "sendBlockedUntil" = p_now + p_block, "sendBlockReason" = 'messages', "updatedAt" = p_now WHERE id = v_id;
      RETURN QUERY SELECT 'messages'::text, p_now + p_block; RETURN;
    END IF;
  END IF;
  RETURN QUERY SELECT 'ok'::text, NULL::timestamp;
END;
$$;
