"""Opening built package zips the way an LMS importer does."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath


def zip_problems(zip_path: Path) -> list[str]:
    """Entry names that break real importers (lms-pitfalls.md §A7); [] when fine."""
    problems: list[str] = []
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
    for name in names:
        if "\\" in name:
            problems.append(f"{name!r} uses a backslash separator")
        if name.startswith("/") or ".." in PurePosixPath(name).parts:
            problems.append(f"{name!r} escapes the package root")
        if not name.isascii():
            problems.append(f"{name!r} is not ASCII")
    files = [n for n in names if not n.endswith("/")]
    if files and "imsmanifest.xml" not in files and "index.html" not in files:
        problems.append("neither imsmanifest.xml nor index.html is at the zip root")
    return problems


def extract_zip(zip_path: Path, dest: Path) -> Path:
    """Extract `zip_path` into `dest` (created) and return `dest`.

    Refuses entries that would land outside `dest`, so a broken archive fails
    the test instead of writing elsewhere.
    """
    dest.mkdir(parents=True, exist_ok=True)
    root = dest.resolve()
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            target = (root / info.filename).resolve()
            if target != root and root not in target.parents:
                raise ValueError(f"{zip_path.name}: entry {info.filename!r} escapes the package")
        zf.extractall(root)
    return dest
