"""Checks on the package's files themselves, whatever its format: names, secrets, media.

The names are checked as the zip holds them, because that is what the LMS
unpacks: a backslash becomes part of a file name on Linux servers, an absolute
name lands wherever the unpacker puts it, and accented names break on Windows.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from packager.inspect.findings import Finding
from packager.inspect.safezip import Package, Unreadable

TEXT = {".html", ".htm", ".js", ".mjs", ".json", ".xml", ".txt", ".cfg", ".ini", ".env", ".yaml", ".yml",
        ".properties", ".config"}
MEDIA = {"video": {".mp4", ".webm", ".ogv", ".mov", ".m4v"}, "audio": {".mp3", ".ogg", ".oga", ".wav", ".m4a"},
         "image": {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}, "subtitles": {".vtt", ".srt"}}
# An Authorization header value, or a key that names a secret given a literal value.
SECRETS = [
    re.compile(r"""Basic\s+[A-Za-z0-9+/]{12,}={0,2}"""),
    re.compile(r"""["']?\b(password|passwd|secret|api[_-]?key|access[_-]?key|client[_-]?secret|lrs[_-]?(?:key|secret)"""
               r"""|auth|authorization)["']?\s*[:=]\s*["']([^"'\s]{4,})["']""", re.I),
    re.compile(r"""["']?\bendpoint["']?\s*[:=]\s*["'](https?://[^"'\s]+)["']""", re.I),
]


def name_findings(package: Package) -> list[Finding]:
    findings: list[Finding] = []
    for name in package.members:
        if "\\" in name:
            findings.append(Finding("backslash-path", "The file name uses backslashes; LMSs on Linux unpack it as "
                                    "one flat file with backslashes in its name, so the course cannot find it. "
                                    "Zip with forward slashes.", name))
        if name.startswith("/"):
            findings.append(Finding("absolute-path", "The file name is absolute (starts with '/'); names in a "
                                    "package must be relative to its root.", name))
        if not name.isascii():
            findings.append(Finding("non-ascii-path", "The file name has non-ASCII characters; some LMSs and "
                                    "Windows unpackers mangle them and the link to the file breaks.", name))
    return findings


def secret_findings(package: Package) -> list[Finding]:
    """LRS endpoints, credentials and other secrets written into the package's text files."""
    findings: list[Finding] = []
    for name in package.members:
        if PurePosixPath(name).suffix.lower() not in TEXT:
            continue
        try:
            text = package.read(name).decode("utf-8", "replace")
        except Unreadable as exc:
            if exc.code == "damaged-entry":  # too large: not a source of secrets worth reading whole
                findings.append(Finding(exc.code, str(exc), name))
            continue
        for pattern in SECRETS:
            found = pattern.search(text)
            if found:
                line = text.count("\n", 0, found.start()) + 1
                shown = found.group(0)[:24] + "…"
                findings.append(Finding("credentials", f"Line {line} holds what looks like an LRS address or a "
                                        f"credential ({shown!r}). Anyone who opens the course can read it. "
                                        "A package must take the LRS and credentials from the launch only.",
                                        name))
                break
    return findings


def media_summary(package: Package) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for name, info in package.members.items():
        suffix = PurePosixPath(name).suffix.lower()
        kind = next((k for k, suffixes in MEDIA.items() if suffix in suffixes), None)
        if kind:
            entry = out.setdefault(kind, {"files": 0, "bytes": 0})
            entry["files"] += 1
            entry["bytes"] += info.file_size
    return out
