#!/usr/bin/env bash
# The main job: installs what is missing, then runs the Temporal dev server, the worker and the API.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec npx tsx bin/start.ts
