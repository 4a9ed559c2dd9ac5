#!/usr/bin/env bash
# Set up a machine and run trail's whole test suite.
#
# Works on a fresh Debian machine as root (CI), stock Debian 12's externally
# managed python3 included: everything Python goes into .venv. Quick on a
# developer machine: apt is skipped when Debian's chromium and node are there,
# npm ci when node_modules matches package-lock.json. Extra arguments go to
# pytest (e.g. `bash scripts/test.sh -k harness -x`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

# Browser tests drive Debian's chromium through Playwright, which never downloads a browser of its own.
apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
command -v npm >/dev/null 2>&1 || apt_packages+=(nodejs npm)
trail_setup "[test]" "${apt_packages[@]}"

# Test-only JavaScript (scorm-again, axe-core, eslint): exact versions from the lockfile.
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp=node_modules/.trail-lock.sha256
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; then
  echo "== node_modules up to date with package-lock.json"
else
  echo "== npm ci"
  npm ci --ignore-scripts --no-audit --no-fund
  echo "$lock_sum" > "$stamp"
fi

echo "== ruff"
"$VENV_PY" -m ruff check packager tests bench tools
echo "== mypy"
"$VENV_PY" -m mypy
echo "== eslint (the runtime and the preview page; eslint.config.mjs)"
node_modules/.bin/eslint packager/runtime packager/preview/static
echo "== pytest"
"$VENV_PY" -m pytest "$@"
