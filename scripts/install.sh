#!/usr/bin/env bash
# Installs the npm packages when node_modules is missing or older than package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.campaign-engine-lock.sha256
wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "[install] npm install from package-lock.json (it changed, or node_modules is missing) …" >&2
  # Not `npm ci`: npm 11 writes no lock entries for other platforms' optional packages (@swc/core's)
  # and then `npm ci` refuses its own lock. `npm install` installs the locked versions all the same.
  npm install --no-audit --no-fund --loglevel=error
  echo "$wanted" > "$stamp"
fi
