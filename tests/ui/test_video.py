"""Video in the formats that do not report it: SCORM packages make no API call while a video
plays (SCORM gets no video interactions), and every format stops a video when the learner
leaves its rest site. The clip really plays (Debian's chromium decodes its H.264)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Frame, Page

from tests.runtime.helpers import items
from tests.support.lms import LaunchScorm
from tests.ui.conftest import BuiltFn, UrlFn
from tests.ui.ui import go, open_app, wait_ready

VIDEO = '.view-site[data-site="andre-stopp"] video'


def watch(target: Page | Frame) -> None:
    """Play a while, pause, seek back, then play to the end (the element's own API, as its controls use)."""
    target.evaluate("s => document.querySelector(s).play()", VIDEO)
    target.wait_for_function("s => document.querySelector(s).currentTime >= 1", arg=VIDEO, polling=50)
    target.evaluate(
        """s => new Promise(done => { const v = document.querySelector(s); v.pause();
             v.addEventListener('seeked', done, {once: true}); v.currentTime = 0.1; })""",
        VIDEO,
    )
    target.evaluate("s => document.querySelector(s).play()", VIDEO)
    target.wait_for_function("s => document.querySelector(s).ended", arg=VIDEO, polling=50)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_video_played_in_a_scorm_package_makes_no_api_call(
    launch_scorm: LaunchScorm, built: BuiltFn, version: str
) -> None:
    lms = launch_scorm(version, built("scorm12" if version == "1.2" else "scorm2004"))
    frame = lms.frame
    wait_ready(frame)
    commit = "LMSCommit" if version == "1.2" else "Commit"
    before = sum(c["method"] == commit for c in lms.calls())
    frame.evaluate("location.hash = '#/site/andre-stopp'")
    lms.page.wait_for_function(  # the visit's own (debounced) commit, so it does not land mid-video
        "([m, n]) => window.__lms.calls.filter(c => c.method === m).length > n", arg=[commit, before]
    )
    calls = len(lms.calls())
    watch(frame)
    assert lms.calls()[calls:] == []
    assert lms.unload()
    assert lms.errors() == []
    assert items(lms.cmi()["interactions"]) == []  # nothing answered: no interaction, for the video or other


def test_leaving_a_rest_site_stops_its_video(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url("web"), "#/site/andre-stopp")
    page.evaluate("s => document.querySelector(s).play()", VIDEO)
    page.wait_for_function("s => document.querySelector(s).currentTime > 0.2", arg=VIDEO, polling=50)
    go(page, "#/")
    assert page.evaluate("s => document.querySelector(s).paused", VIDEO)  # not playing on, unseen
    go(page, "#/site/andre-stopp")
    watch(page)  # and the web build's adapter, which reports no video, takes the events without an error


def test_every_video_shows_a_poster_before_it_plays(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), "#/site/andre-stopp")
    posters = page.locator(".view-site video").evaluate_all("vs => vs.map(v => v.poster)")
    assert posters and all(posters)  # never a black box saying 0:00
    size = page.evaluate(
        """src => new Promise(ok => { const i = new Image(); i.onload = () => ok([i.naturalWidth, i.naturalHeight]);
             i.onerror = () => ok(null); i.src = src; })""",
        posters[0],
    )
    assert size and size[0] > 0 and size[1] > 0  # the drawn poster is an image that loads
