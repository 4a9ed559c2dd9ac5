"""Reading course files: what may be read, and how its bytes become text.

Every file the loader reads comes through here, so the rules hold for all of them:
the file is inside the course after resolving links, is a regular file that can be
read, and is UTF-8 (a BOM is accepted) without characters XML cannot carry. A file
that breaks a rule is a problem naming it, and loading goes on with what could be
read (bad bytes become U+FFFD), so one `trail check` still shows everything else.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

from packager.problems import Problems

BOM = b"\xef\xbb\xbf"
# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Lines as editors count them: CR LF, CR or LF; never U+2028, U+0085 or form feed.
LINE_BREAK = re.compile(r"\r\n?")
# Editor and OS leftovers: never course files, never shipped.
LEFTOVER = re.compile(r"^(\.#.*|.*~|\.DS_Store|\._.*|Thumbs\.db|desktop\.ini|\..*\.sw[a-p])$", re.IGNORECASE)


def is_leftover(name: str) -> bool:
    """An editor lock or backup (`.#x`, `x~`, `.x.swp`) or OS litter (`.DS_Store`, `._x`)."""
    return LEFTOVER.match(name) is not None


def inside(path: Path, root: Path) -> bool | None:
    """Whether `path`, after resolving every link, is in `root`; None for a link loop."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # RuntimeError: "Symlink loop" before Python 3.13
        return None


def where_problem(path: Path, root: Path) -> str | None:
    """Why `path` cannot be read as a course file, or None when it can."""
    placed = inside(path, root)
    if placed is None:
        return "is a symbolic link that loops back on itself"
    if not placed:
        return "is a link to a file outside the course folder; copy the file into the course"
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "does not exist (a broken link?)"
    except OSError as exc:
        return f"cannot be read: {(exc.strerror or str(exc)).lower()}"
    if stat.S_ISDIR(mode):
        return "is a folder; expected a file"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a pipe or device?)"
    return None


def read_bytes(path: Path, root: Path, file: str, problems: Problems, line: int = 0, key: str = "",
               subject: str = "", limit: int = -1) -> bytes | None:
    """The bytes of a course file (the first `limit` only, if given), or None after reporting
    why it cannot be read, at `file:line key`, the message starting with `subject`."""
    problem = where_problem(path, root)
    if problem is None:
        try:
            with path.open("rb") as handle:
                return handle.read(limit)
        except OSError as exc:
            problem = f"cannot be read: {(exc.strerror or str(exc)).lower()}"
    problems.error(file, line, key, f"{subject} {problem}".strip())
    return None


def read_text(path: Path, root: Path, file: str, problems: Problems) -> str | None:
    data = read_bytes(path, root, file, problems)
    return None if data is None else decode_text(data, file, problems)


def decode_text(data: bytes, file: str, problems: Problems) -> str | None:
    """UTF-8 text with '\\n' line ends, or None for bytes that are not UTF-8 (reported once:
    what follows would be noise). A character XML cannot carry is reported at its line and
    replaced by U+FFFD, so the rest of the file is still checked."""
    data = data.removeprefix(BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        guess = " (it looks like UTF-16)" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        problems.error(file, line, "", f"is not UTF-8 text{guess}: byte 0x{data[exc.start]:02x} at byte offset "
                       f"{exc.start} cannot be decoded; save the file as UTF-8")
        return None
    text = LINE_BREAK.sub("\n", text)
    seen: set[int] = set()
    for bad in XML_INVALID.finditer(text):
        line = text.count("\n", 0, bad.start()) + 1
        if line not in seen:
            seen.add(line)
            problems.error(file, line, "", f"{character_problem(bad.group())}; remove it")
    return XML_INVALID.sub("\ufffd", text) if seen else text


def character_problem(char: str) -> str:
    kind = "a lone UTF-16 surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    return f"contains U+{ord(char):04X}, {kind} that XML (and so every package) cannot carry"


def xml_invalid(text: str) -> str | None:
    """The first character of `text` that XML cannot carry, if any."""
    bad = XML_INVALID.search(text)
    return bad.group() if bad else None
