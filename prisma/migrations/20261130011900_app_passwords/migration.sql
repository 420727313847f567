-- AlterTable
ALTER TABLE "Mailbox" ADD COLUMN     "requireAppPasswords" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AppPassword" (
    "id" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "lastProtocol" "LoginProtocol",

    CONSTRAINT "AppPassword_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AppPassword_mailboxId_revokedAt_idx" ON "AppPassword"("mailboxId", "revokedAt");

-- AddForeignKey
ALTER TABLE "AppPassword" ADD CONSTRAINT "AppPassword_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The mail contract, version 3 (docs/mail-platform.md): app passwords (R-SEC-6).
CREATE OR REPLACE FUNCTION mail.contract_version() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 3';

-- mail.passdb gains what dovecot-passwords.lua checks besides the mailbox's own password: whether
-- that password may be used by mail programs at all (not when the user requires app passwords
-- and has two-factor login on), and the mailbox's live app passwords as "id=hash id=hash".
CREATE OR REPLACE VIEW mail.passdb AS
SELECT m.address AS username,
       m."passwordHash" AS password,
       CASE WHEN m.status = 'ACTIVE' THEN ARRAY['imap', 'pop3', 'smtp'] ELSE ARRAY['imap', 'pop3'] END AS services,
       CASE WHEN m.status = 'LOCKED' THEN 'y' END AS nologin,
       CASE WHEN m.status = 'LOCKED' THEN CASE WHEN c.locale = 'en' THEN s.locked_reason_en ELSE s.locked_reason_nb END END AS reason,
       NOT (m."requireAppPasswords" AND EXISTS (
         SELECT 1 FROM public."TwoFactor" t WHERE t.kind = 'MAILBOX' AND t."principalId" = m.id AND t."enabledAt" IS NOT NULL)) AS main_password,
       (SELECT string_agg(a.id || '=' || a.hash, ' ' ORDER BY a."createdAt")
          FROM public."AppPassword" a WHERE a."mailboxId" = m.id AND a."revokedAt" IS NULL) AS app_passwords
FROM public."Mailbox" m
JOIN public."Customer" c ON c.id = m."customerId"
LEFT JOIN mail.settings s ON true
WHERE m."passwordHash" IS NOT NULL
  AND (m.status = 'ACTIVE' OR (m.status = 'LOCKED' AND m."lockReason" = 'INACTIVITY'));

-- Logins per credential: 'main' for the mailbox's password (and for SMTP, where the policy
-- service cannot tell), an app password's id otherwise; the portal shows each one's last use.
ALTER TABLE mail.logins ADD COLUMN credential text NOT NULL DEFAULT 'main';
ALTER TABLE mail.logins DROP CONSTRAINT logins_pkey;
ALTER TABLE mail.logins ADD PRIMARY KEY (username, service, credential);

-- The policy service's SMTP logins, recorded with the credential column (otherwise as in version 1).
CREATE OR REPLACE FUNCTION mail.policy_decide(
  p_users text[], p_states text[], p_recipients text[], p_senders text[], p_now timestamp,
  p_window interval, p_block interval, p_max_recipients int, p_max_messages int
) RETURNS TABLE (verdict text, blocked_until timestamp) LANGUAGE plpgsql SECURITY DEFINER
-- Every lookup here has its index; plans made while the counting tables are nearly empty would
-- scan them until the next ANALYZE (bench/policy.ts).
SET enable_seqscan = off
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_id uuid;
  v_status public."MailboxStatus";
  v_blocked timestamp;
  v_count int;
  v_user text;
  v_state text;
  v_recipient text;
  v_sender text;
  v_epoch bigint := extract(epoch FROM p_now)::bigint;
BEGIN
  -- One batch at a time per mailbox, across every policy server, locks taken in one order.
  PERFORM pg_advisory_xact_lock(k)
     FROM (SELECT DISTINCT hashtext(m.id::text) AS k FROM public."Mailbox" m
            WHERE m.address = ANY (SELECT lower(u) FROM unnest(p_users) u WHERE u <> '') ORDER BY 1) locks;
  FOR i IN 1 .. coalesce(array_length(p_users, 1), 0) LOOP
    v_user := lower(p_users[i]);
    v_state := p_states[i];
    v_recipient := lower(p_recipients[i]);
    v_sender := lower(coalesce(p_senders[i], ''));
    IF v_user IS NULL OR v_user = '' THEN
      verdict := 'anonymous'; blocked_until := NULL; RETURN NEXT; CONTINUE;
    END IF;
    v_id := NULL;
    SELECT m.id, m.status, m."sendBlockedUntil" INTO v_id, v_status, v_blocked FROM public."Mailbox" m WHERE m.address = v_user;
    IF v_id IS NULL OR v_status <> 'ACTIVE' THEN
      verdict := 'notOurs'; blocked_until := NULL; RETURN NEXT; CONTINUE;
    END IF;
    IF v_sender <> '' AND v_sender <> v_user THEN
      verdict := 'notOwnSender'; blocked_until := NULL; RETURN NEXT; CONTINUE;
    END IF;
    IF v_state = 'RCPT' THEN
      INSERT INTO mail.logins (username, service, credential, at) VALUES (v_user, 'smtp', 'main', v_epoch)
      ON CONFLICT (username, service, credential) DO UPDATE SET at = EXCLUDED.at WHERE mail.logins.at < EXCLUDED.at - 60;
    END IF;
    IF v_state <> 'END-OF-MESSAGE' AND v_blocked IS NOT NULL AND v_blocked > p_now THEN
      verdict := 'blocked'; blocked_until := v_blocked; RETURN NEXT; CONTINUE;
    END IF;
    verdict := 'ok'; blocked_until := NULL;
    IF v_state = 'RCPT' AND v_recipient IS NOT NULL AND v_recipient <> '' THEN
      INSERT INTO public."SendRecipient" ("mailboxId", recipient, at) VALUES (v_id, v_recipient, p_now);
      SELECT count(DISTINCT recipient) INTO v_count FROM public."SendRecipient" WHERE "mailboxId" = v_id AND at > p_now - p_window;
      IF v_count > p_max_recipients THEN
        UPDATE public."Mailbox" SET "sendBlockedUntil" = p_now + p_block, "sendBlockReason" = 'recipients', "updatedAt" = p_now WHERE id = v_id;
        verdict := 'recipients'; blocked_until := p_now + p_block;
      END IF;
    ELSIF v_state = 'END-OF-MESSAGE' THEN
      INSERT INTO public."SendMessage" ("mailboxId", at) VALUES (v_id, p_now);
      SELECT count(*) INTO v_count FROM public."SendMessage" WHERE "mailboxId" = v_id AND at > p_now - p_window;
      IF v_count > p_max_messages THEN
        UPDATE public."Mailbox" SET "sendBlockedUntil" = p_now + p_block, "sendBlockReason" = 'messages', "updatedAt" = p_now WHERE id = v_id;
        verdict := 'messages'; blocked_until := p_now + p_block;
      END IF;
    END IF;
    RETURN NEXT;
  END LOOP;
END;
$$;

