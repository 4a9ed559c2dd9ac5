"""The stand-in flags what real LMSs reject, with the error code a strict LMS returns.

The values are set by hand through the same API object the course uses, the way
a designer tries things in the browser console of the preview.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from packager.model import Format
from tests.preview.conftest import Preview, copy_course, start_preview, stop_preview
from tests.preview.test_standin import log_item, open_standin, wait_course_ready


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """This module's own server, started in SCORM 1.2."""
    running = start_preview(copy_course(tmp_path_factory.mktemp("rules")), Format.SCORM12)
    yield running
    stop_preview(running)


def warning(page: Page, *parts: str) -> Any:
    return log_item(page, *parts).and_(page.locator("li.is-warn"))


SCORM12 = """() => {
  const api = window.API, r = {};
  const call = (name, fn) => { r[name] = [fn(), api.LMSGetLastError()]; };
  call("fits", () => api.LMSSetValue("cmi.suspend_data", "x".repeat(4096)));
  call("suspend", () => api.LMSSetValue("cmi.suspend_data", "x".repeat(4097)));
  call("location", () => api.LMSSetValue("cmi.core.lesson_location", "l".repeat(256)));
  call("time", () => api.LMSSetValue("cmi.core.session_time", "PT5S"));
  const n = api.LMSGetValue("cmi.interactions._count");
  call("id", () => api.LMSSetValue("cmi.interactions." + n + ".id", "s01_extra"));
  call("type", () => api.LMSSetValue("cmi.interactions." + n + ".type", "long-fill-in"));
  call("status", () => api.LMSSetValue("cmi.core.lesson_status", "done"));
  call("again", () => api.LMSInitialize(""));
  call("raw", () => api.LMSSetValue("cmi.core.score.raw", "50"));
  call("passed", () => api.LMSSetValue("cmi.core.lesson_status", "passed"));
  call("finish", () => api.LMSFinish(""));
  call("late", () => api.LMSSetValue("cmi.core.lesson_location", "x"));
  r.api2004 = window.API_1484_11 === undefined;
  return r;
}"""


def test_scorm12_limits_vocabularies_and_call_order(standin: Page, preview: Preview) -> None:
    open_standin(standin, preview)
    r = standin.evaluate(SCORM12)
    assert r["fits"] == ["true", "0"]
    assert r["suspend"] == ["false", "405"] and r["location"] == ["false", "405"]
    assert r["time"] == ["false", "405"] and r["status"] == ["false", "405"]
    assert r["id"] == ["true", "0"] and r["type"] == ["false", "405"]
    assert r["again"] == ["false", "101"]
    assert r["finish"] == ["true", "0"] and r["late"] == ["false", "101"]
    assert r["api2004"], "a SCORM 1.2 launch exposes only window.API"

    expect(warning(standin, 'LMSSetValue("cmi.suspend_data", "xxx', "(4097 characters)",
                   "4097 characters; the limit is 4096 (error 405)")).to_be_visible()
    expect(log_item(standin, 'LMSSetValue("cmi.suspend_data", "xxx', "(4096 characters)) → \"true\"")).not_to_have_class(
        "is-warn")
    expect(warning(standin, "cmi.core.lesson_location", "256 characters; the limit is 255")).to_be_visible()
    expect(warning(standin, 'LMSSetValue("cmi.core.session_time", "PT5S") → "false"', "HH:MM:SS")).to_be_visible()
    expect(warning(standin, '"long-fill-in" is not one of', "error 405 (Incorrect data type)")).to_be_visible()
    expect(warning(standin, '"done" is not one of "passed", "completed"')).to_be_visible()
    expect(warning(standin, 'LMSInitialize("") → "false"', "a second LMSInitialize")).to_be_visible()
    expect(warning(standin, 'LMSSetValue("cmi.core.lesson_location", "x") → "false"',
                   "after LMSFinish")).to_be_visible()
    expect(warning(standin, "Moodle's mastery override", '"failed"', "masteryscore 80")).to_be_visible()

    # Set before Initialize: the new session's API exists before the course page has loaded.
    before = standin.evaluate("""() => { window.TrailPreview.launch("resume");
      return [API.LMSSetValue("cmi.core.lesson_location", "early"), API.LMSGetLastError()]; }""")
    assert before == ["false", "301"]
    expect(warning(standin, 'LMSSetValue("cmi.core.lesson_location", "early")', "before LMSInitialize")).to_be_visible()
    wait_course_ready(standin)
    expect(log_item(standin, 'LMSInitialize("") → "true"')).to_be_visible()


SCORM2004 = """() => {
  const api = window.API_1484_11, r = {};
  const call = (name, fn) => { r[name] = [fn(), api.GetLastError()]; };
  call("suspend", () => api.SetValue("cmi.suspend_data", "x".repeat(64001)));
  call("completion", () => api.SetValue("cmi.completion_status", "done"));
  call("success", () => api.SetValue("cmi.success_status", "completed"));
  call("time", () => api.SetValue("cmi.session_time", "00:01:00"));
  call("scaled", () => api.SetValue("cmi.score.scaled", "1.5"));
  call("readonly", () => api.SetValue("cmi.entry", "resume"));
  const n = api.GetValue("cmi.interactions._count");
  call("typeFirst", () => api.SetValue("cmi.interactions." + n + ".type", "choice"));
  call("again", () => api.Initialize(""));
  call("exit", () => api.SetValue("cmi.exit", "normal"));
  call("terminate", () => api.Terminate(""));
  call("twice", () => api.Terminate(""));
  call("late", () => api.GetValue("cmi.location"));
  r.api12 = window.API === undefined;
  return r;
}"""


def test_scorm2004_limits_vocabularies_and_call_order(standin: Page, preview: Preview) -> None:
    open_standin(standin, preview)
    standin.get_by_label("Format").select_option("scorm2004")
    expect(standin.locator("#build-status")).to_contain_text("(scorm2004) is live", timeout=20_000)
    wait_course_ready(standin)
    expect(log_item(standin, 'Initialize("") → "true"')).to_be_visible()
    r = standin.evaluate(SCORM2004)
    assert r["suspend"] == ["false", "406"] and r["completion"] == ["false", "406"]
    assert r["success"] == ["false", "406"] and r["time"] == ["false", "406"]
    assert r["scaled"] == ["false", "407"] and r["readonly"] == ["false", "404"]
    assert r["typeFirst"] == ["false", "408"] and r["again"] == ["false", "103"]
    assert r["exit"] == ["true", "0"] and r["terminate"] == ["true", "0"]
    assert r["twice"] == ["false", "113"] and r["late"] == ["", "123"]
    assert r["api12"], "a SCORM 2004 launch exposes only window.API_1484_11"
    expect(warning(standin, "cmi.suspend_data", "64001 characters; the limit is 64000 (error 406)")).to_be_visible()
    expect(warning(standin, '"done" is not one of "completed", "incomplete"')).to_be_visible()
    expect(warning(standin, "1.5 is outside -1..1 (error 407)")).to_be_visible()
    expect(warning(standin, 'Initialize("") → "false"', "error 103 (Already Initialized)")).to_be_visible()
    expect(warning(standin, 'Terminate("") → "false"', "error 113")).to_be_visible()
    expect(warning(standin, 'cmi.exit is "normal": the next launch starts a new attempt')).to_be_visible()

    # exit "normal" ended the attempt: a relaunch is a new attempt with nothing to resume.
    standin.get_by_role("button", name="Relaunch (resume)").click()
    wait_course_ready(standin)
    expect(warning(standin, 'ended with cmi.exit = "normal"', "starts a new attempt")).to_be_visible()
    expect(log_item(standin, 'GetValue("cmi.entry") → ""')).to_be_visible()


def test_the_web_build_runs_without_an_lms(standin: Page, preview: Preview) -> None:
    open_standin(standin, preview)
    standin.get_by_label("Format").select_option("web")
    expect(standin.locator("#build-status")).to_contain_text("(web) is live", timeout=20_000)
    wait_course_ready(standin)
    expect(log_item(standin, "The web build runs without an LMS")).to_be_visible()
    assert standin.evaluate("() => window.API === undefined && window.API_1484_11 === undefined")
    expect(standin.locator("#session-summary")).to_contain_text("no LMS session")
