#!/usr/bin/env bash
# Shared set-up for build.sh and test.sh: a virtual environment in .venv with trail installed.
#
# Sourced, not run. Works on stock Debian 12, whose python3 is "externally
# managed" (PEP 668) and refuses `pip install` outside a venv, and on any other
# Python >= 3.11 first on PATH. Installs Debian's python3-venv when the
# interpreter cannot make a venv (Debian splits ensurepip out of python3).
#
#   trail_setup [EXTRAS] [APT_PACKAGES...]
#
# EXTRAS is the pip extras spec ("" or "[test]"). Sets $VENV_PY to the venv's python.

apt_install() {
  [ "$#" -gt 0 ] || return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "trail set-up: please install these system packages: $*" >&2
    return 1
  fi
  echo "== apt-get install $*"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

trail_setup() {
  local extras="${1:-}"
  shift || true
  local apt_packages=("$@")
  local python="${TRAIL_PYTHON:-python3}"

  if ! command -v "$python" >/dev/null 2>&1; then
    apt_packages+=(python3 python3-venv)
    python=/usr/bin/python3
  elif ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    # Debian's own python3 ships venv without ensurepip until python3-venv is in.
    apt_packages+=(python3-venv)
  fi
  apt_install "${apt_packages[@]}"

  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "trail set-up: $("$python" --version 2>&1) is too old; trail needs Python 3.11 or newer" >&2
    return 1
  fi

  # A venv made by another interpreter (or a moved checkout) no longer runs: make it again.
  if [ -x .venv/bin/python ] && ! .venv/bin/python -c 'import sys' >/dev/null 2>&1; then
    rm -rf .venv
  fi
  if [ ! -x .venv/bin/python ]; then
    echo "== python venv .venv ($("$python" --version 2>&1))"
    "$python" -m venv .venv
  fi
  VENV_PY="$PWD/.venv/bin/python"
  echo "== pip install -e .$extras (into .venv)"
  "$VENV_PY" -m pip install --quiet --disable-pip-version-check -e ".$extras"
}
