"""Whole builds of the real trail: every format, same bytes every time, no secrets."""

from __future__ import annotations

import gzip
import re
import zipfile
from pathlib import Path

import pytest

from packager.build import Result, build, supported_formats
from packager.model import Format

SOURCE = Path(__file__).resolve().parents[1] / "course_source"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "course"


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Result]:
    one = build(SOURCE, tmp_path_factory.mktemp("one"))
    two = build(SOURCE, tmp_path_factory.mktemp("two"))
    return one, two


def test_every_format_is_built(twice: tuple[Result, Result]) -> None:
    one, _ = twice
    assert one.ok, [str(p) for p in one.problems.items]
    assert {p.format for p in one.packages} == set(Format) == set(supported_formats())
    for package in one.packages:
        assert package.path.name == f"boligsosial-laeringsloype-{package.format}.zip"


def test_two_builds_are_byte_identical(twice: tuple[Result, Result]) -> None:
    one, two = twice
    for a, b in zip(one.packages, two.packages, strict=True):
        assert a.path.read_bytes() == b.path.read_bytes(), a.format


def test_packages_carry_no_lrs_endpoint_or_credentials(twice: tuple[Result, Result]) -> None:
    secrets = re.compile(rb"(Basic [A-Za-z0-9+/=]{8,}|\"(endpoint|auth|password|secret)\"\s*:\s*\"[^\"]+\")")
    for package in twice[0].packages:
        with zipfile.ZipFile(package.path) as archive:
            for name in archive.namelist():
                if name.endswith((".html", ".js", ".json", ".xml")):
                    found = secrets.search(archive.read(name))
                    assert found is None, f"{package.format}:{name}: {found!r}"


def test_runtime_payload_stays_small(tmp_path: Path) -> None:
    """HTML + CSS + JS of the learner runtime, without media or course text, ≤ 60 KB gzipped.

    The SCORM control documents (.xsd, .dtd) at the zip root are not counted: the LMS reads
    them at import, the learner's browser never loads them."""
    result = build(FIXTURE, tmp_path)
    assert result.ok
    for package in result.packages:
        with zipfile.ZipFile(package.path) as archive:
            names = [n for n in archive.namelist() if n.endswith((".html", ".css", ".js"))]
            size = sum(len(gzip.compress(archive.read(n), 9)) for n in names)
        assert size <= 60 * 1024, f"{package.format}: {size} bytes gzipped"
