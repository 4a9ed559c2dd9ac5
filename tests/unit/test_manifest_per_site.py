"""SCORM 2004 `sco_mode: per-site`: the manifest (golden, official XSDs, our rules) and what its rules say.

Regenerate the golden file after an intended change with
`TRAIL_REGEN_GOLDEN=1 python3 -m pytest tests/unit/test_manifest_per_site.py`.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from packager.load import load
from packager.model import Course, Format, QuizBlock, ScoMode
from packager.package import package, with_option
from packager.package.format import ScormOptions
from packager.package.rules import manifest_problems
from packager.render import Renderer
from tests.unit.helpers import FIXTURE

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "scorm2004-per-site-imsmanifest.xml"
SS, ADLCP = "{http://www.imsglobal.org/xsd/imsss}", "{http://www.adlnet.org/xsd/adlcp_v1p3}"
PER_SITE = ScormOptions(sco_mode=ScoMode.PER_SITE)


@pytest.fixture(scope="module")
def course() -> Course:
    loaded = load(FIXTURE)
    assert loaded.course is not None
    return loaded.course


def manifest(course: Course, options: ScormOptions | None = PER_SITE) -> tuple[bytes, dict[str, object]]:
    files = package(Format.SCORM2004, course, Renderer(course).files(Format.SCORM2004), options)
    data = files["imsmanifest.xml"]
    assert isinstance(data, bytes)
    return data, files


def test_per_site_manifest_matches_golden(course: Course) -> None:
    data, _ = manifest(course)
    if os.environ.get("TRAIL_REGEN_GOLDEN"):
        GOLDEN.write_bytes(data)
    assert data.decode() == GOLDEN.read_text(encoding="utf-8")


def test_per_site_manifest_is_valid(course: Course, scorm_schema2004: etree.XMLSchema) -> None:
    data, files = manifest(course)
    tree = etree.fromstring(data)
    assert scorm_schema2004.validate(tree), scorm_schema2004.error_log
    assert manifest_problems(data, "2004", set(files)) == []


def test_one_sco_per_site_plus_the_map_roaming_freely(course: Course) -> None:
    tree = etree.fromstring(manifest(course)[0])
    items = tree.findall(".//{*}organization/{*}item")
    assert [(i.get("identifier"), i.get("parameters")) for i in items] == [("item-map", "?sco=map")] + [
        (f"item-{s.slug}", f"?site={s.slug}") for s in course.sites]
    assert {i.get("identifierref") for i in items} == {"sco-1"}  # one index.html, one copy of the files
    mode = tree.find(f".//{{*}}organization/{SS}sequencing/{SS}controlMode")
    assert (mode.get("choice"), mode.get("flow"), mode.get("forwardOnly")) == ("true", "true", "false")
    assert tree.find(f".//{SS}preConditionRule") is None and tree.find(f".//{SS}sequencingRules") is None


def without_quiz(course: Course) -> Course:
    """The course with its first site's quizzes gone: a site no score can come from."""
    first = course.sites[0]
    bare = replace(first, blocks=tuple(b for b in first.blocks if not isinstance(b, QuizBlock)))
    return replace(course, sites=(bare, *course.sites[1:]))


def test_rollup_follows_the_course_rules(course: Course) -> None:
    course = without_quiz(course)
    tree = etree.fromstring(manifest(course)[0])
    org = tree.find(".//{*}organization")
    rule = org.find(f"{SS}sequencing/{SS}rollupRules/{SS}rollupRule")
    assert (rule.get("childActivitySet"), rule.get("minimumCount")) == ("atLeastCount", "3")  # sites: all
    primary = org.find(f"{SS}sequencing/{SS}objectives/{SS}primaryObjective")
    assert primary.get("satisfiedByMeasure") == "true"
    assert primary.find(f"{SS}minNormalizedMeasure").text == "0.80"  # passing_score: 80
    rollup = {i.get("identifier"): i.find(f"{SS}sequencing/{SS}rollupRules") for i in org.findall("{*}item")}
    assert rollup["item-map"].attrib == {"rollupObjectiveSatisfied": "false", "rollupProgressCompletion": "false",
                                        "objectiveMeasureWeight": "0.0000"}
    points = {s.slug: sum(q.weight for q in s.questions if q.scored) for s in course.sites}
    assert any(p == 0 for p in points.values()) and any(p > 0 for p in points.values())  # the fixture has both
    for slug, p in points.items():
        r = rollup[f"item-{slug}"]
        assert r.get("rollupObjectiveSatisfied") == ("true" if p else "false")  # unscored sites decide no success
        assert float(r.get("objectiveMeasureWeight")) == pytest.approx(p / sum(points.values()), abs=1e-4)


def test_no_passing_score_means_no_success_rollup(course: Course) -> None:
    tree = etree.fromstring(manifest(replace(course, passing_score=None))[0])
    assert tree.find(f".//{SS}primaryObjective[@satisfiedByMeasure]") is None
    items = tree.findall(f".//{{*}}item/{SS}sequencing/{SS}rollupRules")
    assert len(items) == 4 and {r.get("rollupObjectiveSatisfied") for r in items} == {"false"}


def test_objectives_and_shared_data_stay_in_the_course(course: Course) -> None:
    tree = etree.fromstring(manifest(course)[0])
    org = tree.find(".//{*}organization")
    assert org.get("{http://www.adlnet.org/xsd/adlseq_v1p3}objectivesGlobalToSystem") == "false"
    assert org.get(f"{ADLCP}sharedDataGlobalToSystem") == "false"
    targets = [m.get("targetObjectiveID") for m in tree.iter("{*}mapInfo")]
    assert targets and all(t.startswith(course.id + "/") for t in targets)
    maps = list(tree.iter(f"{ADLCP}map"))
    assert len(maps) == len(course.sites) + 1
    assert {(m.get("targetID"), m.get("readSharedData"), m.get("writeSharedData")) for m in maps} == {
        (course.id + "#trail", "true", "true")}


def test_mode_comes_from_the_course_unless_the_build_says_otherwise(course: Course) -> None:
    per_site = replace(course, sco_mode=ScoMode.PER_SITE)
    assert manifest(per_site, None)[0] == manifest(course)[0]
    assert manifest(per_site, ScormOptions(sco_mode=ScoMode.SINGLE))[0] == manifest(course, None)[0]
    assert set(with_option("sco_mode", ScoMode.PER_SITE)) == {Format.SCORM12, Format.SCORM2004}
