#!/usr/bin/env bash
# Build every package of the course in course_source/ into dist/.
# Extra arguments go to `trail build` (e.g. `--format scorm12`).
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -e .
# The console script lands in this interpreter's scripts folder, which pyenv
# shims only see after a rehash: call it by path.
trail="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/trail"
[ -x "$trail" ] || trail=trail
"$trail" build course_source --out dist "$@"
