"""Re-run a bench script with the project's own interpreter.

`python3 bench/run.py` and `python3 bench/report.py` are what the docs say to type; on stock
Debian that `python3` has none of trail's packages, while `.venv` (made by scripts/build.sh or
scripts/test.sh) has them all.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def use_project_python() -> None:
    """exec `.venv/bin/python` with the same arguments, unless it is already the one running."""
    venv_py = REPO / ".venv" / "bin" / "python"
    if venv_py.exists() and Path(sys.prefix).resolve() != (REPO / ".venv").resolve():
        os.execv(str(venv_py), [str(venv_py), *sys.argv])
