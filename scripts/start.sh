#!/usr/bin/env bash
# The main job: installs what is missing, then runs the Temporal dev server, the worker and the API.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
# node itself (not npx, not the tsx wrapper): the signals a supervisor or Ctrl-C sends reach the
# main job directly, which stops API, worker and dev server in order (see bin/start.ts).
exec node --import tsx bin/start.ts
