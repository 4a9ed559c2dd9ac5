"""cmi5 AUs against the LMS stand-in and a real LRS: one fetch per session, the token kept
across a reload, the statement rules of cmi5 §9, masteryScore and launch modes from
LMS.LaunchData, resume through the State API."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from packager import vocabulary as v
from packager.model import Format
from tests.support.server import HttpServer
from tests.unit.helpers import course_copy, edit
from tests.xapi.conftest import Built, Learner, built, started
from tests.xapi.lms import Launch, LmsStandIn, ifi
from tests.xapi.lrs import LearningLocker
from tests.xapi.rules import cmi5_problems, unique, verb_name, xapi_problems
from tests.xapi.walk import answer, counts, queued, reflect, ui_state, wait_for

COURSE = "https://example.no/kurs/min-forste-loype"
REFLECTION = "Kommunen vår har «bolig først» – æøå.\nLinje to."


def au(lms: LmsStandIn, pkg: Built, slug: str, **options: object) -> Launch:
    return lms.cmi5_launch(pkg.url, f"index.html?site={slug}", f"{COURSE}/sites/{slug}", **options)  # type: ignore[arg-type]


def open_au(learner: Learner, launch: Launch, slug: str) -> Page:
    page = learner.open(launch.url)
    page.wait_for_selector(f'.view-site[data-site="{slug}"]:not([hidden])')
    return page


def session(lms: LmsStandIn, launch: Launch) -> list[str]:
    """The verbs of one AU session, in timestamp order."""
    sid = launch.session_id
    return [
        verb_name(s)
        for s in unique(lms.received(launch))
        if s["context"]["extensions"].get(v.CMI5_EXT_SESSION_ID) == sid
    ]


def test_an_au_session_survives_a_reload_and_resumes_in_the_next_session(
    lms: LmsStandIn, lrs: LearningLocker, cmi5_package: Built, learner: Learner, browser: Browser
) -> None:
    first = au(lms, cmi5_package, "forste-stopp", mastery=0.8)
    page = open_au(learner, first, "forste-stopp")
    # The AU is its own site only: no trail map, no way to the other sites.
    assert page.locator("#view-map").is_hidden() and page.locator(".menu").is_hidden()
    assert page.locator('.view-site[data-site="forste-stopp"] .pager a:visible').count() == 0
    assert page.locator('.view-site[data-site="forste-stopp"] [data-next-box]').is_hidden()  # no suggestion either

    assert answer(page, "forste-stopp", "velg-en", ["a"]) == "correct"
    assert answer(page, "forste-stopp", "velg-flere", ["c"]) == "incorrect"
    assert answer(page, "forste-stopp", "velg-flere", ["a", "b"]) == "correct"
    assert answer(page, "forste-stopp", "sant-usant", True) == "correct"
    reflect(page, "forste-stopp", "min-kommune", REFLECTION)
    wait_for(lambda: "passed" in session(lms, first), what="passed")
    shown = ui_state(page)

    # A reload keeps the token (no second POST to fetch); the session already ended with the
    # page, so the AU reopens read-only: every answer shown, nothing more recorded.
    page.reload()
    started(page)
    assert lms.fetch_calls(first) == 1
    assert page.locator('#trail-messages [data-msg="review"]').is_visible()
    # Every answer as it was, and everything locked: review takes no new answers.
    assert ui_state(page) == {k: ({**q, "locked": True} if "locked" in q else q) if isinstance(q, dict) else q
                              for k, q in shown.items()}
    page.goto("about:blank")

    log = lms.log(first)
    order = [f"{m} {p}" for m, p, _ in log]
    assert order[:3] == [f"POST /fetch/{first.fetch_id}", "GET /xapi/activities/state", "GET /xapi/agents/profile"]
    assert order.index("GET /xapi/agents/profile") < order.index("POST /xapi/statements")  # cmi5 §11
    assert session(lms, first) == [
        "initialized",
        "experienced",
        "answered",
        "completed",
        "answered",
        "answered",
        "answered",
        "passed",
        "answered",
        "terminated",
    ]

    # Next launch of the same AU for the same registration, on another computer.
    second = au(lms, cmi5_package, "forste-stopp", mastery=0.8, learner=first)
    other = browser.new_context()
    try:
        page2 = open_au(Learner(other), second, "forste-stopp")
        wait_for(lambda: ui_state(page2) == shown, what="the answers from the State API")
        assert page2.locator("#trail-messages").inner_text() == ""
        page2.goto("about:blank")
        wait_for(lambda: "terminated" in session(lms, second), what="terminated of session 2")
    finally:
        other.close()
    assert session(lms, second) == ["initialized", "experienced", "terminated"]  # judged once per registration
    assert lms.fetch_calls(second) == 1

    sent = lms.received(first)
    assert cmi5_problems(sent, [first, second]) == []
    assert xapi_problems(sent) == []
    stored = lrs.raw_statements(registration=first.registration or "")
    assert counts(stored) == {
        "launched": 2,
        "initialized": 2,
        "experienced": 2,
        "answered": 5,
        "completed": 1,
        "passed": 1,
        "terminated": 2,
    }
    passed = next(s for s in stored if verb_name(s) == "passed")
    assert passed["object"]["id"] == first.activity_id != first.publisher_id
    assert passed["result"]["score"] == {"scaled": 1, "raw": 100, "min": 0, "max": 100}
    assert passed["context"]["extensions"][v.CMI5_EXT_MASTERY_SCORE] == 0.8
    assert [a["id"] for a in passed["context"]["contextActivities"]["category"]] == [
        v.CMI5_CATEGORY,
        v.CMI5_CATEGORY_MOVEON,
    ]
    note = next(s for s in stored if s["object"]["id"].endswith("/reflections/min-kommune"))
    assert note["result"]["response"] == REFLECTION
    assert v.CMI5_CATEGORY not in [a["id"] for a in note["context"]["contextActivities"].get("category", [])]
    assert note["context"]["contextActivities"]["grouping"][0]["id"] == first.publisher_id
    assert learner.errors == []


def test_the_lms_mastery_score_judges_not_the_course_file(
    lms: LmsStandIn, lrs: LearningLocker, cmi5_package: Built, learner: Learner
) -> None:
    launch = au(lms, cmi5_package, "andre-stopp", mastery=0.5)  # the LMS lowered cmi5.xml's 0.8
    page = open_au(learner, launch, "andre-stopp")
    assert answer(page, "andre-stopp", "skriv-inn", "Christiania") == "correct"
    assert answer(page, "andre-stopp", "koble", [["0", "a"], ["1", "b"], ["2", "c"]]) == "correct"
    assert answer(page, "andre-stopp", "rekkefolge", ["d", "c", "b", "a"]) == "incorrect"
    assert answer(page, "andre-stopp", "rekkefolge", ["d", "c", "a", "b"]) == "incorrect"
    wait_for(lambda: "passed" in session(lms, launch), what="passed")
    # Everything answered has arrived before the tab closes: this test is about the LMS's mastery
    # score, not the pagehide race (test_delivery.py has that; a request cut off by the closing
    # page can reach the LRS after terminated, see docs/architecture.md).
    wait_for(lambda: queued(page) == 0, what="the queue to drain")
    page.close()  # the learner closes the tab: pagehide, terminated in a keepalive request
    wait_for(lambda: "terminated" in session(lms, launch), what="terminated")
    verdict = next(s for s in lms.received(launch) if verb_name(s) == "passed")
    assert verdict["result"]["score"] == {"scaled": 0.6667, "raw": 67, "min": 0, "max": 100}
    assert verdict["context"]["extensions"][v.CMI5_EXT_MASTERY_SCORE] == 0.5
    assert "failed" not in session(lms, launch)
    assert cmi5_problems(lms.received(launch), [launch]) == []
    assert xapi_problems(lms.received(launch)) == []


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_browse_and_review_record_no_judgement(
    lms: LmsStandIn, cmi5_package: Built, learner: Learner, mode: str
) -> None:
    launch = au(lms, cmi5_package, "tredje-stopp", mastery=0.8, mode=mode)
    page = open_au(learner, launch, "tredje-stopp")
    assert page.locator(f'#trail-messages [data-msg="{mode.lower()}"]').is_visible()
    # review and browse are read-only in every control (issue 8): nothing to answer, nothing judged or kept
    for qid in ("siste", "mening"):
        assert page.locator(f'.view-site[data-site="tredje-stopp"] [data-q="{qid}"] input').first.is_disabled()
    # the way back to the LMS claims no save: "Avslutt", not "Avslutt og lagre"
    assert page.locator('.view-site[data-site="tredje-stopp"] [data-exit]').inner_text() == "Avslutt"
    # initialized acknowledged first: until then nothing may follow it, terminated neither (9.3.0.0-4)
    wait_for(lambda: "initialized" in session(lms, launch), what="initialized")
    page.goto("about:blank")
    wait_for(lambda: "terminated" in session(lms, launch), what="terminated")
    assert session(lms, launch) == ["initialized", "terminated"]
    assert cmi5_problems(lms.received(launch), [launch]) == []
    assert xapi_problems(lms.received(launch)) == []
    key = ("state", launch.activity_id, ifi(launch.actor), launch.registration or "", v.STATE_ID)
    assert lms.document(*key) is None


def test_a_spent_fetch_url_is_not_retried_and_nothing_is_sent(
    lms: LmsStandIn, cmi5_package: Built, learner: Learner
) -> None:
    launch = au(lms, cmi5_package, "forste-stopp")
    import urllib.request

    urllib.request.urlopen(urllib.request.Request(f"{lms.url}/fetch/{launch.fetch_id}", method="POST")).read()
    page = learner.open(launch.url)
    assert page.locator('#trail-messages [data-msg="untracked"]').is_visible()
    assert lms.fetch_calls(launch) == 2
    assert lms.received(launch) == []


def test_return_url_after_terminated(lms: LmsStandIn, cmi5_package: Built, learner: Learner) -> None:
    back = f"{cmi5_package.url}/index.html#returned"  # any page of the LMS
    launch = au(lms, cmi5_package, "tredje-stopp", return_url=back)
    page = open_au(learner, launch, "tredje-stopp")
    exit_button = page.locator('.view-site[data-site="tredje-stopp"] .pager button')
    if exit_button.count():
        exit_button.click()
    else:  # the theme has no exit text: the adapter's finish is what the exit button calls
        page.evaluate("window.TrailAdapter.finish()")
    page.wait_for_url(back)
    assert session(lms, launch)[-1] == "terminated"


@pytest.mark.parametrize("back", ["javascript:window.__returned=1", "data:text/html,<p>returned</p>"])
def test_a_return_url_that_is_not_a_web_address_is_never_followed(
    lms: LmsStandIn, cmi5_package: Built, learner: Learner, back: str
) -> None:
    """The launch data is the LMS's to write, but a script URL would run on the package's origin."""
    launch = au(lms, cmi5_package, "tredje-stopp", return_url=back)
    page = open_au(learner, launch, "tredje-stopp")
    before = page.url
    page.evaluate("window.TrailAdapter.finish()")
    wait_for(lambda: "terminated" in session(lms, launch))
    assert page.url == before
    assert page.evaluate("window.__returned") is None
    assert page.evaluate("document.querySelector('.view-site[data-site=\"tredje-stopp\"]') !== null")


def test_progress_is_reported_until_a_done_site_completes(
    lms: LmsStandIn, learner: Learner, tmp_path: Path, http_server: HttpServer
) -> None:
    source = course_copy(tmp_path)
    edit(source / "course.yaml", "require: visited", "require: done")
    pkg = built(source, Format.CMI5, tmp_path, http_server, "cmi5-done")
    launch = au(lms, pkg, "andre-stopp", mastery=0.8)
    page = open_au(learner, launch, "andre-stopp")
    assert answer(page, "andre-stopp", "skriv-inn", "Oslo") == "correct"
    assert answer(page, "andre-stopp", "koble", [["0", "a"], ["1", "b"], ["2", "c"]]) == "correct"
    assert answer(page, "andre-stopp", "rekkefolge", ["a", "b", "c", "d"]) == "correct"
    wait_for(lambda: session(lms, launch).count("progressed") == 3, what="three progressed")
    assert "completed" not in session(lms, launch)  # the reflection is missing
    reflect(page, "andre-stopp", "tanker", "Ferdig.")
    page.close()
    wait_for(lambda: "terminated" in session(lms, launch), what="terminated")
    verbs = session(lms, launch)
    assert verbs.index("completed") > max(i for i, x in enumerate(verbs) if x == "progressed")
    sent = unique(lms.received(launch))
    assert [s["result"]["extensions"][v.CMI5_EXT_PROGRESS] for s in sent if verb_name(s) == "progressed"] == [25, 50, 75]
    assert cmi5_problems(sent, [launch]) == []
    assert xapi_problems(sent) == []
