"""Each input file read once per build: its size, CRC-32 (for zips) and SHA-256 (for the cache).

Every format's zip holds the same media; reading a 2 GB video once per zip, or
whole into memory, is what made big courses slow and memory-hungry. `Digests`
reads a file in fixed chunks into one reused buffer, once, and remembers the
result by the file's identity (size, mtime, inode), so a later build with a
saved table (the incremental build cache) does not read unchanged media at all.
"""

from __future__ import annotations

import hashlib
import os
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20


@dataclass(frozen=True)
class Digest:
    size: int
    crc: int
    sha256: str


def _identity(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def read_digest(path: Path) -> Digest:
    """Size, CRC-32 and SHA-256 of a file in one pass over fixed-size chunks."""
    sha, crc, size = hashlib.sha256(), 0, 0
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    with path.open("rb", buffering=0) as src:
        while n := src.readinto(buffer):
            sha.update(view[:n])
            crc = zlib.crc32(view[:n], crc)
            size += n
    return Digest(size, crc, sha.hexdigest())


class Digests:
    """Digests by path for one build, seeded from a saved table: `{path: [size, mtime_ns, inode, crc, sha256]}`."""

    def __init__(self, saved: dict[str, list[object]] | None = None) -> None:
        self._saved = saved or {}
        self._known: dict[str, tuple[tuple[int, int, int], Digest]] = {}
        self._lock = threading.Lock()
        self.read: list[str] = []  # the files actually read, in order

    @property
    def reads(self) -> int:
        return len(self.read)

    def seed(self, saved: dict[str, list[object]]) -> None:
        """Digests another build saved (a variant's folder): used where a file is still as it was."""
        with self._lock:
            for key, value in saved.items():
                self._saved.setdefault(key, value)

    def of(self, path: Path) -> Digest:
        key = str(path)
        stat = path.stat()
        ident = _identity(stat)
        with self._lock:
            known = self._known.get(key)
        if known is not None and known[0] == ident:
            return known[1]
        saved = self._saved.get(key)
        if saved is not None and tuple(saved[:3]) == ident:
            digest = Digest(ident[0], int(saved[3]), str(saved[4]))  # type: ignore[call-overload]
        else:
            digest = read_digest(path)
            with self._lock:
                self.read.append(key)
        with self._lock:
            self._known[key] = (ident, digest)
        return digest

    def table(self) -> dict[str, list[object]]:
        """What to save for the next build: every file seen in this one."""
        with self._lock:
            return {k: [*ident, d.crc, d.sha256] for k, (ident, d) in sorted(self._known.items())}
