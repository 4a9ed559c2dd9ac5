"""SCORM 1.2 `sco_mode: per-site`: the manifest (golden, official XSDs, our rules) and its mastery scores.

Regenerate the golden file after an intended change with
`TRAIL_REGEN_GOLDEN=1 python3 -m pytest tests/unit/test_manifest_per_site_scorm12.py`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from packager.load import load
from packager.model import Course, Format, ScoMode
from packager.package import package
from packager.package.format import ScormOptions
from packager.package.rules import manifest_problems
from packager.render import Renderer
from tests.unit.helpers import FIXTURE, matches_golden
from tests.unit.test_manifest_per_site import without_quiz

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "scorm12-per-site-imsmanifest.xml"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"


@pytest.fixture(scope="module")
def course() -> Course:
    loaded = load(FIXTURE)
    assert loaded.course is not None
    return loaded.course


def manifest(course: Course) -> tuple[bytes, dict[str, object]]:
    options = ScormOptions(sco_mode=ScoMode.PER_SITE)
    files = package(Format.SCORM12, course, Renderer(course).files(Format.SCORM12), options)
    data = files["imsmanifest.xml"]
    assert isinstance(data, bytes)
    return data, files


def mastery(course: Course) -> dict[str, str | None]:
    tree = etree.fromstring(manifest(course)[0])
    return {i.get("identifier"): i.findtext(f"{ADLCP}masteryscore") for i in tree.iter("{*}item")}


def test_matches_golden(course: Course) -> None:
    assert matches_golden(GOLDEN, manifest(course)[0])


def test_is_valid_by_the_xsds_and_our_rules(course: Course, scorm_schema12: etree.XMLSchema) -> None:
    data, files = manifest(course)
    assert scorm_schema12.validate(etree.fromstring(data)), scorm_schema12.error_log
    assert manifest_problems(data, "1.2", set(files)) == []


def test_one_sco_per_site_plus_the_map_on_one_resource(course: Course) -> None:
    tree = etree.fromstring(manifest(course)[0])
    items = tree.findall(".//{*}organization/{*}item")
    assert [(i.get("identifier"), i.get("parameters"), i.findtext("{*}title")) for i in items] == [
        ("item-map", "?sco=map", course.title)] + [(f"item-{s.slug}", f"?site={s.slug}", s.title) for s in course.sites]
    assert {i.get("identifierref") for i in items} == {"sco-1"}  # one index.html, one copy of the files
    assert [r.get(f"{ADLCP}scormtype") for r in tree.iter("{*}resource")] == ["sco"]


def test_a_mastery_score_only_where_a_site_can_be_scored(course: Course) -> None:
    assert mastery(course) == {"item-map": None, **{f"item-{s.slug}": "80" for s in course.sites}}
    bare = without_quiz(course)  # the first site without its quiz: nothing to score there
    assert mastery(bare) == {"item-map": None, f"item-{course.sites[0].slug}": None,
                             **{f"item-{s.slug}": "80" for s in course.sites[1:]}}
    assert set(mastery(replace(course, passing_score=None)).values()) == {None}  # no passing score: none anywhere
