"""SCORM 2004 per-site rollup, judged by scorm-again's sequencing engine.

A copy of tests/fixtures/course with `completion: {sites: 2, require: done}` and a third site
whose only question is an opinion (no scored question) is built with `--sco-mode per-site` and
walked in the test LMS (tests/harness/sequencer.js), which feeds the engine the built
imsmanifest.xml. After each SCO's Terminate the engine rolls up; the course (the root activity)
must be completed exactly when course.yaml's rule is met by what the learner did, and satisfied
only with a passing course score from the sites that have scored questions.

The same walk against the same package with one wrong number in the manifest's rollup rule must
break that check: the test cannot pass whatever the manifest says.

Where scorm-again and the SCORM 2004 4th Edition SN book disagree on our manifest, the test says
so in the step's expectation (see docs/lms-admins.md, "How the course rolls up").
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import browser_fixture, launch_scorm_fixture  # noqa: F401 (the browser fixtures)
from tests.support.lms import LmsSession
from tests.support.packages import extract_zip
from tests.support.per_site import QUESTION_IDS, build_per_site, follow, wait_for_sco
from tests.test_per_site_scorm2004 import COURSE
from tests.ui.ui import give, submit

REQUIRED = 2  # course.yaml of the variant: completion.sites
PASSING = 0.80


def copy_course(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    src = tmp_path_factory.mktemp(name) / "course"
    shutil.copytree(COURSE, src)
    return src


@pytest.fixture(scope="module")
def variant_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course with `sites: 2, require: done` and an unscored third site, built per-site."""
    src = copy_course(tmp_path_factory, "variant")
    yaml = src / "course.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("require: visited\n  sites: all",
                                                             "require: done\n  sites: 2"), encoding="utf-8")
    third = src / "sites" / "03-tredje-stopp" / "site.md"
    text = third.read_text(encoding="utf-8")
    scored = re.compile(r"  - id: siste\n(    .*\n)+")
    assert scored.search(text), "the fixture's third site changed: update this variant"
    third.write_text(scored.sub("", text), encoding="utf-8")  # only the likert question is left
    return build_per_site(src, src.parent / "dist", "scorm2004")


@pytest.fixture(scope="module")
def no_passing_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course (every site, require visited) without a passing score, built per-site."""
    src = copy_course(tmp_path_factory, "no-passing")
    yaml = src / "course.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert "passing_score: 80\n" in text
    yaml.write_text(text.replace("passing_score: 80\n", ""), encoding="utf-8")
    return build_per_site(src, src.parent / "dist", "scorm2004")


@dataclass
class Step:
    """One site's SCO: what the learner does there, and what the course rule then says."""

    site: str
    answer: bool  # every question (right) and the reflection; False: only looks
    success: str  # the course's success the engine must report after this SCO ends
    note: str = ""


# sites done (course.yaml's `require: done`) after each step: tredje, then forste; andre last
WALK = [
    Step("tredje-stopp", True, "unknown", "an opinion only: decides no success"),
    Step("andre-stopp", False, "unknown", "visited, nothing answered: no measure anywhere"),
    # forste answered, andre unknown: the SN book (RB.1.1) counts andre's weight with no measure,
    # 0.5 < 0.80, not satisfied; scorm-again counts only sites with a measure, 1.0: satisfied
    Step("forste-stopp", True, "passed", "scorm-again's measure rollup; the SN book says failed here"),
    Step("andre-stopp", True, "passed", "both scored sites right: 1.0 ≥ 0.80"),
]


def answer_site(lms: LmsSession, slug: str) -> None:
    for qid in lms.frame.evaluate(QUESTION_IDS, slug):
        submit(give(lms.frame, slug, qid))
    area = lms.frame.locator(f'.view-site[data-site="{slug}"] textarea')
    for i in range(area.count()):
        area.nth(i).fill("Vi samarbeider med Nav.")
        area.nth(i).blur()


def walk(lms: LmsSession, steps: list[Step] = WALK) -> list[dict[str, Any]]:
    """The learner goes map → each step's site (doing what it says) → map; each launch's record."""
    wait_for_sco(lms, "item-map", "?sco=map")
    for step in steps:
        follow(lms, f"#/site/{step.site}")
        wait_for_sco(lms, f"item-{step.site}", f"?site={step.site}")
        if step.answer:
            answer_site(lms, step.site)
    follow(lms, "#/")  # the map in the SCO
    again = next(s.site for s in steps if s.site != steps[-1].site)
    follow(lms, f"#/site/{again}")  # another SCO, so the last site's SCO ends and rolls up
    wait_for_sco(lms, f"item-{again}", f"?site={again}")
    launches: list[dict[str, Any]] = lms.page.evaluate("() => window.__lms.launches")
    return launches[1:len(steps) + 1]


def completion_mismatches(records: list[dict[str, Any]]) -> list[str]:
    """Where the engine's course completion differs from course.yaml's rule (2 sites done)."""
    done: set[str] = set()
    wrong = []
    for step, record in zip(WALK, records, strict=True):
        if step.answer:
            done.add(step.site)
        expected = len(done) >= REQUIRED
        got = record["after"]["course"]["completion"]
        if (got == "completed") != expected:
            wrong.append(f"after {step.site} ({len(done)} done): course {got}, rule met: {expected}")
    return wrong


def test_course_completes_when_the_rule_is_met_and_passes_only_with_a_passing_score(
        variant_zip: Path, tmp_path: Path, launch_scorm: Any) -> None:
    folder = extract_zip(variant_zip, tmp_path / "pkg")
    lms = launch_scorm("2004", folder, sequence=True)
    records = walk(lms)
    assert [r["item"] for r in records] == [f"item-{s.site}" for s in WALK]
    assert completion_mismatches(records) == []
    assert [r["after"]["course"]["success"] for r in records] == [s.success for s in WALK], [s.note for s in WALK]
    course = [r["after"]["course"] for r in records]
    assert course[0]["measure"] is None and course[1]["measure"] is None  # the unscored site has none
    assert course[3]["measure"] == pytest.approx(1.0)
    third = next(i for i in records[-1]["after"]["items"] if i["id"] == "item-tredje-stopp")
    assert third["completion"] == "completed" and third["measure"] is None  # done, and no say in success
    # what each site's SCO reported, which the engine rolled up
    assert [(r["cmi"]["completion_status"], r["cmi"]["success_status"]) for r in records] == [
        ("completed", "unknown"), ("incomplete", "unknown"), ("completed", "passed"), ("completed", "passed")]


def test_without_a_passing_score_the_course_is_never_passed_or_failed(no_passing_zip: Path, tmp_path: Path,
                                                                      launch_scorm: Any) -> None:
    """Every question right, every site visited: completed after the third site, success unknown."""
    folder = extract_zip(no_passing_zip, tmp_path / "pkg")
    lms = launch_scorm("2004", folder, sequence=True)
    steps = [Step("forste-stopp", True, "unknown"), Step("andre-stopp", True, "unknown"),
             Step("tredje-stopp", True, "unknown")]
    records = walk(lms, steps)
    assert [r["after"]["course"]["completion"] == "completed" for r in records] == [False, False, True]
    assert [(r["after"]["course"]["success"], r["after"]["course"]["measure"]) for r in records] == [("unknown", None)] * 3
    assert [r["cmi"]["success_status"] for r in records] == ["unknown"] * 3  # no site judges either


def test_a_wrong_rollup_rule_in_the_manifest_fails_the_check(variant_zip: Path, tmp_path: Path,
                                                            launch_scorm: Any) -> None:
    """The check above can fail: the manifest's rule with minimumCount 1 instead of course.yaml's 2
    completes the course after the first site done, and the check says so."""
    folder = extract_zip(variant_zip, tmp_path / "pkg")
    manifest = folder / "imsmanifest.xml"
    text = manifest.read_text(encoding="utf-8")
    assert f'minimumCount="{REQUIRED}"' in text
    manifest.write_text(text.replace(f'minimumCount="{REQUIRED}"', 'minimumCount="1"'), encoding="utf-8")
    lms = launch_scorm("2004", folder, sequence=True)
    assert completion_mismatches(walk(lms)) == [
        "after tredje-stopp (1 done): course completed, rule met: False",
        "after andre-stopp (1 done): course completed, rule met: False",
    ]


@pytest.mark.parametrize(("before", "after", "said"), [
    ("<imsss:deliveryControls", '<imsss:limitConditions attemptLimit="1"/><imsss:deliveryControls', "limitConditions"),
    ('childActivitySet="atLeastCount"', 'childActivitySet="atLeastSome"', "expected one of"),
    ('<imsss:controlMode choice="true"', '<imsss:controlMode constrainChoice="true" choice="true"', "constrainChoice"),
    ('objectiveMeasureWeight="0.5000"', 'objectiveMeasureWeight="1.5"', "outside 0..1"),
], ids=["element", "value", "attribute", "range"])
def test_the_harness_refuses_a_manifest_it_does_not_understand(variant_zip: Path, tmp_path: Path, launch_scorm: Any,
                                                               before: str, after: str, said: str) -> None:
    """The translator reads the manifest for the engine; what it cannot read stops the run."""
    folder = extract_zip(variant_zip, tmp_path / "pkg")
    manifest = folder / "imsmanifest.xml"
    text = manifest.read_text(encoding="utf-8")
    assert before in text
    manifest.write_text(text.replace(before, after, 1), encoding="utf-8")
    with pytest.raises(RuntimeError, match=said):
        launch_scorm("2004", folder, sequence=True)
