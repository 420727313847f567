-- Checks a mailbox's password against the argon2id hash that mail.passdb gave the passdb before
-- this one (R-PLAT-2). Rendered by lib/mail-platform/config.ts; edit the template, not the copy.
--
-- Why a second passdb: Dovecot's auth cache keeps what a passdb returns. The SQL passdb returns
-- the argon2id hash, so a cache hit would verify argon2id again (~15 ms of a core). This one
-- verifies and returns no password, so Dovecot caches a digest of the verified password instead
-- (in memory only, for the cache's TTL) and a repeated login costs microseconds.
function auth_password_verify(request, password)
  local hash = request.passdb["portal_hash"]
  if hash == nil or hash == "" then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, ""
  end
  local ok, err = request:password_verify(hash, password)
  if ok == nil or ok < 0 then
    request:log_error("password check failed: " .. tostring(err))
    return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, ""
  end
  if ok == 0 then
    return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, ""
  end
  -- The hash is not passed on to the login process or to Postfix.
  return dovecot.auth.PASSDB_RESULT_OK, { portal_hash = "" }
end

function script_init()
  return 0
end
