"""Make broken courses from the working fixture course, one edit at a time."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from packager.model import Course

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "course"


def course_copy(tmp_path: Path, name: str = "course") -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURE, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def fixture_course() -> Course:
    """The fixture course, loaded and checked (a test that edits it uses `dataclasses.replace`)."""
    from packager.build import check

    loaded = check(FIXTURE).course
    assert loaded is not None
    return loaded


def matches_golden(golden: Path, data: bytes) -> bool:
    """`data` equals the golden file (rewritten first when TRAIL_REGEN_GOLDEN is set)."""
    if os.environ.get("TRAIL_REGEN_GOLDEN"):
        golden.write_bytes(data)
    return data.decode() == golden.read_text(encoding="utf-8")
