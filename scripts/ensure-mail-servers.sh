#!/usr/bin/env bash
# The mail-platform tests (lib/mail-platform/platform.test.ts) and `npm run mail-platform` drive
# Debian's Dovecot and Postfix. Installed with apt-get when missing and running as root;
# otherwise this says what to install (the tests then fail, never skip).
set -euo pipefail
packages="dovecot-imapd dovecot-pop3d dovecot-lmtpd dovecot-pgsql dovecot-auth-lua postfix postfix-pgsql"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installerer Dovecot og Postfix fra Debian (apt-get):$missing …"
  apt-get update -qq
  # Postfix asks how it is used; the tests and `npm run mail-platform` bring their own configuration.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  exit 0
fi
echo "Mangler Debian-pakkene:$missing. Installer dem: sudo apt-get install$missing" >&2
exit 1
