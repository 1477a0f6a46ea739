#!/usr/bin/env bash
# Installs the npm packages when node_modules is missing or older than package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.campaign-engine-lock.sha256
wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "[install] npm ci (package-lock.json changed or node_modules missing) …" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$wanted" > "$stamp"
fi
