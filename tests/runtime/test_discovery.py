"""API discovery: parent frames, nested frames, an opener popup, the page itself, no API at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Frame, Page

from tests.runtime.course_data import small_course
from tests.runtime.helpers import answer, js, lms_errors, start

ADAPTER = {"1.2": "scorm12", "2004": "scorm2004"}
LOCATION = {"1.2": "cmi.core.lesson_location", "2004": "cmi.location"}
API = {"1.2": "API", "2004": "API_1484_11"}
GET = {"1.2": "LMSGetValue", "2004": "GetValue"}


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def walk_one_site(target: Frame | Page) -> None:
    js(target, "T.visit('bostotte')")
    assert answer(target, "bostotte", "par", [["0", "a"], ["1", "b"], ["2", "c"]])["result"] == "correct"
    js(target, "T.leave('bostotte')")


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_two_frame_levels_below_the_api(launch_scorm: Any, runtime_pages: Path, version: str) -> None:
    lms = launch_scorm(version, runtime_pages, launch=f"nested.html?a={ADAPTER[version]}", use_manifest=False)
    inner = lms.frame.wait_for_selector("#inner").content_frame()
    assert inner is not None
    info = start(inner, small_course(ADAPTER[version]))
    assert "message" not in info
    walk_one_site(inner)
    assert lms.page.evaluate(f"() => window.{API[version]}.{GET[version]}('{LOCATION[version]}')") == "bostotte"
    assert [c["method"] for c in lms.calls()].count("Initialize" if version == "2004" else "LMSInitialize") == 1
    assert lms_errors(lms) == []


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_popup_finds_the_api_through_its_opener(launch_scorm: Any, runtime_pages: Path, version: str) -> None:
    lms = launch_scorm(version, runtime_pages, launch=f"launcher.html?a={ADAPTER[version]}", use_manifest=False)
    with lms.context.expect_page() as opened:
        assert lms.frame.evaluate("() => window.launch()") is True
    popup = opened.value
    popup.wait_for_load_state("load")
    info = start(popup, small_course(ADAPTER[version]))
    assert "message" not in info
    walk_one_site(popup)
    assert lms.page.evaluate(f"() => window.{API[version]}.{GET[version]}('{LOCATION[version]}')") == "bostotte"
    popup.close(run_before_unload=True)
    lms.page.wait_for_function("() => window.__lms.terminated")  # pagehide in the popup finished it
    assert lms_errors(lms) == []


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_api_on_the_page_itself(page: Page, pages_url: str, version: str) -> None:
    self_api = "12" if version == "1.2" else "2004"
    page.goto(f"{pages_url}/sco.html?a={ADAPTER[version]}&self={self_api}")
    info = start(page, small_course(ADAPTER[version]))
    assert "message" not in info
    walk_one_site(page)
    assert page.evaluate(f"() => window.{API[version]}.{GET[version]}('{LOCATION[version]}')") == "bostotte"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_without_an_api_the_learner_works_untracked(page: Page, pages_url: str, version: str) -> None:
    data = small_course(ADAPTER[version])
    page.goto(f"{pages_url}/sco.html?a={ADAPTER[version]}")
    page.wait_for_function("() => window.scoReady === true")
    alone = page.evaluate("(d) => window.TrailAdapter.start(d)", data)
    assert alone["ok"] is False and alone["state"] is None
    info = start(page, data)
    assert info["message"] == "untracked" and info["resumed"] is False
    walk_one_site(page)
    assert js(page, "T.reflect('bostotte', 'refleksjon', 'Bare i nettleseren')") == {"kept": "browser"}
    assert js(page, "T.siteStatus('bostotte')") == "visited"
    assert js(page, "T.finish()") is True
    # what the learner did survives a reload in this browser
    page.reload()
    info = start(page, data)
    assert info["message"] == "untracked" and info["resumed"] is True and info["bookmark"] == "bostotte"
    assert js(page, "T.answerOf('bostotte', 'par')")["result"] == "correct"
    assert js(page, "T.reflectionOf('bostotte', 'refleksjon')") == "Bare i nettleseren"
