"""A learner walks the xAPI package against a real LRS: answers, reloads, loses the
network, survives an LRS outage and comes back on another computer."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser

from packager import vocabulary as v
from packager.xapi.activities import activities
from tests.xapi.conftest import Built, Learner, fixture_course, started
from tests.xapi.lms import LmsStandIn
from tests.xapi.lrs import LearningLocker
from tests.xapi.rules import once_per_registration, verb_name, xapi_problems
from tests.xapi.walk import answer, answered, counts, go, queued, reflect, ui_state, wait_for

COURSE = "https://example.no/kurs/min-forste-loype"
COURSE_MODEL = fixture_course()
SITE = COURSE + "/sites/"
REFLECTION = "Vi har en boligsosial plan – med «bolig først».\nAndre linje: æøå ÆØÅ 😀"


def stored(lrs: LearningLocker, registration: str | None) -> list[dict[str, Any]]:
    return lrs.raw_statements(registration=registration or "")


def test_a_learner_walks_reloads_goes_offline_and_resumes_elsewhere(
    lms: LmsStandIn, lrs: LearningLocker, xapi_package: Built, learner: Learner, browser: Browser
) -> None:
    launch = lms.tincan_launch(xapi_package.url, COURSE)
    reg = launch.registration
    page = learner.open(launch.url)
    assert page.locator("#page-welcome").is_visible()
    assert page.locator("#trail-messages").inner_text() == ""

    # Site 1: three questions (one wrong first), a reflection; then back to the map.
    go(page, "#/site/forste-stopp")
    assert answer(page, "forste-stopp", "velg-en", ["a"]) == "correct"
    assert answer(page, "forste-stopp", "velg-flere", ["a", "c"]) == "incorrect"
    assert answer(page, "forste-stopp", "velg-flere", ["a", "b"]) == "correct"
    assert answer(page, "forste-stopp", "sant-usant", True) == "correct"
    reflect(page, "forste-stopp", "min-kommune", REFLECTION)
    go(page, "#/")
    wait_for(lambda: len(answered(stored(lrs, reg), "/reflections/min-kommune")) == 1, what="the reflection")

    # A reload resumes from the State API: same answers, same reflection, the resume banner.
    before = ui_state(page)
    page.reload()
    started(page)
    # (no resume banner: the site is done, and the map suggests the way on since 4312274)
    after = wait_for(lambda: (lambda x: x if x == before else None)(ui_state(page)), what="the answers back")
    assert after == before
    assert after["forste-stopp/min-kommune"] == REFLECTION

    # Site 2 with the network gone: the answers wait in the browser, then arrive.
    learner.context.set_offline(True)
    go(page, "#/site/andre-stopp")
    assert answer(page, "andre-stopp", "skriv-inn", "oslo") == "correct"
    assert answer(page, "andre-stopp", "koble", [["0", "a"], ["1", "b"], ["2", "c"]]) == "correct"
    assert answer(page, "andre-stopp", "rekkefolge", ["d", "c", "b", "a"]) == "incorrect"
    assert answer(page, "andre-stopp", "rekkefolge", ["b", "a", "c", "d"]) == "incorrect"  # 2 tries: final
    reflect(page, "andre-stopp", "tanker", "Ta med: samarbeid.")
    go(page, "#/")
    assert queued(page) >= 6
    assert not answered(stored(lrs, reg), "/questions/skriv-inn")
    learner.context.set_offline(False)
    wait_for(lambda: queued(page) == 0, what="the queue to drain after the network came back")
    assert len(answered(stored(lrs, reg), "/questions/rekkefolge")) == 2

    # Site 3 while the LRS is down: 503s, back-off, nothing lost once it is up again.
    lms.set_down(True)
    go(page, "#/site/tredje-stopp")
    assert answer(page, "tredje-stopp", "mening", ["b"]) == "neutral"
    assert answer(page, "tredje-stopp", "siste", True) == "correct"
    go(page, "#/")
    wait_for(lambda: queued(page) >= 4, what="statements to queue during the outage")
    lms.set_down(False)
    wait_for(lambda: queued(page) == 0, timeout=45, what="the queue to drain after the outage")
    final_ui = ui_state(page)

    # Leaving the page sends `terminated` with a keepalive request.
    page.goto("about:blank")
    wait_for(lambda: counts(stored(lrs, reg))["terminated"] == 2, what="terminated after pagehide")

    statements = stored(lrs, reg)
    by_verb = counts(statements)
    print("statement counts by verb:", dict(sorted(by_verb.items())))
    assert by_verb["initialized"] == 2 and by_verb["terminated"] == 2  # two page loads
    assert by_verb["experienced"] == 3
    assert by_verb["answered"] == 12  # 9 answers + 1 retry + 2 reflections
    assert by_verb["completed"] == 1 and by_verb["passed"] == 1 and by_verb["failed"] == 0
    assert by_verb["progressed"] >= 1
    assert len({s["id"] for s in statements}) == len(statements)
    for slug in ("forste-stopp", "andre-stopp", "tredje-stopp"):  # a site is opened before answered
        first = min(s["timestamp"] for s in statements if s["object"]["id"].startswith(SITE + slug))
        assert [verb_name(s) for s in statements if s["timestamp"] == first] == ["experienced"]
    sent = lms.received(launch)
    assert {s["id"] for s in sent} == {s["id"] for s in statements}, "a statement got lost"
    assert xapi_problems(sent) == []
    assert once_per_registration(statements, COURSE) == []

    published = activities(COURSE_MODEL)  # the profile's definitions are the ones the runtime sends
    for st in statements:
        if verb_name(st) in ("answered", "experienced"):
            assert st["object"]["definition"] == published[st["object"]["id"]]

    passed = next(s for s in statements if verb_name(s) == "passed")
    assert passed["result"]["success"] is True
    assert passed["result"]["score"] == {"scaled": 0.8571, "raw": 85.71, "min": 0, "max": 100}
    assert all(s["context"]["registration"] == reg for s in statements)
    assert all(s["actor"] == launch.actor for s in sent)
    fill = answered(statements, "/questions/skriv-inn")[0]
    assert fill["result"]["response"] == "oslo"
    assert fill["object"]["definition"]["interactionType"] == "fill-in"
    assert fill["object"]["definition"]["correctResponsesPattern"] == ["Oslo", "Christiania"]
    assert fill["context"]["contextActivities"]["parent"][0]["id"] == SITE + "andre-stopp"
    assert fill["context"]["contextActivities"]["grouping"][0]["id"] == COURSE
    match = answered(statements, "/questions/koble")[0]
    assert match["result"]["response"] == "0[.]a[,]1[.]b[,]2[.]c"
    assert [c["id"] for c in match["object"]["definition"]["source"]] == ["0", "1", "2"]
    likert = answered(statements, "/questions/mening")[0]
    assert likert["object"]["definition"]["interactionType"] == "likert"
    assert "correctResponsesPattern" not in likert["object"]["definition"]
    assert "success" not in likert["result"]
    note = answered(statements, "/reflections/min-kommune")[0]
    assert note["object"]["definition"]["interactionType"] == "long-fill-in"
    assert note["result"]["response"] == REFLECTION

    # Another computer (no browser storage): the State API alone brings everything back.
    other = browser.new_context()
    try:
        page2 = Learner(other).open(launch.url)
        wait_for(lambda: ui_state(page2) == final_ui, what="every answer from the State API")
        page2.goto("about:blank")
        wait_for(lambda: counts(stored(lrs, reg))["terminated"] == 3, what="the third terminated")
    finally:
        other.close()
    again = counts(stored(lrs, reg))
    assert (again["completed"], again["passed"], again["answered"]) == (1, 1, 12)
    assert learner.errors == []


def test_a_resent_statement_is_stored_once(
    lms: LmsStandIn, lrs: LearningLocker, xapi_package: Built, learner: Learner
) -> None:
    launch = lms.tincan_launch(xapi_package.url, COURSE)
    lms.lose_responses(2)  # the LRS stores initialized, but the answer never reaches the page
    page = learner.open(launch.url)
    wait_for(lambda: queued(page) == 0, what="the resend to succeed")
    sent = [s for s in lms.received(launch) if verb_name(s) == "initialized"]
    assert len(sent) >= 2 and len({s["id"] for s in sent}) == 1  # really resent, same id
    assert counts(stored(lrs, launch.registration))["initialized"] == 1
    assert xapi_problems(lms.received(launch)) == []


def test_the_old_array_actor_and_an_encoded_auth_work(
    lms: LmsStandIn, lrs: LearningLocker, xapi_package: Built, learner: Learner
) -> None:
    launch = lms.tincan_launch(xapi_package.url, COURSE, old_actor_form=True)
    learner.open(launch.url)
    got = wait_for(lambda: stored(lrs, launch.registration), what="initialized")
    assert got[0]["actor"]["mbox"] == launch.actor["mbox"]
    assert got[0]["actor"]["name"] == "Kari Nordmann"
    assert got[0]["verb"]["id"] == v.VERB_INITIALIZED
    assert got[0]["object"]["definition"]["name"] == {"nb": "Min første læringsløype"}
    assert xapi_problems(lms.received(launch)) == []


def test_wrong_credentials_lose_nothing(
    lms: LmsStandIn, lrs: LearningLocker, xapi_package: Built, learner: Learner
) -> None:
    launch = lms.tincan_launch(xapi_package.url, COURSE)
    url = launch.url.replace("auth=Basic", "auth=Basic+x")  # an LMS handing out a broken secret
    page = learner.open(url)
    wait_for(lambda: ("POST", "/xapi/statements", 401) in lms.log(None), what="a 401")
    assert stored(lrs, launch.registration) == []
    assert queued(page) >= 1  # kept for a later launch, never dropped


def test_without_launch_parameters_the_page_says_it_is_not_tracked(xapi_package: Built, learner: Learner) -> None:
    page = learner.open(xapi_package.url + "/index.html")
    wait_for(lambda: page.locator('#trail-messages [data-msg="untracked"]').count() == 1, what="untracked")
