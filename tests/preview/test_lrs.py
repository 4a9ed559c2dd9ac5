"""`trail preview -f xapi|cmi5` in a browser: the package launched as an LMS would, against the
LRS stand-in; the statement log, the State documents, and refusals with their rule ids."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from playwright.sync_api import Page, expect

from packager.cli import main
from packager.model import Format
from tests.preview.conftest import TIMEOUT_MS, Preview, copy_course, start_preview, stop_preview
from tests.preview.test_standin import axe_violations, log_item, wait_course_ready

QUESTION = '.question[data-q="velg-en"]'


@pytest.fixture(scope="module")
def lrs_preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """One `trail preview -f xapi` for the module; the cmi5 tests switch it with the format menu."""
    running = start_preview(copy_course(tmp_path_factory.mktemp("lrs")), Format.XAPI)
    yield running
    stop_preview(running)


def open_format(page: Page, preview: Preview, fmt: str) -> None:
    page.goto(preview.url)
    if page.get_by_label("Format").input_value() != fmt:
        page.get_by_label("Format").select_option(fmt)
    expect(page.locator("#build-status")).to_contain_text(f"({fmt}) is live", timeout=TIMEOUT_MS)
    wait_course_ready(page)


def statement(page: Page, *parts: str) -> Any:
    return log_item(page, *parts, log="statements")


def answer_first_question(page: Page) -> None:
    quiz = page.frame_locator("#course").locator(QUESTION)
    quiz.locator("input").first.check()
    quiz.locator("button", has_text="Svar").click()


def launch_params(page: Page) -> dict[str, str]:
    src = page.locator("#course").get_attribute("src") or ""
    return {k: v[0] for k, v in parse_qs(urlsplit(src).query).items()}


def post(page: Page, url: str, body: Any, headers: dict[str, str]) -> int:
    """A request the test makes itself, from the preview page (same origin as the LRS stand-in)."""
    status: int = page.evaluate(
        "([url, body, headers]) => fetch(url, {method: 'POST', headers: headers, body: JSON.stringify(body)})"
        ".then(r => r.status)", [url, body, headers])
    return status


def test_xapi_launches_logs_the_answer_and_refuses_a_conflicting_resend(standin: Page, lrs_preview: Preview) -> None:
    open_format(standin, lrs_preview, "xapi")
    params = launch_params(standin)
    assert params["auth"].startswith("Basic ") and params["registration"] and params["activity_id"]
    assert json.loads(params["actor"])["mbox"].startswith("mailto:")
    expect(standin.locator("#au-field")).to_be_visible()
    expect(standin.get_by_role("heading", name="LMS API log")).to_be_hidden()
    expect(statement(standin, "initialized")).to_be_visible()

    standin.frame_locator("#course").locator("body").evaluate("() => { location.hash = '#/site/forste-stopp'; }")
    answer_first_question(standin)
    answered = statement(standin, "answered", "success")
    expect(answered).to_be_visible()
    answered.locator("summary").focus()
    standin.keyboard.press("Enter")  # the whole JSON opens from the keyboard
    shown = json.loads(answered.locator("pre").text_content() or "")
    assert shown["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered"
    assert shown["context"]["registration"] == params["registration"]
    assert "stored" in shown and "authority" in shown

    state = standin.locator("#documents-body tr[data-document='trail-state']")
    expect(state).to_be_visible(timeout=TIMEOUT_MS)
    etag = state.locator("td").first.inner_text()
    assert etag.startswith('"') and len(etag) == 42  # a quoted SHA-1, as the ADL LRS makes it

    # the same id again with other content: an LRS never changes a stored statement
    headers = {"Authorization": params["auth"], "X-Experience-API-Version": "1.0.3",
               "Content-Type": "application/json"}
    changed = {**shown, "result": {"success": not shown["result"]["success"]}}
    for key in ("stored", "authority"):
        changed.pop(key)
    assert post(standin, params["endpoint"] + "statements", [changed], headers) == 409
    refused = standin.locator("#statements > li.is-refused").first
    expect(refused).to_contain_text("Refused 409")
    expect(refused).to_contain_text("xAPI 1.0.3 Part Three §2.1.2")
    expect(refused).to_contain_text(shown["id"])
    # no version header: 400 under §6.2, shown the same way
    del headers["X-Experience-API-Version"]
    assert post(standin, params["endpoint"] + "statements", [changed], headers) == 400
    expect(standin.locator("#statements > li.is-refused").first).to_contain_text("Part Three §6.2")


def test_cmi5_launches_an_au_like_an_lms_and_refuses_a_statement_after_terminated(
        standin: Page, lrs_preview: Preview) -> None:
    open_format(standin, lrs_preview, "cmi5")
    aus = standin.get_by_label("Activity").locator("option")
    expect(aus).to_have_count(len(lrs_preview.state()["launch"]["aus"]))
    expect(aus.first).to_have_text("Første stopp")
    params = launch_params(standin)
    assert set(params) >= {"endpoint", "fetch", "actor", "registration", "activityId", "site"}
    expect(statement(standin, "LMS", "launched")).to_be_visible()
    expect(statement(standin, "AU", "initialized")).to_be_visible()
    docs = standin.locator("#documents-body")
    launch_data = docs.locator("tr[data-document='LMS.LaunchData']")
    expect(launch_data).to_be_visible()
    data = json.loads(launch_data.locator("pre").text_content() or "")
    assert data["moveOn"] == "CompletedAndPassed" and data["masteryScore"] == 0.8 and data["launchMode"] == "Normal"
    assert data["returnURL"].endswith("/__preview/static/returned.html")
    expect(docs.locator("tr[data-document='cmi5LearnerPreferences']")).to_be_visible()

    answer_first_question(standin)
    expect(statement(standin, "AU", "answered", "success")).to_be_visible()
    expect(docs.locator("tr[data-document='trail-state']")).to_be_visible(timeout=TIMEOUT_MS)

    frame = standin.frame_locator("#course")
    token: str = frame.locator("body").evaluate(  # what the AU got from the one-time fetch URL
        "(_, fetchUrl) => JSON.parse(sessionStorage.getItem('trail.cmi5.token:' + fetchUrl))", params["fetch"])
    frame.locator('.view-site[data-site="forste-stopp"] [data-exit]').click()  # the learner ends the AU
    expect(statement(standin, "AU", "terminated")).to_be_visible(timeout=TIMEOUT_MS)
    expect(statement(standin, "AU", "terminated")).to_contain_text("terminated · AU Første stopp")  # named, not an IRI
    assert standin.locator("#statements > li.is-refused").count() == 0, \
        standin.locator("#statements > li.is-refused").all_inner_texts()

    late = {"id": "5d3c1b2a-0f9e-4d8c-8b7a-6f5e4d3c2b1a", "timestamp": "2026-12-04T20:00:00.000Z",
            "actor": json.loads(params["actor"]),
            "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en": "experienced"}},
            "object": {"objectType": "Activity", "id": params["activityId"] + "/late"},
            "context": {**data["contextTemplate"], "registration": params["registration"]}}
    headers = {"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"}
    assert post(standin, params["endpoint"] + "statements", [late], headers) == 403
    refused = standin.locator("#statements > li.is-refused").first
    expect(refused).to_contain_text("9.3.0.0-5")
    expect(refused).to_contain_text("after terminated")
    expect(refused.locator(".lrs__rule")).to_have_css("color", "rgb(164, 0, 29)")  # the rule id in red
    refused.locator("summary").click()
    assert json.loads(refused.locator("pre").text_content() or "")[0]["id"] == late["id"]
    assert axe_violations(standin) == []


def test_the_cli_offers_xapi_and_cmi5_to_preview() -> None:
    shown = CliRunner().invoke(main, ["preview", "--help"])
    assert shown.exit_code == 0 and "xapi" in shown.output and "cmi5" in shown.output
    for fmt in ("xapi", "cmi5"):  # the format is accepted; only the port is wrong here
        refused = CliRunner().invoke(main, ["preview", "-f", fmt, "--port", "70000"])
        assert refused.exit_code == 2
        assert "70000" in refused.output and "is not one of" not in refused.output


def test_the_activity_menu_launches_another_au_in_the_same_registration(standin: Page, lrs_preview: Preview) -> None:
    open_format(standin, lrs_preview, "cmi5")
    first = launch_params(standin)
    expect(statement(standin, "AU", "initialized")).to_be_visible()
    standin.get_by_label("Activity").select_option(label="Andre stopp")
    expect(standin.locator("#course")).to_have_attribute("src", re.compile(r"[?&]site=andre-stopp&"))
    wait_course_ready(standin)
    second = launch_params(standin)
    assert second["registration"] == first["registration"] and second["activityId"] != first["activityId"]
    # the newest launched and initialized are about the new AU (the LMS's id for it, not its cmi5.xml id)
    expect(statement(standin, "LMS", "launched").locator("pre")).to_contain_text(f'"{second["activityId"]}"')
    expect(statement(standin, "AU", "initialized").locator("pre")).to_contain_text(f'"{second["activityId"]}"')
    assert standin.locator("#statements > li.is-refused").count() == 0, \
        standin.locator("#statements > li.is-refused").all_inner_texts()
    assert axe_violations(standin) == []
