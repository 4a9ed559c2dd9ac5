#!/usr/bin/env bash
# Set up a virtual environment in .venv and build every package of course_source/ into dist/.
# Extra arguments go to `trail build` (e.g. `--format scorm12`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

trail_setup ""
.venv/bin/trail build course_source --out dist "$@"
