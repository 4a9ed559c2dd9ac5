"""`trail init`: a small course that builds, to start from."""

from __future__ import annotations

import shutil
from pathlib import Path

TEMPLATE = Path(__file__).parent / "course"


def init_course(target: Path) -> None:
    shutil.copytree(TEMPLATE, target, dirs_exist_ok=True)
