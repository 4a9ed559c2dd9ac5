"""Reflections save themselves, can be downloaded, and a full LMS store is explained."""

from __future__ import annotations

import random
from pathlib import Path

from playwright.sync_api import Page

from tests.support.lms import LaunchScorm
from tests.ui.conftest import BuiltFn, UrlFn
from tests.ui.ui import axe, open_app, view


def test_saved_while_typing_without_leaving_the_field(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), "#/site/forste-stopp")
    box = view(page).locator(".block.reflection")
    box.locator("textarea").press_sequentially("Tett samarbeid med NAV.")
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
    status = box.locator("[data-save-status]")
    status.filter(has_text="Lagret").wait_for(timeout=5000)
    assert status.get_attribute("aria-live") == "polite"
    # the label is the prompt
    assert box.get_by_role("textbox", name="Hvordan jobber din kommune med dette i dag?").count() == 1


def test_download_has_titles_prompts_and_answers(page: Page, app_url: UrlFn, tmp_path: Path) -> None:
    open_app(page, app_url(), "#/site/andre-stopp")
    view(page).locator("textarea").fill("Jeg tar med meg lysten til å prøve.")
    with page.expect_download() as info:
        page.get_by_role("button", name="Last ned refleksjonene mine").click()
    download = info.value
    assert download.suggested_filename == "mine-refleksjoner.txt"
    target = tmp_path / "r.txt"
    download.save_as(target)
    text = target.read_bytes().decode("utf-8-sig")  # CRLF kept: Notepad-friendly
    assert text.startswith("Min første læringsløype\r\nMine refleksjoner")
    assert "1. Første stopp" in text and "2. Andre stopp" in text
    assert "Hvordan jobber din kommune med dette i dag?" in text
    assert "Hva tar du med deg herfra?\r\n\r\nMitt svar:\r\nJeg tar med meg lysten til å prøve." in text
    assert "(ikke besvart ennå)" in text  # the first stop's reflection is still empty
    assert "Tredje stopp" not in text  # no reflection there


def test_too_long_for_scorm12_is_kept_in_browser_and_said(
    launch_scorm: LaunchScorm, built: BuiltFn, lms_url: str
) -> None:
    lms = launch_scorm("1.2", built("scorm12"))
    frame = lms.frame
    frame.wait_for_selector("html[data-trail='ready']", state="attached")
    frame.evaluate("location.hash = '#/site/forste-stopp'")
    rng = random.Random(7)  # text the state codec cannot squeeze under 4096 characters
    long_text = "".join(rng.choice("abcdefghijklmnopqrstuvwxyzæøå ,.") for _ in range(6000))
    area = frame.locator('.view-site[data-site="forste-stopp"] textarea')
    area.fill(long_text)
    area.blur()
    status = frame.locator('.view-site[data-site="forste-stopp"] [data-save-status]')
    assert "bare lagret i denne nettleseren" in status.inner_text()
    assert status.get_by_role("button", name="Last ned refleksjonene mine").is_visible()
    assert axe(frame, lms_url) == []
