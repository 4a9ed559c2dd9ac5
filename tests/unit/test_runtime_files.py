"""The runtime files as packages ship them (packager/runtime_files.py): a file written in
parts arrives whole, so the learner's browser never meets an `// @include` line."""

from __future__ import annotations

import re

from packager.model import Format
from packager.render import Renderer
from packager.runtime_files import RUNTIME_DIR, source
from tests.unit.helpers import fixture_course

INCLUDE_LINE = re.compile(rb"^[ \t]*// @include ", re.MULTILINE)
TRAIL_PARTS = ("trail-map.js", "trail-quiz.js", "trail-reflections.js", "trail-video.js")


def test_every_part_of_the_learner_ui_is_in_the_shipped_trail_js() -> None:
    shipped = Renderer(fixture_course()).files(Format.WEB)["trail/trail.js"]
    assert isinstance(shipped, bytes)
    assert not INCLUDE_LINE.search(shipped)
    own = (RUNTIME_DIR / "trail.js").read_bytes()
    for part in TRAIL_PARTS:
        text = source(part)
        assert shipped.count(text) == 1, part  # joined once, where trail.js names it
        assert f"// @include {part}".encode() in own, part
    # the UI's start-up and its last function survive the join, in order
    assert shipped.index(b"function refresh()") < shipped.index(b"function submit(") < shipped.index(b"function boot()")


def code_lines(text: str) -> list[str]:
    """The lines that are not comments of their own, read line by line (not how `source` does it)."""
    out, inside = [], False
    for line in text.splitlines():
        bare = line.lstrip()
        if inside:
            inside = "*/" not in line
        elif bare.startswith("/*"):
            inside = not bare.rstrip().endswith("*/") or bare.rstrip() == "/*"
        elif not bare.startswith("//"):
            out.append(line)
    return out


def test_comments_on_lines_of_their_own_stay_home_and_the_code_is_whole() -> None:
    for path in sorted(RUNTIME_DIR.glob("*.js")):
        text = path.read_text(encoding="utf-8")
        if "// @include" in text:
            continue  # joined files: their parts are checked on their own
        assert source(path.name).decode().splitlines() == code_lines(text), path.name


def test_no_runtime_file_ships_an_unresolved_include() -> None:
    for path in sorted(RUNTIME_DIR.glob("*.js")):
        assert not INCLUDE_LINE.search(source(path.name)), path.name
