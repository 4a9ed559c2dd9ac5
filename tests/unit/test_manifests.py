"""Control documents of every format: golden files, the official XSDs, our rules.

Regenerate the golden files after an intended change with:

    TRAIL_REGEN_GOLDEN=1 python3 -m pytest tests/unit/test_manifests.py

and review the diff like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree

from packager.load import load
from packager.model import Course, Format
from packager.package import package
from packager.package.cmi5 import structure_problems
from packager.package.rules import manifest_problems
from packager.render import Renderer
from tests.unit.helpers import FIXTURE

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CONTROL = {Format.SCORM12: "imsmanifest.xml", Format.SCORM2004: "imsmanifest.xml",
           Format.XAPI: "tincan.xml", Format.CMI5: "cmi5.xml"}


@pytest.fixture(scope="module")
def course() -> Course:
    loaded = load(FIXTURE)
    assert loaded.course is not None
    return loaded.course


@pytest.fixture(scope="module")
def packages(course: Course) -> dict[Format, dict[str, bytes | Path]]:
    renderer = Renderer(course)
    return {fmt: package(fmt, course, renderer.files(fmt)) for fmt in CONTROL}


@pytest.mark.parametrize("fmt", list(CONTROL))
def test_control_document_matches_golden(packages: dict[Format, dict[str, bytes | Path]], fmt: Format) -> None:
    data = packages[fmt][CONTROL[fmt]]
    assert isinstance(data, bytes)
    golden = GOLDEN / f"{fmt}-{CONTROL[fmt]}"
    if os.environ.get("TRAIL_REGEN_GOLDEN"):
        golden.write_bytes(data)
    assert data.decode() == golden.read_text(encoding="utf-8")


def test_scorm12_manifest_is_valid(packages: dict[Format, dict[str, bytes | Path]],
                                   scorm_schema12: etree.XMLSchema) -> None:
    files = packages[Format.SCORM12]
    data = files["imsmanifest.xml"]
    assert isinstance(data, bytes)
    tree = etree.fromstring(data)
    assert scorm_schema12.validate(tree), scorm_schema12.error_log
    assert manifest_problems(data, "1.2", set(files)) == []
    listed = {f.get("href") for f in tree.iter("{*}file")}
    assert listed == set(files) - {"imsmanifest.xml"}
    assert tree.find(".//{*}masteryscore").text == "80"


def test_scorm2004_manifest_is_valid(packages: dict[Format, dict[str, bytes | Path]],
                                     scorm_schema2004: etree.XMLSchema) -> None:
    files = packages[Format.SCORM2004]
    data = files["imsmanifest.xml"]
    assert isinstance(data, bytes)
    tree = etree.fromstring(data)
    assert scorm_schema2004.validate(tree), scorm_schema2004.error_log
    assert manifest_problems(data, "2004", set(files)) == []
    mode = tree.find(".//{*}organization/{http://www.imsglobal.org/xsd/imsss}sequencing/{*}controlMode")
    assert (mode.get("choice"), mode.get("flow")) == ("true", "true")
    assert len(tree.findall(".//{http://www.imsglobal.org/xsd/imsss}objective")) == 3


def test_cmi5_structure_is_valid(packages: dict[Format, dict[str, bytes | Path]],
                                 cmi5_schema: etree.XMLSchema) -> None:
    files = packages[Format.CMI5]
    data = files["cmi5.xml"]
    assert isinstance(data, bytes)
    assert cmi5_schema.validate(etree.fromstring(data)), cmi5_schema.error_log
    assert structure_problems(data, set(files)) == []


def test_xapi_has_exactly_one_launchable_activity(packages: dict[Format, dict[str, bytes | Path]]) -> None:
    data = packages[Format.XAPI]["tincan.xml"]
    assert isinstance(data, bytes)
    tree = etree.fromstring(data)
    launches = tree.findall(".//{*}launch")
    assert [launch.text for launch in launches] == ["index.html"]
    ids = [a.get("id") for a in tree.iter("{*}activity")]
    assert len(ids) == len(set(ids)) == 1 + 3 + 2 + 8  # course, sites, videos, questions


def test_manifests_do_not_change_between_builds(course: Course) -> None:
    one, two = Renderer(course), Renderer(course)
    for fmt in CONTROL:
        assert package(fmt, course, one.files(fmt)) == package(fmt, course, two.files(fmt))
