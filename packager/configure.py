"""`trail configure`: change a finished package's settings, and nothing else.

An admin without the course source changes the common-room link and the like
(`packager.settings`). The new zip is the old one with `trail/settings.json`
replaced: every other entry is copied as raw bytes (local header and
compressed data), in the same order, and the central directory records are the
old ones with offsets (and, for the settings entry, checksum and sizes)
patched. So a checksum comparison shows only that entry changed, and the same
settings give the same bytes every time.
"""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

from packager.settings import SETTINGS_PATH, SettingError, apply, encode_settings

LOCAL, CENTRAL, END = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"


class ConfigureError(Exception):
    """The package cannot be configured (not a zip, not ours, or a zip layout we do not rewrite)."""


def read_settings(path: Path) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(path) as archive:
            if SETTINGS_PATH not in archive.namelist():
                raise ConfigureError(f"{path.name} has no {SETTINGS_PATH}: it was not built by trail "
                                     "(or by a version without settings), so there is nothing to configure")
            data = json.loads(archive.read(SETTINGS_PATH))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ConfigureError(f"{path.name} cannot be read as a trail package: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigureError(f"{path.name}: {SETTINGS_PATH} is not a JSON object")
    return data


def deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def rewrite(source: Path, target: Path, name: str, content: bytes) -> None:
    """Copy `source` to `target` with member `name`'s content replaced, every other byte kept."""
    blob = source.read_bytes()
    end = blob.rfind(END)
    if end < 0 or len(blob) - end > 22 + 0xFFFF:
        raise ConfigureError(f"{source.name}: no zip directory found")
    count, _, cd_offset = struct.unpack("<HII", blob[end + 10:end + 20])
    if cd_offset == 0xFFFFFFFF or count == 0xFFFF:
        raise ConfigureError(f"{source.name} is a zip64 archive, which configure does not rewrite")
    out, directory, position = bytearray(), bytearray(), cd_offset
    for _ in range(count):
        if blob[position:position + 4] != CENTRAL:
            raise ConfigureError(f"{source.name}: damaged zip directory")
        flags, method = struct.unpack("<HH", blob[position + 8:position + 12])
        csize, name_len, extra_len, comment_len = struct.unpack("<I4xHHH", blob[position + 20:position + 34])
        offset = struct.unpack("<I", blob[position + 42:position + 46])[0]
        record = bytearray(blob[position:position + 46 + name_len + extra_len + comment_len])
        position += len(record)
        entry_name = bytes(record[46:46 + name_len]).decode("utf-8" if flags & 0x800 else "cp437")
        if blob[offset:offset + 4] != LOCAL or flags & 0x8:
            raise ConfigureError(f"{source.name}: entry {entry_name} has a layout configure does not rewrite")
        local_len = 30 + sum(struct.unpack("<HH", blob[offset + 26:offset + 30]))
        local = bytearray(blob[offset:offset + local_len])
        data = blob[offset + local_len:offset + local_len + csize]
        if entry_name == name:
            data = deflate(content) if method == zipfile.ZIP_DEFLATED else content
            sizes = struct.pack("<III", zlib.crc32(content), len(data), len(content))
            local[14:26] = sizes
            record[16:28] = sizes
        record[42:46] = struct.pack("<I", len(out))
        out += local + data
        directory += record
    tail = bytearray(blob[end:])
    tail[12:20] = struct.pack("<II", len(directory), len(out))
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(bytes(out + directory + tail))
    partial.replace(target)


def configure(source: Path, target: Path, changes: list[tuple[str, str]]) -> dict[str, Any]:
    """Write `target`: `source` with its settings changed; return the new settings.

    Raises SettingError (every bad key or value at once) or ConfigureError."""
    current = read_settings(source)
    new = apply(current, changes)
    rewrite(source, target, SETTINGS_PATH, encode_settings(new))
    with zipfile.ZipFile(target) as archive:  # the copy must read back whole
        broken = archive.testzip()
    if broken is not None:
        target.unlink()
        raise ConfigureError(f"the rewritten package failed its own check at {broken}")
    return new


__all__ = ["ConfigureError", "SettingError", "configure", "read_settings"]
