#!/usr/bin/env bash
# Every test: installs what is missing (npm packages, the console's build, Chromium, the two Temporal
# servers), then type-check,
# lint, and the whole vitest suite (unit + real Temporal servers).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --browser
echo "[test] obtaining the Temporal servers (built or assembled on the first run only) …" >&2
npx tsx scripts/temporal-servers.ts
echo "[test] type-check (engine, then the console against the server's schemas)" >&2
npx tsc --noEmit
(cd console && npm run -s typecheck)
echo "[test] lint" >&2
npx eslint .
echo "[test] vitest" >&2
mkdir -p data
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=data/vitest-report.json || status=$?
# One plain closing line that any CI can read.
node -e '
  const r = require("./data/vitest-report.json");
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' || true
exit "$status"
