"""A deterministic zip writer that streams files and shares work between zips.

Python's zipfile learns an entry's CRC while writing it, so five zips of one
course read and checksum every video five times, and `writestr` needs the
whole file in memory. Here every entry's CRC and size are known before it is
written (`Digests` reads each file once per build), so a stored file is copied
into every zip by the kernel (`os.copy_file_range`) without passing through
Python, and a text entry is deflated once however many zips hold it
(`Deflated`). Deflate and copies release the GIL, so zips are written in
parallel threads where there are cores.

The format is plain PKZIP 2.0 (zip64 only where an entry or an offset passes
4 GiB): no data descriptors, no extra fields otherwise, Unix mode 0644, one
timestamp, the layout zipfile writes, so every LMS importer reads it.
"""

from __future__ import annotations

import os
import struct
import threading
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packager.digests import CHUNK, Digests

LOCAL = struct.Struct("<4s2H3H3L2H")  # signature, version, flags, method, time, date, crc, csize, size, name, extra
CENTRAL = struct.Struct("<4s6H3L5H2L")
END = struct.Struct("<4s4H2LH")
END64 = struct.Struct("<4sQ2H2L4Q")
LOCATOR64 = struct.Struct("<4sLQL")
MAX32 = 0xFFFFFFFF  # the "see the zip64 field" marker
LIMIT32 = MAX32  # values from here on go to zip64 fields (tests lower it to exercise zip64)
MADE_BY = (3 << 8) | 20  # Unix, zip 2.0 (what zipfile writes)
MODE = 0o100644 << 16
INLINE_LIMIT = 16 << 20  # a deflated file larger than this is compressed chunk by chunk, per zip
SHARED_START = 1 << 16  # a start shared by contents is deflated once from this length on


@dataclass(frozen=True)
class Item:
    """One entry to write: bytes, or a file on disk; stored (copied) or deflated (level 9)."""

    name: str
    content: bytes | Path
    stored: bool


class Deflated:
    """Each distinct content deflated once per build, whichever zips and threads ask for it.

    The formats' pages are the same bytes up to their data JSON, three quarters of the way
    in: `share()` deflates such contents one after another, each resuming from the state the
    compressor had where an earlier one parts from it. Deflate's output does not depend on
    how its input is cut into calls, so the bytes are those of deflating each whole
    (tests/unit/test_zipwriter.py).
    """

    def __init__(self) -> None:
        self._done: dict[object, tuple[bytes, int, int]] = {}
        self._lock = threading.Lock()

    def get(self, item: Item, digests: Digests) -> tuple[bytes, int, int] | None:
        """(deflated bytes, crc, size), or None for a file too large to hold compressed in memory."""
        if isinstance(item.content, Path):
            digest = digests.of(item.content)
            if digest.size > INLINE_LIMIT:
                return None
            key: object = (digest.sha256, digest.size)
        else:
            key = item.content
        with self._lock:
            if key in self._done:
                return self._done[key]
        data = item.content.read_bytes() if isinstance(item.content, Path) else item.content
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        done = (packer.compress(data) + packer.flush(), zlib.crc32(data), len(data))
        with self._lock:
            return self._done.setdefault(key, done)

    def share(self, contents: Sequence[bytes]) -> None:
        """Deflate `contents` now, each from an earlier one's state where they part (the earliest of
        those sharing the longest start), so a start they share is deflated once."""
        with self._lock:
            todo = [c for c in dict.fromkeys(contents) if c not in self._done]
        base: dict[int, tuple[int, int]] = {}  # content → (earlier content, where they part)
        wanted: dict[int, set[int]] = {i: set() for i in range(len(todo))}  # where to keep a content's state
        for i, data in enumerate(todo):
            cut, j = max(((_common_start(todo[j], data), -j) for j in range(i)), default=(0, 0))
            if cut >= SHARED_START:
                base[i] = (-j, cut)
                wanted[-j].add(cut)
        states: dict[tuple[int, int], tuple[Any, list[bytes]]] = {}
        for i, data in enumerate(todo):
            packer, out, pos = zlib.compressobj(9, zlib.DEFLATED, -15), [], 0
            if i in base and base[i] in states:
                state, written = states[base[i]]
                packer, out, pos = state.copy(), list(written), base[i][1]
            view = memoryview(data)
            for cut in sorted(c for c in wanted[i] if c >= pos):
                out.append(packer.compress(view[pos:cut]))
                pos = cut
                states[(i, cut)] = (packer.copy(), list(out))
            out.append(packer.compress(view[pos:]))
            out.append(packer.flush())
            with self._lock:
                self._done.setdefault(data, (b"".join(out), zlib.crc32(data), len(data)))


def _common_start(a: bytes, b: bytes, block: int = 4096) -> int:
    """How many bytes `a` and `b` start with alike: the first differing block, then the byte in it."""
    size, at = min(len(a), len(b)), 0
    while at < size and a[at:at + block] == b[at:at + block]:
        at += block
    end = min(at + block, size)
    while at < end and a[at] == b[at]:
        at += 1
    return at


@dataclass
class _Written:
    name: bytes
    method: int
    crc: int
    csize: int
    size: int
    offset: int


class ZipOut:
    """One zip being written front to back through an unbuffered file."""

    def __init__(self, path: Path, stamp: tuple[int, int, int, int, int, int]) -> None:
        self.out = path.open("wb", buffering=0)
        self.offset = 0
        self.entries: list[_Written] = []
        year, month, day, hour, minute, second = stamp
        self.dos_time = (hour << 11) | (minute << 5) | (second // 2)
        self.dos_date = ((year - 1980) << 9) | (month << 5) | day

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[self.out.write(view) or 0:]
        self.offset += len(data)

    def _header(self, name: bytes, method: int, crc: int, csize: int, size: int) -> None:
        big = size >= LIMIT32 or csize >= LIMIT32
        extra = struct.pack("<2H2Q", 1, 16, size, csize) if big else b""
        self.entries.append(_Written(name, method, crc, csize, size, self.offset))
        self._write(LOCAL.pack(b"PK\x03\x04", 45 if big else 20, 0, method, self.dos_time, self.dos_date, crc,
                               MAX32 if big else csize, MAX32 if big else size, len(name), len(extra)) + name + extra)

    def add_bytes(self, name: str, data: bytes, crc: int, size: int, deflated: bool) -> None:
        self._header(name.encode("ascii"), 8 if deflated else 0, crc, len(data), size)
        self._write(data)

    def add_file(self, name: str, path: Path, crc: int, size: int) -> None:
        """Stored: the kernel copies the file's bytes straight into the zip."""
        self._header(name.encode("ascii"), 0, crc, size, size)
        with path.open("rb", buffering=0) as src:
            copied = _copy(src.fileno(), self.out.fileno(), size)
        if copied != size:
            raise OSError(f"{path} changed while it was being packaged")
        self.offset += size

    def add_deflated_stream(self, name: str, path: Path, crc: int, size: int) -> None:
        """Deflated chunk by chunk; the header's compressed size is filled in afterwards."""
        start = self.offset
        self._header(name.encode("ascii"), 8, crc, 0, size)
        packer, csize = zlib.compressobj(9, zlib.DEFLATED, -15), 0
        for chunk in _chunks(path):
            data = packer.compress(chunk)
            csize += len(data)
            self._write(data)
        tail = packer.flush()
        csize += len(tail)
        self._write(tail)
        entry = self.entries[-1]
        entry.csize = csize
        if size < LIMIT32 and csize < LIMIT32:
            os.pwrite(self.out.fileno(), struct.pack("<L", csize), start + 18)
        else:
            os.pwrite(self.out.fileno(), struct.pack("<2Q", size, csize), start + LOCAL.size + len(entry.name) + 4)

    def close(self) -> None:
        start = self.offset
        for e in self.entries:
            fields = [v for v in (e.size, e.csize, e.offset) if v >= LIMIT32]
            extra = struct.pack(f"<2H{len(fields)}Q", 1, 8 * len(fields), *fields) if fields else b""
            self._write(CENTRAL.pack(
                b"PK\x01\x02", MADE_BY, 45 if fields else 20, 0, e.method, self.dos_time, self.dos_date, e.crc,
                _narrow(e.csize), _narrow(e.size), len(e.name), len(extra), 0, 0, 0, MODE,
                _narrow(e.offset)) + e.name + extra)
        size, count = self.offset - start, len(self.entries)
        if count > 0xFFFF or start >= LIMIT32 or size >= LIMIT32:
            end64 = self.offset
            self._write(END64.pack(b"PK\x06\x06", END64.size - 12, MADE_BY, 45, 0, 0, count, count, size, start))
            self._write(LOCATOR64.pack(b"PK\x06\x07", 0, end64, 1))
        self._write(END.pack(b"PK\x05\x06", 0, 0, min(count, 0xFFFF), min(count, 0xFFFF),
                             _narrow(size), _narrow(start), 0))
        self.out.close()


def _narrow(value: int) -> int:
    return MAX32 if value >= LIMIT32 else value


def _copy(src: int, dst: int, size: int) -> int:
    copied = 0
    try:
        while copied < size:
            n = os.copy_file_range(src, dst, min(CHUNK * 64, size - copied))
            if n == 0:
                break
            copied += n
        return copied
    except OSError:  # a file system or kernel without copy_file_range: plain chunks
        os.lseek(src, copied, os.SEEK_SET)
        buffer = bytearray(CHUNK)
        while copied < size and (n := os.readv(src, [buffer])):
            view = memoryview(buffer)[:min(n, size - copied)]
            while view:
                view = view[os.write(dst, view):]
            copied += min(n, size - copied)
        return copied


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as src:
        while chunk := src.read(CHUNK):
            yield chunk


def write(items: list[Item], target: Path, stamp: tuple[int, int, int, int, int, int], digests: Digests,
          deflated: Deflated) -> None:
    """Write `items` in the order given into `target` (created or replaced)."""
    zf = ZipOut(target, stamp)
    try:
        for item in items:
            if item.stored and isinstance(item.content, Path):
                d = digests.of(item.content)
                zf.add_file(item.name, item.content, d.crc, d.size)
            elif item.stored and isinstance(item.content, bytes):
                zf.add_bytes(item.name, item.content, zlib.crc32(item.content), len(item.content), False)
            elif (packed := deflated.get(item, digests)) is not None:
                data, crc, size = packed
                zf.add_bytes(item.name, data, crc, size, True)
            else:
                assert isinstance(item.content, Path)
                d = digests.of(item.content)
                zf.add_deflated_stream(item.name, item.content, d.crc, d.size)
    finally:
        zf.close()
