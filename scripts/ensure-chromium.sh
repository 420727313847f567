#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (Playwright cannot download its own browser here).
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installerer Chromium fra Debian (apt-get) …"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Fant ikke Chromium på $browser. Installer Debian-pakken 'chromium' (sudo apt-get install chromium)," >&2
echo "eller sett CHROMIUM_PATH til en Chromium-binær." >&2
exit 1
