"""Delivery under the strict LMS stand-in (cmi5 rules as CATAPULT, State API concurrency as the
ADL LRS): a learner in Chromium leaves while a flush is in flight, loses the LRS across a
session, works in two tabs or two browsers at once, and meets a statement the LMS refuses for
good. Each test checks what the LRS ends with: nothing twice, an order the rules accept,
nothing lost. (The reload mid-session, browse and review launches are in test_cmi5_learner.py
and test_xapi_learner.py; every test here and there ends with nothing refused, see conftest.py.)"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from packager import vocabulary as v
from tests.xapi.conftest import Built, Learner
from tests.xapi.lms import Launch, LmsStandIn
from tests.xapi.lrs import LearningLocker
from tests.xapi.rules import cmi5_problems, unique, verb_name, xapi_problems
from tests.xapi.walk import answer, counts, go, reflect, ui_state, wait_for

COURSE = "https://example.no/kurs/min-forste-loype"


def au(lms: LmsStandIn, pkg: Built, slug: str, **options: Any) -> Launch:
    return lms.cmi5_launch(pkg.url, f"index.html?site={slug}", f"{COURSE}/sites/{slug}", **options)


def open_au(learner: Learner, launch: Launch, slug: str) -> Page:
    page = learner.open(launch.url)
    page.wait_for_selector(f'.view-site[data-site="{slug}"]:not([hidden])')
    return page


def ids(statements: list[dict[str, Any]]) -> list[str]:
    return [s["id"] for s in statements]


def session_verbs(lms: LmsStandIn, launch: Launch, lrs: LearningLocker) -> list[str]:
    """The verbs the LRS holds from the AU for one AU session (not the LMS's launched), in order."""
    return [verb_name(s) for s in lrs.raw_statements(registration=launch.registration or "")
            if (s["context"].get("extensions") or {}).get(v.CMI5_EXT_SESSION_ID) == launch.session_id
            and verb_name(s) != "launched"]


def first_answer_stored(lms: LmsStandIn, lrs: LearningLocker, pkg: Built, learner: Learner) -> tuple[Launch, Page]:
    """An AU of site 1 launched, opened, one question answered and that answer in the LRS."""
    launch = au(lms, pkg, "forste-stopp")
    page = open_au(learner, launch, "forste-stopp")
    assert answer(page, "forste-stopp", "velg-en", ["a"]) == "correct"
    wait_for(lambda: "answered" in session_verbs(lms, launch, lrs), what="the first answer stored")
    return launch, page


def test_pagehide_while_a_flush_is_in_flight_takes_it_over_and_the_lrs_keeps_one(
    lms: LmsStandIn, lrs: LearningLocker, cmi5_package: Built, learner: Learner
) -> None:
    launch, page = first_answer_stored(lms, lrs, cmi5_package, learner)
    lms.slow_answers(2.0, 1)  # the next request is stored, but its answer comes late: it is in flight
    assert answer(page, "forste-stopp", "sant-usant", True) == "correct"
    wait_for(lambda: [verb_name(s) for s in lms.received(launch)].count("answered") == 2, what="the flush in flight")
    reflect(page, "forste-stopp", "min-kommune", "Skrevet rett før siden lukkes.")
    page.goto("about:blank")  # pagehide: the last flush, the request before it still unanswered
    wait_for(lambda: "terminated" in session_verbs(lms, launch, lrs), what="terminated")
    received = lms.received(launch)
    # the request in flight is taken over (its statement again, first in the pagehide request) unless
    # the page's going cancelled it first (then the next page looks it up): nothing else is sent twice,
    # and the LRS holds each statement once
    twice = [i for i in set(ids(received)) if ids(received).count(i) > 1]
    assert [verb_name(s) for s in received if s["id"] in twice] in ([], ["answered", "answered"])
    stored = lrs.raw_statements(registration=launch.registration or "")
    assert len(ids(stored)) == len(set(ids(stored)))
    verbs = session_verbs(lms, launch, lrs)
    assert verbs[0] == "initialized" and verbs[-1] == "terminated" and verbs.count("answered") == 3
    assert cmi5_problems(received, [launch]) == [] and xapi_problems(received) == []

    # The next launch asks the LRS about what the last page sent without an answer, and resends nothing.
    second = au(lms, cmi5_package, "forste-stopp", learner=launch)
    page = open_au(learner, second, "forste-stopp")
    wait_for(lambda: "initialized" in session_verbs(lms, second, lrs), what="initialized of session 2")
    page.goto("about:blank")
    wait_for(lambda: "terminated" in session_verbs(lms, second, lrs), what="terminated of session 2")
    again = [s for s in lms.received(second)[len(received):] if s["id"] in set(ids(received))]
    assert again == [], f"resent after delivery: {[verb_name(s) for s in again]}"
    assert ("GET", "/xapi/statements", 200) in lms.log(second)  # the ids were looked up


def test_the_lrs_down_at_the_end_of_a_session_loses_nothing(
    lms: LmsStandIn, lrs: LearningLocker, cmi5_package: Built, learner: Learner
) -> None:
    first, page = first_answer_stored(lms, lrs, cmi5_package, learner)
    lms.set_down(True)
    assert answer(page, "forste-stopp", "velg-flere", ["a", "b"]) == "correct"
    assert answer(page, "forste-stopp", "sant-usant", True) == "correct"
    refused = lms.log(first).count(("POST", "/xapi/statements", 503))
    page.goto("about:blank")  # the last flush meets the outage
    wait_for(lambda: lms.log(first).count(("POST", "/xapi/statements", 503)) > refused, what="the last flush refused")
    lms.set_down(False)
    assert session_verbs(lms, first, lrs).count("answered") == 1

    # The LMS starts a new session; the AU sends what the last one could not, after its own initialized.
    second = au(lms, cmi5_package, "forste-stopp", learner=first)
    page = open_au(learner, second, "forste-stopp")
    # what session 1 could not deliver, the LMS takes only in session 2 (its contextTemplate)
    wait_for(lambda: session_verbs(lms, second, lrs).count("answered") == 2, what="the answers of session 1")
    page.goto("about:blank")
    wait_for(lambda: "terminated" in session_verbs(lms, second, lrs), what="terminated of session 2")
    stored = lrs.raw_statements(registration=first.registration or "")
    assert len(ids(stored)) == len(set(ids(stored)))
    assert counts(stored)["answered"] == 3 and counts(stored)["completed"] == 1 and counts(stored)["passed"] == 1
    verbs = session_verbs(lms, second, lrs)
    assert verbs[0] == "initialized" and verbs[-1] == "terminated"
    assert "terminated" not in session_verbs(lms, first, lrs)  # a closed session's own end is set aside
    mine = [s for s in lms.received(second) if s["context"]["extensions"][v.CMI5_EXT_SESSION_ID] == second.session_id]
    # their timestamps stay those of the learner's actions, before this session's initialized; the
    # LMS orders a session by arrival, and the strict stand-in accepted each request (conftest.py)
    assert xapi_problems(mine) == [] and [verb_name(s) for s in unique(mine)][-1] == "terminated"


@pytest.mark.parametrize("where", ["two tabs", "two browsers"])
def test_two_writers_of_one_state_document_lose_no_answer(
    lms: LmsStandIn, xapi_package: Built, learner: Learner, browser: Browser, where: str
) -> None:
    launch = lms.tincan_launch(xapi_package.url, COURSE)
    a = learner.open(launch.url)
    go(a, "#/site/forste-stopp")
    assert answer(a, "forste-stopp", "velg-en", ["a"]) == "correct"
    reflect(a, "forste-stopp", "min-kommune", "Fra fane A.")
    go(a, "#/")
    key = ("state", COURSE, f"mbox:{launch.actor['mbox']}", launch.registration or "", v.STATE_ID)
    first = wait_for(lambda: (lms.document(*key) or {}).get("at", {}).get("r:forste-stopp/min-kommune"),
                     what="the first state document")
    other = browser.new_context(locale="nb-NO") if where == "two browsers" else None
    try:
        b = Learner(other).open(launch.url) if other else learner.context.new_page()
        if not other:
            b.goto(launch.url)
        wait_for(lambda: b.locator("#trail-resume").is_visible(), what="B resumes")
        go(b, "#/site/andre-stopp")
        assert answer(b, "andre-stopp", "skriv-inn", "Oslo") == "correct"
        go(b, "#/site/forste-stopp")
        reflect(b, "forste-stopp", "min-kommune", "Fra B, skrevet sist.")  # the newest text
        go(b, "#/")
        wait_for(lambda: lms.document(*key)["at"]["r:forste-stopp/min-kommune"] > first, what="B's save")
        # A still holds the ETag of its own save: its next write is refused, read, merged, written.
        go(a, "#/site/tredje-stopp")
        assert answer(a, "tredje-stopp", "siste", True) == "correct"
        go(a, "#/")
        wait_for(lambda: "q:tredje-stopp/siste" in lms.document(*key)["at"], what="A's merged save")
        assert 412 in [s for _, _, s in lms.document_refusals()]  # A's save met B's: read, merged, written
        b.goto("about:blank")
        a.goto("about:blank")
    finally:
        if other:
            other.close()
    fresh = browser.new_context(locale="nb-NO")
    try:
        page = Learner(fresh).open(launch.url)
        wait_for(lambda: ui_state(page)["tredje-stopp/siste"]["checked"] == ["true"], what="A's last answer")
        shown = ui_state(page)
    finally:
        fresh.close()
    assert shown["forste-stopp/velg-en"]["checked"] == ["a"]
    assert shown["andre-stopp/skriv-inn"]["text"] == ["Oslo"]
    assert shown["forste-stopp/min-kommune"] == "Fra B, skrevet sist."
    assert 409 not in [s for _, _, s in lms.document_refusals()]  # every write carried a precondition


def test_a_statement_refused_for_good_is_set_aside_and_the_learner_told(
    lms: LmsStandIn, lrs: LearningLocker, cmi5_package: Built, learner: Learner, request: pytest.FixtureRequest
) -> None:
    request.node.expect_refusals = True
    launch = au(lms, cmi5_package, "tredje-stopp")
    lms.judged_before(launch, "completed")  # the LMS recorded completion earlier: ours is refused (9.3.0.0-6)
    page = open_au(learner, launch, "tredje-stopp")
    wait_for(lambda: page.locator('#trail-messages [data-msg="partNotSaved"]').is_visible(), what="the message")
    assert "læringsloggen" in page.locator('#trail-messages [data-msg="partNotSaved"]').inner_text()
    assert answer(page, "tredje-stopp", "siste", True) == "correct"  # the queue goes on
    wait_for(lambda: "passed" in session_verbs(lms, launch, lrs), what="what follows the refused statement")
    page.goto("about:blank")
    wait_for(lambda: "terminated" in session_verbs(lms, launch, lrs), what="terminated")
    assert [(rule, verbs) for rule, verbs in lms.refused(launch) if len(verbs) == 1] == [("9.3.0.0-6", ["completed"])]
    assert session_verbs(lms, launch, lrs) == ["initialized", "experienced", "answered", "passed", "terminated"]
    assert [verb_name(s) for s in unique(lms.received(launch))].count("completed") == 1  # not retried forever
