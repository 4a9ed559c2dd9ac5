"""Stage 5, archive: files → a zip that is the same bytes on every build.

Like wheel: sorted entries, one fixed timestamp (SOURCE_DATE_EPOCH when set),
fixed permissions, forward slashes, no folder entries and no wrapper folder,
so LMS imports and `sha256sum` both see one package per source.
"""

from __future__ import annotations

import os
import re
import time
import zipfile
from pathlib import Path

from packager.problems import UsageError
from packager.render import Files

EPOCH_DEFAULT = 315532800  # 1980-01-01T00:00:00Z, the earliest time a zip can hold
EPOCH_LAST = 4354819199  # 2107-12-31T23:59:59Z, the latest time a zip can hold
SAFE_PATH = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")
STORED = {".mp4", ".webm", ".png", ".jpg", ".jpeg", ".gif", ".woff2", ".zip", ".mp3", ".ogg"}


def timestamp() -> tuple[int, int, int, int, int, int]:
    """The zip entries' time: SOURCE_DATE_EPOCH when set (earlier than 1980 counts as 1980,
    as wheel does); a value a zip cannot hold is a usage error, raised before anything is written."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return time.gmtime(EPOCH_DEFAULT)[:6]
    if not raw.isascii() or not raw.isdigit() or int(raw) > EPOCH_LAST:
        raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 up to {EPOCH_LAST} "
                         f"(the end of 2107, the last time a zip can hold), got {raw[:40]!r}")
    return time.gmtime(max(int(raw), EPOCH_DEFAULT))[:6]


def unsafe_names(files: Files) -> list[str]:
    return [name for name in files if not SAFE_PATH.match(name) or ".." in name.split("/")]


def write_zip(files: Files, target: Path) -> int:
    """Write the zip atomically; return its size in bytes."""
    bad = unsafe_names(files)
    if bad:
        raise ValueError(f"unsafe file names in package: {', '.join(bad)}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    stamp = timestamp()
    with zipfile.ZipFile(partial, "w") as archive:
        for name in sorted(files):
            content = files[name]
            data = content.read_bytes() if isinstance(content, Path) else content
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o100644 << 16
            info.create_system = 3
            stored = Path(name).suffix.lower() in STORED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=None if stored else 9)
    partial.replace(target)
    return target.stat().st_size
