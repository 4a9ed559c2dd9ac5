"""The learner runtime's files as they go into a package (`packager/runtime/`).

The runtime has no build step, but some files are written in parts with one
job each and joined here: a format's adapter after the shared code it needs
(`scorm.js`, `lrs.js`), the LRS client (`lrs-client.js`) into `lrs.js`, the
state codec (`codec.js`) into the tracker and the learner UI's parts
(`trail-map.js`, `trail-quiz.js`, `trail-reflections.js`, `trail-video.js`) into
`trail.js`, each at an `// @include` line. The joined file is byte for byte what a
hand-written single file would be, less its whole-line comments, and tests and packages run
the same code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

RUNTIME_DIR = Path(__file__).parent / "runtime"
# A line that stands for a whole file of the runtime folder, indentation and all.
INCLUDE = re.compile(rb"^[ \t]*// @include ([A-Za-z0-9_.-]+\.js)\b[^\n]*\n", re.MULTILINE)


# A comment that is a whole line, or whole lines: what a learner's browser never needs (a tenth of
# the runtime's gzipped bytes). A comment after code on its line stays: only a JavaScript parser
# could tell it from `//` inside a string there.
COMMENT_LINES = re.compile(rb"^[ \t]*//[^\n]*\n|^[ \t]*/\*(?:(?!\*/).)*\*/[ \t]*\n", re.MULTILINE | re.DOTALL)


def source(name: str) -> bytes:
    """One runtime file as packages ship it: its `// @include` lines replaced by the files they
    name, without its whole-line comments."""
    text = (RUNTIME_DIR / name).read_bytes()
    return COMMENT_LINES.sub(b"", INCLUDE.sub(lambda m: source(m.group(1).decode()), text))


def joined(parts: Iterable[str]) -> bytes:
    """Runtime files one after the other (a format's `trail/adapter.js`)."""
    return b"\n".join(source(part) for part in parts)


def parts_exist(parts: Iterable[str]) -> bool:
    return all((RUNTIME_DIR / part).is_file() for part in parts)
