#!/usr/bin/env bash
# Set up a machine and run trail's whole test suite.
#
# Works on a fresh Debian machine with Python 3.11 as root (CI) and is quick on
# a developer machine: apt is skipped when Debian's chromium and node are
# there, npm ci when node_modules matches package-lock.json. Extra arguments
# go to pytest (e.g. `bash scripts/test.sh -k harness -x`).
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests drive Debian's chromium through Playwright, which never downloads a browser of its own.
apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
command -v npm >/dev/null 2>&1 || apt_packages+=(nodejs npm)
if [ "${#apt_packages[@]}" -gt 0 ]; then
  echo "== apt-get install ${apt_packages[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${apt_packages[@]}"
fi

echo "== pip install -e .[test]"
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -e '.[test]'

# Test-only JavaScript (scorm-again, axe-core): exact versions from the lockfile.
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
python3 -m ruff check packager tests bench tools
echo "== mypy"
python3 -m mypy
echo "== pytest"
python3 -m pytest "$@"
