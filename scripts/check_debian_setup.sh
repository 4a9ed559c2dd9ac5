#!/usr/bin/env bash
# CI proof that the README's set-up works with Debian's own, externally managed python3.
#
# Clones the committed tree into a throwaway folder and runs `bash scripts/build.sh`
# there with /usr/bin first on PATH (so `python3` is Debian's, whatever else the
# machine has), then checks that .venv was made by that interpreter and that the
# build wrote a package. Only the web format is built: the set-up is what is tested.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/python3 ]; then
  echo "check_debian_setup: no /usr/bin/python3 (not a Debian machine?)" >&2
  exit 1
fi
work="$(mktemp -d /tmp/trail-debian-setup.XXXXXX)"
trap 'rm -rf "$work"' EXIT
git clone -q "$PWD" "$work/trail"
cd "$work/trail"
started=$SECONDS
PATH="/usr/bin:/bin:/usr/sbin:/sbin" TRAIL_PYTHON= bash scripts/build.sh --format web
home="$(sed -n 's/^home = //p' .venv/pyvenv.cfg)"
[ "$home" = /usr/bin ] || { echo "check_debian_setup: .venv was made from $home, not /usr/bin" >&2; exit 1; }
ls dist/*-web.zip >/dev/null
echo "check_debian_setup: ok with $(/usr/bin/python3 --version) in $((SECONDS - started)) s"
