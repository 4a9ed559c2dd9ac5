"""A learner watches the fixture course's local video in the xAPI and cmi5 packages: what reaches
the LRS follows the xAPI Video Profile, and stays a handful of statements.

The video really plays: Debian's chromium decodes the 2-second H.264 clip in headless mode, and
the test server answers Range requests, so seeking works as on a real host. The script drives the
<video> element through its own API (play(), pause(), currentTime), as the native controls do,
instead of clicking the controls' pixels; the media events trail.js listens to are the browser's.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from playwright.sync_api import Page

from packager import vocabulary as v
from packager.xapi.activities import activities
from tests.xapi.conftest import Built, Learner, fixture_course, started
from tests.xapi.lms import LmsStandIn
from tests.xapi.lrs import LearningLocker
from tests.xapi.rules import cmi5_problems, once_per_registration, unique, verb_name, video_problems, xapi_problems
from tests.xapi.test_cmi5_learner import au, open_au, session
from tests.xapi.walk import counts, go, wait_for

COURSE = "https://example.no/kurs/min-forste-loype"
SITE = COURSE + "/sites/andre-stopp"
VIDEO_ID = SITE + "/videos/1"
VIDEO = '.view-site[data-site="andre-stopp"] video'
LENGTH = 2  # seconds


def play(page: Page, until: float | None = None) -> None:
    """Play from where the video is, until its position passes `until` (None: to its end)."""
    page.evaluate("s => document.querySelector(s).play()", VIDEO)  # resolves once it plays
    if until is None:
        page.wait_for_function("s => document.querySelector(s).ended", arg=VIDEO, polling=50)
    else:
        page.wait_for_function("([s, t]) => document.querySelector(s).currentTime >= t", arg=[VIDEO, until],
                               polling=50)


def pause(page: Page) -> None:
    page.evaluate("s => { document.querySelector(s).pause(); }", VIDEO)


def drag(page: Page, *positions: float) -> None:
    """Seek to each position in turn, each once the last has landed: a drag of the scrubber."""
    page.evaluate(
        """async ([s, list]) => { const v = document.querySelector(s);
             for (const t of list) await new Promise(done => { v.addEventListener('seeked', done, {once: true}); v.currentTime = t; }); }""",
        [VIDEO, list(positions)],
    )


def about_video(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [s for s in unique(statements) if s["object"]["id"] == VIDEO_ID]


def res(st: dict[str, Any], name: str) -> Any:
    return st["result"]["extensions"][name]


def ctx(st: dict[str, Any], name: str) -> Any:
    return st["context"]["extensions"].get(name)


def test_watching_pausing_seeking_and_replaying_sends_few_video_profile_statements(
    lms: LmsStandIn, lrs: LearningLocker, xapi_package: Built, learner: Learner
) -> None:
    launch = lms.tincan_launch(xapi_package.url, COURSE)
    reg = launch.registration or ""
    page = learner.open(launch.url)
    go(page, "#/site/andre-stopp")
    play(page, until=1.2)
    pause(page)
    drag(page, 0.6, 0.1)  # back to the start in two moves less than 1 s apart: one seeked
    play(page)  # to the end: everything has been seen, so completed follows paused
    play(page)  # once more from the start: the rewind is no seek, and no second completed
    go(page, "#/")
    wait_for(lambda: len(about_video(lrs.raw_statements(registration=reg))) == 8, what="the first page's video statements")

    # Another session of the same registration: the parts seen before count, completed is not repeated.
    page.reload()
    started(page)
    go(page, "#/site/andre-stopp")
    play(page)
    play(page, until=0.5)
    go(page, "#/")  # leaving the rest site stops the video: paused
    assert page.evaluate("s => document.querySelector(s).paused", VIDEO)
    page.goto("about:blank")
    wait_for(lambda: counts(lrs.raw_statements(registration=reg))["terminated"] == 2, what="terminated")

    stored = unique(lrs.raw_statements(registration=reg))
    videos = about_video(stored)
    print("video statements by verb:", dict(Counter(verb_name(s) for s in videos)))
    inits = [s for s in stored if verb_name(s) == "initialized"]
    first = [s for s in videos if s["timestamp"] < inits[1]["timestamp"]]
    second = [s for s in videos if s["timestamp"] > inits[1]["timestamp"]]
    assert [verb_name(s) for s in first] == [
        "played", "paused", "seeked", "played", "paused", "completed", "played", "paused"
    ]
    assert [verb_name(s) for s in second] == ["played", "paused", "played", "paused"]
    assert Counter(verb_name(s) for s in videos) == {"played": 5, "paused": 5, "seeked": 1, "completed": 1}
    others = Counter(verb_name(s) for s in stored if s not in videos)  # and nothing per timeupdate
    assert others == {"initialized": 2, "experienced": 1, "progressed": 1, "terminated": 2}
    assert once_per_registration(stored, VIDEO_ID) == []

    sent = lms.received(launch)
    assert xapi_problems(sent) == []
    assert video_problems(sent) == []
    played1, paused1, seeked, played2, paused2, done, played3, paused3 = first
    played4, paused4, played5, paused5 = second

    def at(st: dict[str, Any]) -> float:
        return float(res(st, v.VIDEO_EXT_TIME))

    # Positions agree between statements, as the profile asks: a segment runs from a played's
    # time to the next paused's, a seek starts where the pause left the video.
    assert at(played1) == 0 and at(paused1) >= 1.2
    assert res(paused1, v.VIDEO_EXT_PLAYED_SEGMENTS) == f"0[.]{at(paused1):g}"
    # to 3 decimals; a half is rounded up in JavaScript and to even in Python, so allow that one step
    assert abs(res(paused1, v.VIDEO_EXT_PROGRESS) - at(paused1) / LENGTH) <= 0.0005 + 1e-9
    assert (res(seeked, v.VIDEO_EXT_TIME_FROM), res(seeked, v.VIDEO_EXT_TIME_TO)) == (at(paused1), 0.1)
    assert at(played2) == 0.1
    seen = f"0[.]{at(paused1):g}[,]0.1[.]{LENGTH}"
    assert at(paused2) == LENGTH and res(paused2, v.VIDEO_EXT_PLAYED_SEGMENTS) == seen
    assert res(paused2, v.VIDEO_EXT_PROGRESS) == 1
    assert done["result"]["completion"] is True and res(done, v.VIDEO_EXT_PLAYED_SEGMENTS) == seen
    assert res(done, v.VIDEO_EXT_PROGRESS) == 1 and at(done) == LENGTH
    assert at(played3) < 0.05  # from the start again
    after = f"{seen}[,]{at(played3):g}[.]{LENGTH}"
    assert res(paused3, v.VIDEO_EXT_PLAYED_SEGMENTS) == after
    # the next page continues the registration's segments, not its own
    after += f"[,]{at(played4):g}[.]{LENGTH}"
    assert res(paused4, v.VIDEO_EXT_PLAYED_SEGMENTS) == after
    assert 0.5 <= at(paused5) < LENGTH
    assert res(paused5, v.VIDEO_EXT_PLAYED_SEGMENTS) == f"{after}[,]{at(played5):g}[.]{at(paused5):g}"

    published = activities(fixture_course())
    for st in videos:
        init = max((i for i in inits if i["timestamp"] < st["timestamp"]), key=lambda i: i["timestamp"])
        assert ctx(st, v.VIDEO_EXT_SESSION_ID) == init["id"]
        assert ctx(st, v.VIDEO_EXT_LENGTH) == LENGTH
        acts = st["context"]["contextActivities"]
        assert [a["id"] for a in acts["parent"]] == [SITE] and [a["id"] for a in acts["grouping"]] == [COURSE]
        assert [a["id"] for a in acts["category"]] == [v.VIDEO_PROFILE]
        assert st["object"]["definition"] == published[VIDEO_ID]
        assert st["context"]["registration"] == reg
    assert learner.errors == []


def test_a_cmi5_au_sends_video_statements_as_cmi5_allowed_statements(
    lms: LmsStandIn, cmi5_package: Built, learner: Learner
) -> None:
    launch = au(lms, cmi5_package, "andre-stopp", mastery=0.8)
    page = open_au(learner, launch, "andre-stopp")
    play(page, until=1.0)
    pause(page)
    drag(page, 0.2)
    play(page)
    play(page, until=0.4)
    page.locator('.view-site[data-site="andre-stopp"] .pager button').click()  # exit while the video plays
    wait_for(lambda: "terminated" in session(lms, launch), what="terminated")

    verbs = session(lms, launch)
    video_verbs = [verb_name(s) for s in about_video(lms.received(launch))]
    assert video_verbs == ["played", "paused", "seeked", "played", "paused", "completed", "played", "paused"]
    assert verbs[-2:] == ["paused", "terminated"]  # the exit stopped the video before the session ended
    assert verbs.count("completed") == 2  # the AU's (cmi5 defined, a visit completes it) and the video's
    sent = lms.received(launch)
    assert cmi5_problems(sent, [launch]) == []
    assert xapi_problems(sent) == []
    assert video_problems(sent) == []
    init = next(s for s in unique(sent) if verb_name(s) == "initialized")
    for st in about_video(sent):
        acts = st["context"]["contextActivities"]
        assert [a["id"] for a in acts["category"]] == [v.VIDEO_PROFILE]  # no cmi5 category: cmi5 allowed
        assert [a["id"] for a in acts["grouping"]] == [launch.publisher_id, COURSE]  # the template's first
        assert [a["id"] for a in acts["parent"]] == [SITE]
        assert ctx(st, v.CMI5_EXT_SESSION_ID) == launch.session_id
        assert ctx(st, v.VIDEO_EXT_SESSION_ID) == init["id"]
    assert learner.errors == []
