"""Reading a package we did not make, without trusting it.

Nothing is extracted: members are read into memory, each one only when a check
needs it and never past a size limit. Before anything is read the central
directory is checked for the classic attacks (a name that climbs out of the
folder it would be unpacked to, a symbolic link, a zip bomb, too many entries),
and a hostile member is never opened at all.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from packager.inspect.findings import Finding


class Unreadable(ValueError):
    """A member that passed the checks but cannot be read: `code` names the finding."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Limits:
    entries: int = 20_000
    total_bytes: int = 2 * 1024**3  # uncompressed; the largest LMS limit we know is 1-2 GB
    member_bytes: int = 64 * 1024**2  # what one check may read into memory
    ratio: int = 100  # uncompressed / compressed, for members larger than `ratio_floor`
    ratio_floor: int = 1024**2


@dataclass
class Package:
    """The members of a zip that passed the safety checks, by name, in zip order."""

    path: Path
    archive: zipfile.ZipFile
    limits: Limits
    members: dict[str, zipfile.ZipInfo] = field(default_factory=dict)
    size: int = 0  # of the zip file
    unpacked: int = 0  # declared uncompressed total of the safe members

    def read(self, name: str) -> bytes:
        """A safe member's bytes, at most `limits.member_bytes`; Unreadable when it cannot be had."""
        info = self.members[name]
        try:
            with self.archive.open(info) as handle:
                data = handle.read(self.limits.member_bytes + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
            raise Unreadable("damaged-entry", f"{name} cannot be unpacked ({exc}); the zip is damaged, encrypted or "
                             "uses a compression LMSs do not support, and the import fails.") from exc
        if len(data) > self.limits.member_bytes:
            raise Unreadable("too-large", f"{name} is larger than {self.limits.member_bytes:,} bytes; inspect does "
                             "not read it, and an LMS may refuse it.")
        return data

    def close(self) -> None:
        self.archive.close()


def is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def escapes(name: str) -> bool:
    """A name that would land outside the folder it is unpacked into (`..`, or a drive)."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return ".." in parts or (len(name) > 1 and name[1] == ":")


def open_package(path: Path, limits: Limits | None = None) -> tuple[Package | None, list[Finding]]:
    """The package's safe members and a finding for every unsafe one; None if it is no zip."""
    limits = limits or Limits()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        return None, [Finding("not-a-zip", f"{path.name} is not a zip file that can be opened ({exc}).")]
    infos = archive.infolist()
    if len(infos) > limits.entries:
        archive.close()
        return None, [Finding("too-many-entries", f"The zip has {len(infos)} entries; inspect stops above "
                                                   f"{limits.entries}, and so do many LMSs.")]
    package = Package(path, archive, limits, size=path.stat().st_size)
    findings: list[Finding] = []
    for info in infos:
        name = info.filename
        if is_symlink(info):
            findings.append(Finding("symlink", "The entry is a symbolic link; an LMS that unpacks it could be made "
                                    "to serve any file on its server. Replace it with the real file.", name))
        elif escapes(name):
            findings.append(Finding("zip-slip", "The entry's name climbs out of the package folder ('..' or a "
                                    "drive letter); unpacking it would write outside the course folder.", name))
        elif info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(info.compress_size, 1):
            findings.append(Finding("zip-bomb", f"The entry unpacks to {info.file_size:,} bytes from "
                                    f"{info.compress_size:,} (more than {limits.ratio} to 1): a zip bomb, "
                                    "or content no LMS should have to unpack.", name))
        elif info.is_dir():
            continue
        else:
            package.members[name] = info
            package.unpacked += info.file_size
    if package.unpacked > limits.total_bytes:
        findings.append(Finding("too-large", f"The package unpacks to {package.unpacked:,} bytes, more than "
                                f"{limits.total_bytes:,}; LMSs refuse packages this large."))
    return package, findings
