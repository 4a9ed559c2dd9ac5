"""The published vocabulary: an xAPI Profile that follows the ADL Profiles 1.0 structure, the
analysts' guide in docs/ kept in step with the code, and example statements a strict LRS takes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from packager import vocabulary as v
from packager.load import load
from packager.model import Course
from packager.xapi import write_profile
from packager.xapi.activities import activities
from packager.xapi.guide import example_statements, render_guide
from packager.xapi.profile import CONFORMS_TO, PROFILES_CONTEXT, build_profile, version_id
from tests.xapi.conftest import fixture_course
from tests.xapi.rules import verb_name, video_problems, xapi_problems

REPO = Path(__file__).resolve().parents[2]
IRI = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
CONCEPT_TYPES = {"Verb", "ActivityType", "AttachmentUsageType", "ContextExtension", "ResultExtension",
                 "ActivityExtension", "StateResource", "AgentProfileResource", "ActivityProfileResource", "Activity"}


@pytest.fixture(scope="module")
def course() -> Course:
    return fixture_course()


def empties(value: Any, path: str = "$") -> list[str]:
    """Profiles 1.0: values MUST NOT be empty objects, null, empty strings or empty arrays."""
    if value in (None, "", [], {}):
        return [path]
    if isinstance(value, dict):
        return [p for k, x in value.items() for p in empties(x, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, x in enumerate(value) for p in empties(x, f"{path}[{i}]")]
    return []


def language_map(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and all(TAG.match(k) and isinstance(t, str) and t
                                                           for k, t in value.items())


def test_the_profile_follows_the_profiles_spec(course: Course, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    profile = build_profile(course)
    assert empties(profile) == []
    assert (profile["@context"], profile["type"], profile["conformsTo"]) == (PROFILES_CONTEXT, "Profile", CONFORMS_TO)
    assert profile["id"] == course.id + "/xapi/profile" and IRI.match(profile["id"])
    assert language_map(profile["prefLabel"]) and language_map(profile["definition"])
    assert profile["versions"] == [{"id": version_id(course), "generatedAtTime": "2026-01-01T00:00:00Z"}]
    assert profile["author"]["type"] in ("Organization", "Person") and profile["author"]["name"]
    concepts = profile["concepts"]
    assert len({c["id"] for c in concepts}) == len(concepts)
    for c in concepts:
        assert c["type"] in CONCEPT_TYPES and IRI.match(c["id"]) and c["inScheme"] == version_id(course), c
        if c["type"] == "Activity":
            assert c["activityDefinition"]["@context"] == "https://w3id.org/xapi/profiles/activity-context"
            continue
        assert language_map(c["prefLabel"]) and language_map(c["definition"]), c
        if c["type"].endswith("Extension"):
            assert not ("schema" in c and "inlineSchema" in c)
            json.loads(c["inlineSchema"])  # a legal JSON Schema is JSON first
            assert ("recommendedVerbs" in c) == (c["type"] != "ActivityExtension")
    by_type: dict[str, set[str]] = {}
    for c in concepts:
        by_type.setdefault(c["type"], set()).add(c["id"])
    assert by_type["Verb"] == {t.iri for t in v.VERBS.values()}
    assert by_type["ActivityType"] == {t.iri for t in v.ACTIVITY_TYPES.values()}
    assert {*by_type["ResultExtension"], *by_type["ContextExtension"]} == {t.iri for _, t in v.EXTENSIONS.values()}
    for c in concepts:
        for verb in c.get("recommendedVerbs", []):
            assert verb in by_type["Verb"]
    local_videos = [b for s in course.sites for b in s.videos if b.src]  # only they send statements
    n_activities = 1 + sum(1 + len(s.questions) + len(s.reflections) for s in course.sites) + len(local_videos)
    assert local_videos and len(by_type["Activity"]) == n_activities
    templates = profile["templates"]
    assert {t["verb"] for t in templates} == by_type["Verb"]
    for t in templates:
        assert t["type"] == "StatementTemplate" and t["inScheme"] == version_id(course) and IRI.match(t["id"])
        assert language_map(t["prefLabel"]) and language_map(t["definition"])
        assert t["objectActivityType"] in by_type["ActivityType"]
        for key in ("contextParentActivityType", "contextGroupingActivityType"):
            assert set(t.get(key, [])) <= by_type["ActivityType"]
        for rule in t["rules"]:
            assert rule["location"].startswith("$.") and "?(" not in rule["location"]  # no filter expressions
            assert {"presence", "any", "all", "none"} & set(rule)
            assert rule.get("presence", "included") in ("included", "excluded", "recommended")


def test_iris_are_stable_and_derived_from_the_course_id(course: Course, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert build_profile(course) == build_profile(fixture_course())
    ours = [c["id"] for c in build_profile(course)["concepts"] if c["type"] == "Activity"]
    assert all(i == course.id or i.startswith(course.id + "/sites/") for i in ours)


def test_the_vocabulary_constants_are_absolute_iris() -> None:
    documents = {"CMI5_LAUNCH_DATA", "CMI5_LEARNER_PREFERENCES"}  # document names, not IRIs
    names = [n for n in dir(v) if n.startswith(("VERB_", "ACTIVITY_", "CMI5_")) and n.isupper() and n not in documents]
    names = [n for n in names if isinstance(getattr(v, n), str)]
    assert len(names) >= 20
    for name in names:
        assert IRI.match(getattr(v, name)), name
    runtime = v.runtime_vocabulary()
    assert runtime["verbs"]["passed"] == {"id": v.VERB_PASSED, "display": {"en": "passed", "nb": "bestod", "nn": "bestod"}}  # type: ignore[index]


def test_example_statements_are_valid_xapi(course: Course) -> None:
    examples = example_statements(course)
    assert list(examples) == [*v.VERBS, "completed (video)"]
    assert xapi_problems(examples.values()) == []
    assert all(verb_name(st) == verb.split(" ")[0] for verb, st in examples.items())
    videos = [st for st in examples.values() if st["object"]["definition"]["type"] == v.ACTIVITY_VIDEO]
    assert [verb_name(st) for st in videos] == ["played", "paused", "seeked", "completed"]
    assert video_problems(videos) == []
    published = activities(course)  # the examples use the course's own video
    assert all(st["object"]["definition"] == published[st["object"]["id"]] for st in videos)


def test_write_profile_writes_the_profile_and_the_course_guide(course: Course, tmp_path: Path) -> None:
    paths = write_profile(course, tmp_path / "out")
    assert [p.name for p in paths] == ["min-forste-loype-xapi-profile.jsonld", "min-forste-loype-xapi-vocabulary.md"]
    assert json.loads(paths[0].read_text(encoding="utf-8"))["id"] == course.id + "/xapi/profile"
    guide = paths[1].read_text(encoding="utf-8")
    assert "## Activities of this course" in guide and course.id + "/sites/andre-stopp/questions/koble" in guide


def test_docs_guide_is_up_to_date() -> None:
    scaffold = load(REPO / "packager" / "scaffold" / "course").course
    assert scaffold is not None
    on_disk = (REPO / "docs" / "xapi-vocabulary.md").read_text(encoding="utf-8")
    assert on_disk == render_guide(scaffold), "run `python -m packager.xapi` to regenerate docs/xapi-vocabulary.md"
    for verb in v.VERBS.values():
        assert verb.iri in on_disk
