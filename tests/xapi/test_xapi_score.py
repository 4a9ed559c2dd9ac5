"""A course with no passing score (formative quizzes, as course_source): the LRS still gets the
learner's score, on the course's `completed` statement, counted as the course says (first try)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from packager.model import Format
from tests.support.server import HttpServer
from tests.xapi.conftest import FIXTURE, Built, Learner, built, started
from tests.xapi.lms import LmsStandIn
from tests.xapi.lrs import LearningLocker
from tests.xapi.rules import verb_name, xapi_problems
from tests.xapi.walk import answer, counts, go, reflect, wait_for

COURSE = "https://example.no/kurs/min-forste-loype"


@pytest.fixture(scope="module")
def formative_package(tmp_path_factory: pytest.TempPathFactory, http_server: HttpServer) -> Built:
    """The fixture course with no passing score, completed when every site is done, first try counts."""
    source = tmp_path_factory.mktemp("formative") / "course"
    shutil.copytree(FIXTURE.resolve(), source)
    course_yaml = source / "course.yaml"
    text = course_yaml.read_text(encoding="utf-8")
    for old, new in (("passing_score: 80\n", ""), ("require: visited", "require: done"), ("scoring: best", "scoring: first")):
        assert old in text, old
        text = text.replace(old, new)
    course_yaml.write_text(text, encoding="utf-8")
    return built(Path(source), Format.XAPI, source.parent, http_server, "pkg-xapi-formative")


def test_completed_carries_the_first_try_score_when_no_passed_or_failed_will(
    lms: LmsStandIn, lrs: LearningLocker, formative_package: Built, learner: Learner
) -> None:
    launch = lms.tincan_launch(formative_package.url, COURSE)
    reg = launch.registration or ""
    page = learner.open(launch.url)
    started(page)
    go(page, "#/site/forste-stopp")
    assert answer(page, "forste-stopp", "velg-en", ["a"]) == "correct"
    assert answer(page, "forste-stopp", "velg-flere", ["a", "c"]) == "incorrect"  # the first try counts
    assert answer(page, "forste-stopp", "velg-flere", ["a", "b"]) == "correct"
    assert answer(page, "forste-stopp", "sant-usant", True) == "correct"
    reflect(page, "forste-stopp", "min-kommune", "Vi prøver «bolig først».")
    go(page, "#/site/andre-stopp")
    assert answer(page, "andre-stopp", "skriv-inn", "oslo") == "correct"
    assert answer(page, "andre-stopp", "koble", [["0", "a"], ["1", "b"], ["2", "c"]]) == "correct"
    assert answer(page, "andre-stopp", "rekkefolge", ["d", "c", "b", "a"]) == "incorrect"
    reflect(page, "andre-stopp", "tanker", "Ta med: samarbeid.")
    go(page, "#/site/tredje-stopp")
    assert answer(page, "tredje-stopp", "mening", ["b"]) == "neutral"  # likert: not scored
    assert answer(page, "tredje-stopp", "siste", True) == "correct"
    go(page, "#/")
    wait_for(lambda: counts(lrs.raw_statements(registration=reg))["completed"] == 1, what="completed")

    statements = lrs.raw_statements(registration=reg)
    by_verb = counts(statements)
    assert by_verb["passed"] == 0 and by_verb["failed"] == 0  # formative: no verdict
    done = next(s for s in statements if verb_name(s) == "completed" and s["object"]["id"] == COURSE)
    score = done["result"]["score"]
    # 5 of the 7 scored questions right at the first try (velg-flere and rekkefolge wrong first).
    assert score["scaled"] == pytest.approx(5 / 7, abs=1e-4)
    assert score["raw"] == pytest.approx(500 / 7, abs=0.01) and (score["min"], score["max"]) == (0, 100)
    assert xapi_problems(lms.received(launch)) == []
    assert learner.errors == []
