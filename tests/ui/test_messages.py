"""What the learner is told when the LMS is missing, failing or in browse mode."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.support.lms import LaunchScorm
from tests.ui.conftest import BuiltFn, UrlFn
from tests.ui.ui import axe, give, open_app, submit, wait_ready


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
