-- Checks a login's password against what mail.passdb gave the passdb before this one (R-PLAT-2,
-- R-SEC-6): the mailbox's own password (unless its user requires app passwords), then each of its
-- app passwords. Rendered by lib/mail-platform/config.ts; edit the template, not the copy.
--
-- Why a second passdb: Dovecot's auth cache keeps what a passdb returns. The SQL passdb returns
-- the argon2id hashes, so a cache hit would verify argon2id again (~15 ms of a core). This one
-- verifies and returns no password, so Dovecot caches a digest of the verified password instead
-- (in memory only, for the cache's TTL) and a repeated login costs microseconds.

-- The hashes are not passed on to the login process or to Postfix.
local function answer(credential)
  return { portal_hash = "", portal_main = "", portal_app_hashes = "", userdb_credential = credential }
end

local function matches(request, hash, password)
  local ok, err = request:password_verify(hash, password)
  if ok == nil or ok < 0 then
    request:log_error("password check failed: " .. tostring(err))
    return nil
  end
  return ok > 0
end

function auth_password_verify(request, password)
  local hash = request.passdb["portal_hash"]
  if hash == nil or hash == "" then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, ""
  end
  if request.passdb["portal_main"] == "t" then
    local ok = matches(request, hash, password)
    if ok == nil then return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, "" end
    if ok then return dovecot.auth.PASSDB_RESULT_OK, answer("main") end
  end
  -- "id=hash id=hash": an app password's id is what its logins are recorded under (mail.logins).
  for id, app_hash in string.gmatch(request.passdb["portal_app_hashes"] or "", "([%w-]+)=(%S+)") do
    local ok = matches(request, app_hash, password)
    if ok == nil then return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, "" end
    if ok then return dovecot.auth.PASSDB_RESULT_OK, answer(id) end
  end
  return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, ""
end

function script_init()
  return 0
end
