-- The mail platform's contract, version 1 (R-PLAT-1, issue 16; docs/mail-platform.md). Dovecot
-- and Postfix read the views and write the tables of the schema `mail`, each consumer through a
-- role of its own that can reach nothing else of the portal. The views run with their owner's
-- rights, so the roles need no access to the portal's own tables.
CREATE SCHEMA mail;
REVOKE ALL ON SCHEMA mail FROM PUBLIC;

-- The contract's version: docs/mail-platform.md describes this one, and a test fails when an
-- object of the schema changes without it (lib/mail-platform/contract.test.ts).
CREATE FUNCTION mail.contract_version() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 1';

-- The domains the platform receives mail for (Postfix's virtual_mailbox_domains). The portal
-- writes its MAIL_DOMAIN here at start (lib/mail-platform/contract.ts).
CREATE TABLE mail.domains (
  domain text PRIMARY KEY CHECK (domain = lower(domain) AND domain <> '')
);

-- What the portal's policy says, for the views (one row, written at start): the mailbox quota
-- (R-ACC-6) and what a locked mailbox is told when it tries to log in (R-PLAT-2), per language.
CREATE TABLE mail.settings (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  quota_bytes bigint NOT NULL CHECK (quota_bytes > 0),
  locked_reason_nb text NOT NULL,
  locked_reason_en text NOT NULL
);

-- Dovecot's passdb (R-PLAT-2): only mailboxes that may log in have a row. An active mailbox may
-- use every service; one locked for inactivity may reach IMAP and POP only to be told why (the
-- reason points to Mine sider, nologin refuses it) and is unknown to SMTP AUTH. Deleted, closed
-- (broadband ended) and never-issued addresses have no row.
CREATE VIEW mail.passdb AS
SELECT m.address AS username,
       m."passwordHash" AS password,
       CASE WHEN m.status = 'ACTIVE' THEN ARRAY['imap', 'pop3', 'smtp'] ELSE ARRAY['imap', 'pop3'] END AS services,
       CASE WHEN m.status = 'LOCKED' THEN 'y' END AS nologin,
       CASE WHEN m.status = 'LOCKED' THEN CASE WHEN c.locale = 'en' THEN s.locked_reason_en ELSE s.locked_reason_nb END END AS reason
FROM public."Mailbox" m
JOIN public."Customer" c ON c.id = m."customerId"
LEFT JOIN mail.settings s ON true
WHERE m."passwordHash" IS NOT NULL
  AND (m.status = 'ACTIVE' OR (m.status = 'LOCKED' AND m."lockReason" = 'INACTIVITY'));

-- Dovecot's userdb: every mailbox whose mail is kept (active, and locked of either kind: R-LC-3
-- keeps the mail of a locked mailbox, so mail to it is accepted; docs/decisions/0009). The
-- store is keyed by the mailbox's id, so a rename keeps the mail.
CREATE VIEW mail.userdb AS
SELECT m.address AS username, m.id AS mailbox_id, s.quota_bytes
FROM public."Mailbox" m
LEFT JOIN mail.settings s ON true
WHERE m.status IN ('ACTIVE', 'LOCKED');

-- Postfix's virtual_mailbox_maps: the addresses mail is delivered to now (renamed-away, deleted
-- and never-issued addresses bounce as "User unknown in virtual mailbox table", R-BNC-2).
CREATE VIEW mail.mailboxes AS
SELECT m.address
FROM public."Mailbox" m
WHERE m.status IN ('ACTIVE', 'LOCKED');

-- Postfix's smtpd_sender_login_maps (R-PLAT-5): the login that may send as each address. A
-- mailbox sends as its own address only.
CREATE VIEW mail.sender_logins AS
SELECT m.address AS sender, m.address AS login
FROM public."Mailbox" m
WHERE m.status = 'ACTIVE';

-- Storage used, as Dovecot measures it (the quota_clone plugin writes here, R-PLAT-4). The
-- trigger stamps the time and finds the mailbox, so a later rename keeps the figure.
CREATE TABLE mail.usage (
  username text PRIMARY KEY,
  bytes bigint NOT NULL DEFAULT 0,
  messages bigint NOT NULL DEFAULT 0,
  mailbox_id uuid,
  measured_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX usage_by_mailbox ON mail.usage (mailbox_id, measured_at DESC);
-- The portal's own figure was never measured by anything (seed data): the servers' replaces it.
ALTER TABLE public."Mailbox" DROP COLUMN "usedBytes";

CREATE FUNCTION mail.stamp_usage() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  NEW.username := lower(NEW.username);
  NEW.measured_at := now();
  NEW.mailbox_id := (SELECT m.id FROM public."Mailbox" m WHERE m.address = NEW.username);
  RETURN NEW;
END;
$$;
CREATE TRIGGER usage_stamp BEFORE INSERT OR UPDATE ON mail.usage FOR EACH ROW EXECUTE FUNCTION mail.stamp_usage();

-- Logins from the servers (R-PLAT-4, R-LC-4): Dovecot's last_login plugin for imap and pop3, the
-- policy service for SMTP submission; never deliveries. One row per address and service with the
-- latest login (Unix seconds); the portal's worker applies the rows whose login it has not
-- applied yet, in batches (lib/mail-platform/logins.ts), so a busy server's logins never become
-- one request each.
CREATE TABLE mail.logins (
  username text NOT NULL,
  service text NOT NULL CHECK (service IN ('imap', 'pop3', 'smtp')),
  at bigint NOT NULL,
  applied_at bigint,
  PRIMARY KEY (username, service)
);
CREATE INDEX logins_unapplied ON mail.logins (username) WHERE applied_at IS DISTINCT FROM at;

-- The sending decisions (R-SEC-2, R-SEC-3, R-PLAT-5), moved into the contract from
-- policy_decide_batch. Per request in arrival order: who sends (a logged-in, active mailbox of
-- ours), as whom (its own address, or an empty bounce sender), and how much. Recipients are
-- counted at RCPT, so the recipient over the limit is deferred on its own and the ones before it
-- go out; the block then holds later recipients and messages. Messages are counted at the end of
-- data, where a block set by this message's own recipients no longer applies. An SMTP login is a
-- login (R-LC-4): recorded in mail.logins, at most once a minute per address.
CREATE FUNCTION mail.policy_decide(
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
      INSERT INTO mail.logins (username, service, at) VALUES (v_user, 'smtp', v_epoch)
      ON CONFLICT (username, service) DO UPDATE SET at = EXCLUDED.at WHERE mail.logins.at < EXCLUDED.at - 60;
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

DROP FUNCTION policy_decide_batch(text[], text[], text[], timestamp, interval, interval, int, int);

-- One role per consumer, each with the least it needs (R-PLAT-1). Created without a password and
-- unable to log in; `npm run mail-platform` (or the operator, docs/mail-platform.md) gives each a
-- password and LOGIN. Roles belong to the whole PostgreSQL server, so they may exist already.
DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['mail_auth', 'mail_mta', 'mail_policy', 'mail_events'] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
  END LOOP;
END;
$$;

REVOKE ALL ON FUNCTION mail.contract_version() FROM PUBLIC;
REVOKE ALL ON FUNCTION mail.policy_decide(text[], text[], text[], text[], timestamp, interval, interval, int, int) FROM PUBLIC;
REVOKE ALL ON FUNCTION mail.stamp_usage() FROM PUBLIC;
GRANT USAGE ON SCHEMA mail TO mail_auth, mail_mta, mail_policy, mail_events;
GRANT EXECUTE ON FUNCTION mail.contract_version() TO mail_auth, mail_mta, mail_policy, mail_events;
-- Dovecot's auth process.
GRANT SELECT ON mail.passdb, mail.userdb TO mail_auth;
-- Postfix's lookups.
GRANT SELECT ON mail.domains, mail.mailboxes, mail.sender_logins TO mail_mta;
-- The sending-limits policy service.
GRANT EXECUTE ON FUNCTION mail.policy_decide(text[], text[], text[], text[], timestamp, interval, interval, int, int) TO mail_policy;
-- Dovecot's dict process (last_login and quota_clone write through it).
GRANT SELECT, INSERT, UPDATE ON mail.usage, mail.logins TO mail_events;
