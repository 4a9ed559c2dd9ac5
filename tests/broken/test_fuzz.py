"""Fuzzing the loader: whatever a source file holds, trail gives a model or problems.

Raw bytes and structured edits (a value replaced by another YAML value, a line dropped
or doubled, text inserted anywhere) of each kind of source file of the starter course;
`check` must return, never raise; when it finds no error, the SCORM 2004 package
(the format with the most XML) must build too, since a value that passes check and
then breaks the build was one of the crashes this guards against.

The number of examples per test is TRAIL_FUZZ_EXAMPLES (default 25; twelve tests: 300
in CI); `python tools/fuzz.py` runs a long session.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from packager.build import build, check
from packager.model import Format
from tests.unit.helpers import FIXTURE

EXAMPLES = int(os.environ.get("TRAIL_FUZZ_EXAMPLES", "25"))
KINDS = {
    "course.yaml": "course.yaml",
    "site.md": "sites/01-forste-stopp/site.md",
    "quiz.yaml": "sites/01-forste-stopp/quiz.yaml",
    "page.md": "pages/welcome.md",
    "captions.vtt": "sites/02-andre-stopp/media/video.vtt",
    "video-site.md": "sites/02-andre-stopp/site.md",
}
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=False, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Values a designer (or a cat on the keyboard) could put after `key:`.
YAML_VALUES = st.one_of(
    st.sampled_from(["", "~", "true", "no", "0", "-1", "1e400", ".nan", "-.inf", "[]", "{}", "[1, 2]", "{a: 1}",
                     "[[]]", "'\\x0b'", '"\\x0b"', '"\\ud800"', '"\\x00"', "javascript:alert(1)", "data:text/html,x",
                     "../../etc/passwd", "/media/../x", "media/../quiz.yaml", "http://x", "&a [*a]", "!!binary aGk=",
                     "|", ">-", "'" + "a" * 300 + "'", "\u2028", "\ufeff", "- a\n- b"]),
    st.integers().map(str),
    st.text(max_size=40).map(json.dumps),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
)


@pytest.fixture(scope="module")
def course() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="trail-fuzz-"))
    try:
        yield Path(shutil.copytree(FIXTURE.resolve(), folder / "course"))
    finally:
        shutil.rmtree(folder)


def _exercise(course: Path, rel: str, data: bytes) -> None:
    path = course / rel
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        result = check(course)  # never raises: a model or problems
        assert result.ok == (not result.problems.errors)
        if result.ok:
            assert result.course is not None
            built = build(course, course.parent / "out", [Format.SCORM2004])
            assert built.ok, [str(p) for p in built.problems.errors]
    finally:
        path.write_bytes(original)


@pytest.mark.parametrize("kind", sorted(KINDS))
@FUZZ
@given(data=st.binary(max_size=2000))
def test_raw_bytes(course: Path, kind: str, data: bytes) -> None:
    _exercise(course, KINDS[kind], data)


@st.composite
def edited(draw: st.DrawFn, text: str) -> bytes:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        what = draw(st.sampled_from(["value", "value", "drop", "double", "insert", "bytes"]))
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        if what == "value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {draw(YAML_VALUES)}"
        elif what == "drop" and lines:
            del lines[i]
        elif what == "double" and lines:
            lines.insert(i, lines[i])
        elif what == "insert":
            at = draw(st.integers(0, len(lines[i]) if lines else 0))
            if lines:
                lines[i] = lines[i][:at] + draw(st.text(max_size=10)) + lines[i][at:]
        elif what == "bytes":
            joined = "\n".join(lines).encode("utf-8")
            at = draw(st.integers(0, len(joined)))
            return joined[:at] + draw(st.binary(min_size=1, max_size=8)) + joined[at:]
    return "\n".join(lines).encode("utf-8", errors="surrogatepass")


@pytest.mark.parametrize("kind", sorted(KINDS))
@FUZZ
@given(data=st.data())
def test_structured_edits(course: Path, kind: str, data: st.DataObject) -> None:
    rel = KINDS[kind]
    text = (FIXTURE / rel).read_text(encoding="utf-8")
    _exercise(course, rel, data.draw(edited(text)))
