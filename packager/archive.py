"""Stage 5, archive: files → a zip that is the same bytes on every build.

Like wheel: sorted entries, one fixed timestamp (SOURCE_DATE_EPOCH when set),
fixed permissions, forward slashes, no folder entries and no wrapper folder,
so LMS imports and `sha256sum` both see one package per source. The bytes are
written by `packager.zipwriter`, which streams media and shares work between zips.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from packager.digests import Digests
from packager.files import Files
from packager.problems import UsageError
from packager.zipwriter import SHARED_START, Deflated, Item, write

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


def items(files: Files) -> list[Item]:
    """The zip's entries in their fixed order: sorted names, media stored, the rest deflated."""
    return [Item(name, files[name], Path(name).suffix.lower() in STORED) for name in sorted(files)]


def write_zip(files: Files, target: Path, digests: Digests | None = None, deflated: Deflated | None = None) -> int:
    """Write the zip atomically; return its size in bytes."""
    bad = unsafe_names(files)
    if bad:
        raise ValueError(f"unsafe file names in package: {', '.join(bad)}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    write(items(files), partial, timestamp(), digests or Digests(), deflated or Deflated())
    partial.replace(target)
    return target.stat().st_size


def write_zips(jobs: Sequence[tuple[Files, Path]], digests: Digests | None = None,
               deflated: Deflated | None = None) -> list[int]:
    """Several zips at once, in parallel where there are cores; media read and text deflated once for all
    (and for the command's other builds, given their `digests` and `deflated`)."""
    timestamp()  # a SOURCE_DATE_EPOCH a zip cannot hold stops the build before anything is read or written
    digests, deflated = digests or Digests(), deflated or Deflated()
    for path in sorted({c for files, _ in jobs for c in files.values() if isinstance(c, Path)}):
        digests.of(path)  # each file read once, here, before the zips' threads share the results
    deflated.share([item.content for files, _ in jobs for item in items(files)  # the pages, before the threads
                    if not item.stored and isinstance(item.content, bytes) and len(item.content) >= SHARED_START])
    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    if workers == 1:
        return [write_zip(files, target, digests, deflated) for files, target in jobs]
    return _in_threads(len(jobs), workers, lambda i: write_zip(jobs[i][0], jobs[i][1], digests, deflated))


def _in_threads(count: int, workers: int, work: Callable[[int], int]) -> list[int]:
    """`work(0 .. count-1)` in `workers` threads, results in order; the first error is raised once all
    threads stopped. (concurrent.futures would do it, but importing it costs a small build more than this.)"""
    results = [0] * count
    errors: list[BaseException] = []
    todo, lock = iter(range(count)), threading.Lock()

    def run() -> None:
        while not errors:
            with lock:
                i = next(todo, None)
            if i is None:
                return
            try:
                results[i] = work(i)
            except BaseException as exc:  # re-raised in the caller's thread
                errors.append(exc)

    threads = [threading.Thread(target=run, name=f"trail-zip-{n}") for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
