"""What the learner is told when the LMS is missing, failing or in browse mode."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.support.lms import LaunchScorm, LmsSession
from tests.ui.conftest import BuiltFn, UrlFn
from tests.ui.ui import axe, give, open_app, question, submit, wait_ready


def test_commit_failure_is_announced(launch_scorm: LaunchScorm, built: BuiltFn, lms_url: str) -> None:
    lms = launch_scorm("1.2", built("scorm12"))
    frame = lms.frame
    wait_ready(frame)
    assert frame.locator("#trail-messages").inner_text() == ""
    lms.fail_commits()
    frame.evaluate("location.hash = '#/site/forste-stopp'")
    submit(give(frame, "forste-stopp", "velg-en"))
    alert = frame.locator("#trail-messages .msg-error")
    alert.wait_for(timeout=20_000)  # after the tracker's own retries
    assert "Vi fikk ikke lagret framdriften din" in alert.inner_text()
    assert "prøver igjen" in alert.inner_text()
    assert frame.locator("#trail-messages").get_attribute("aria-live") == "polite"
    assert axe(frame, lms_url) == []
    # the LMS recovers: the next save succeeds and the warning goes away
    lms.server.accept_commits(lms.session)
    submit(give(frame, "forste-stopp", "velg-flere"))
    alert.wait_for(state="detached", timeout=20_000)


def test_browse_mode_is_explained(launch_scorm: LaunchScorm, built: BuiltFn) -> None:
    lms = launch_scorm("1.2", built("scorm12"), seed={"cmi": {"core": {"lesson_mode": "browse"}}})
    wait_ready(lms.frame)
    assert "Du blar gjennom kurset" in lms.frame.locator("#trail-messages").inner_text()


def test_finish_and_save_ends_the_session_once(launch_scorm: LaunchScorm, built: BuiltFn, lms_url: str) -> None:
    lms = launch_scorm("2004", built("scorm2004"))
    frame = lms.frame
    wait_ready(frame)
    frame.evaluate("location.hash = '#/site/forste-stopp'")
    submit(give(frame, "forste-stopp", "velg-en"))
    button = frame.get_by_role("button", name="Avslutt og lagre")
    button.click()
    frame.locator('#trail-messages [data-msg="exited"]').wait_for()
    assert "Framdriften din er lagret" in frame.locator("#trail-messages").inner_text()
    assert button.is_disabled()
    assert axe(frame, lms_url) == []
    assert lms.unload()
    terminates = [c for c in lms.calls() if c["method"] == "Terminate"]
    assert len(terminates) == 1 and terminates[0]["result"] == "true"
    cmi = lms.cmi()
    assert cmi["exit"] == "suspend" and cmi["location"] == "forste-stopp"
    assert lms.errors() == []


def test_no_finish_button_without_an_lms(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url("web"))
    assert page.locator("[data-exit]").is_hidden()


def test_review_mode_shows_the_attempt_without_taking_answers(launch_scorm: LaunchScorm, built: BuiltFn,
                                                             lms_url: str) -> None:
    lms = launch_scorm("2004", built("scorm2004"), seed={"cmi": {"mode": "review"}})
    frame = lms.frame
    wait_ready(frame)
    assert "Du ser gjennom et tidligere forsøk" in frame.locator("#trail-messages").inner_text()
    frame.evaluate("location.hash = '#/site/forste-stopp'")
    question = frame.locator('.question[data-q="velg-en"]')
    assert question.locator("input").first.is_disabled()
    assert frame.locator("textarea").first.get_attribute("readonly") is not None
    assert axe(frame, lms_url) == []
    assert lms.unload()
    assert not any(c["method"] == "SetValue" and c["args"][0].startswith("cmi.interactions") for c in lms.calls())


def earlier_attempt(lms: LmsSession, mode: str) -> dict[str, Any]:
    """What an LMS hands back when it opens the stored attempt again in `mode`."""
    cmi = lms.last_commit()
    if lms.version == "1.2":
        core = {k: v for k, v in cmi["core"].items() if k not in ("exit", "session_time", "total_time")}
        return {"cmi": {**cmi, "core": {**core, "entry": "resume", "lesson_mode": mode}}}
    kept = {k: v for k, v in cmi.items() if k not in ("exit", "session_time", "total_time")}
    return {"cmi": {**kept, "entry": "resume", "mode": mode}}


@pytest.mark.parametrize(("fmt", "mode"), [("scorm12", "review"), ("scorm12", "browse"),
                                           ("scorm2004", "review"), ("scorm2004", "browse")])
def test_review_and_browse_are_read_only_in_every_control(launch_scorm: LaunchScorm, built: BuiltFn,
                                                          lms_url: str, fmt: str, mode: str) -> None:
    """No retry unlocks a question, nothing claims a score, a pass or "Lagret": the LMS keeps nothing."""
    version = "1.2" if fmt == "scorm12" else "2004"
    lms = launch_scorm(version, built(fmt))
    frame = lms.frame
    wait_ready(frame)
    frame.evaluate("location.hash = '#/site/forste-stopp'")
    submit(give(frame, "forste-stopp", "velg-en", correct=False))  # wrong, tries left: "Prøv igjen" offered
    assert question(frame, "forste-stopp", "velg-en").locator("[data-retry]").is_visible()
    frame.locator("textarea").first.fill("Vi samarbeider med NAV.")
    frame.evaluate("location.hash = '#/'")
    progress = frame.locator("[data-progress-extra]").inner_text()
    assert lms.unload()

    again = launch_scorm(version, built(fmt), seed=earlier_attempt(lms, mode))
    frame = again.frame
    wait_ready(frame)
    told = {"review": "Du ser gjennom et tidligere forsøk", "browse": "Du blar gjennom kurset"}[mode]
    assert told in frame.locator("#trail-messages").inner_text()
    frame.evaluate("location.hash = '#/site/forste-stopp'")
    q = question(frame, "forste-stopp", "velg-en")
    assert q.locator("input").first.is_disabled() and q.locator("[data-retry]").is_hidden()
    chosen = q.locator("input:checked")  # the earlier answer, shown as it was and locked
    assert chosen.count() == 1 and chosen.is_disabled()
    q.locator("[data-submit]").click(force=True)  # a click on the locked button changes nothing
    assert q.locator("input").first.is_disabled()
    area = frame.locator("textarea").first
    assert area.get_attribute("readonly") is not None and area.input_value() == "Vi samarbeider med NAV."
    area.focus()
    frame.evaluate("document.activeElement.blur()")
    assert "Lagret" not in frame.locator("[data-save-status]").first.inner_text()
    for other in ("velg-flere", "sant-usant"):  # unanswered questions are locked as well
        assert question(frame, "forste-stopp", other).locator("input").first.is_disabled()
    frame.evaluate("location.hash = '#/'")
    assert frame.locator("[data-progress-extra]").inner_text() == progress  # no new score or pass
    assert frame.locator(".foot [data-exit]").is_hidden()  # no "Finish and save": nothing to save
    assert axe(frame, lms_url) == []
    assert again.unload()
    written = [c["args"][0] for c in again.calls() if c["method"] in ("SetValue", "LMSSetValue")]
    assert not [k for k in written if k.startswith(("cmi.interactions", "cmi.suspend_data", "cmi.objectives"))], written
    assert [c["method"] for c in again.calls() if c["method"] in ("Terminate", "LMSFinish")] != []
