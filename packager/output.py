"""Where trail writes: checks made before anything is written, so a usage mistake is one
line (exit 2) and never a traceback or a half-written folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from packager.problems import UsageError


def writable_folder(path: Path, what: str = "output folder") -> Path:
    """Create `path` if needed and prove that a file can be written in it.

    A real probe rather than `os.access`: root passes `os.access` everywhere, yet
    cannot write into /sys, a read-only mount or a full disk.
    """
    if path.exists() and not path.is_dir():
        raise UsageError(f"{what} {path} is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {what} {path}: {_reason(exc)}") from exc
    try:
        handle, probe = tempfile.mkstemp(prefix=".trail-probe-", dir=path)
    except OSError as exc:
        raise UsageError(f"cannot write into {what} {path}: {_reason(exc)}") from exc
    os.close(handle)
    os.unlink(probe)
    return path


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()
