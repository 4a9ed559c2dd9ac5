"""`trail preview` in a browser: the course runs in the LMS stand-in, every API call is
logged, an edit reloads it, a broken course shows its problems, and relaunch resumes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from packager.build import check
from packager.package import FORMATS, previewable
from tests.preview.conftest import TIMEOUT_MS, Preview

SITE_MD = "sites/01-forste-stopp/site.md"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def log_item(page: Page, *parts: str, log: str = "log") -> Any:
    """The newest entry of a log (`#log`: API calls; `#statements`) containing every part (newest first)."""
    locator = page.locator(f"#{log} > li")
    for part in parts:
        locator = locator.filter(has_text=part)
    return locator.first


def wait_course_ready(page: Page) -> None:
    """The document the stand-in launched last (not the one it replaces) has started."""
    page.wait_for_function(
        "() => { const f = document.getElementById('course'), d = f.contentDocument;"
        " return !!d && !!d.documentElement && d.URL.split('#')[0] === f.src.split('#')[0]"
        " && d.documentElement.dataset.trail === 'ready'; }",
        timeout=TIMEOUT_MS,
    )


def open_standin(page: Page, preview: Preview) -> None:
    page.goto(preview.url)
    wait_course_ready(page)
    expect(log_item(page, 'Initialize("") → "true"')).to_be_visible()


def go(page: Page, hash_: str) -> None:
    page.frame_locator("#course").locator("body").evaluate("(_, h) => { location.hash = h; }", hash_)


def test_the_sco_initialises_in_the_standin_and_its_calls_are_logged(standin: Page, preview: Preview) -> None:
    open_standin(standin, preview)
    expect(standin.locator("h1")).to_have_text("Min første læringsløype")
    expect(standin.locator("#build-status")).to_contain_text("is live")
    expect(log_item(standin, "#1", 'GetValue("cmi.entry") → "ab-initio"')).to_be_visible()

    go(standin, "#/site/forste-stopp")
    expect(log_item(standin, 'SetValue("cmi.location", "forste-stopp") → "true"')).to_be_visible()
    expect(log_item(standin, 'SetValue("cmi.exit", "suspend") → "true"')).to_be_visible()
    row = standin.locator("#data-body tr", has_text="cmi.location")
    expect(row).to_contain_text("forste-stopp")
    expect(row).to_contain_text("of 1000 characters")

    quiz = standin.frame_locator("#course").locator('.question[data-q="velg-en"]')
    quiz.locator("input").first.check()
    quiz.locator("button", has_text="Svar").click()
    expect(log_item(standin, 'SetValue("cmi.interactions.0.id", "urn:trail:forste-stopp:velg-en") → "true"')
           ).to_be_visible()
    expect(log_item(standin, 'SetValue("cmi.interactions.0.type", "choice") → "true"')).to_be_visible()
    expect(log_item(standin, "cmi.interactions.0.learner_response")).to_contain_text('→ "true"')
    assert standin.locator("#log > li.is-warn").count() == 0, standin.locator("#log > li.is-warn").all_inner_texts()


def test_the_format_menu_offers_what_the_format_registry_can_preview(standin: Page, preview: Preview) -> None:
    open_standin(standin, preview)
    menu = standin.get_by_label("Format")
    expected = [(str(f), FORMATS[f].title) for f in previewable()]
    expect(menu.locator("option")).to_have_count(len(expected))
    options = menu.locator("option").evaluate_all("os => os.map(o => [o.value, o.textContent])")
    assert [tuple(o) for o in options] == expected
    expect(menu).to_have_value("scorm2004")


def test_relaunch_resumes_and_new_attempt_starts_clean(standin: Page, preview: Preview) -> None:
    open_standin(standin, preview)
    go(standin, "#/site/andre-stopp")
    expect(log_item(standin, 'SetValue("cmi.location", "andre-stopp") → "true"')).to_be_visible()

    standin.get_by_role("button", name="Relaunch (resume)").click()
    wait_course_ready(standin)
    expect(log_item(standin, "#2", 'GetValue("cmi.entry") → "resume"')).to_be_visible()
    expect(log_item(standin, "#2", 'GetValue("cmi.location") → "andre-stopp"')).to_be_visible()
    expect(log_item(standin, "#1", 'Terminate("") → "true"')).to_be_visible()  # the SCO ended its session

    standin.get_by_role("button", name="New attempt").click()
    wait_course_ready(standin)
    expect(log_item(standin, "#3", 'GetValue("cmi.entry") → "ab-initio"')).to_be_visible()
    expect(standin.locator("#data-body tr", has_text="cmi.entry")).to_contain_text("ab-initio")


def test_an_edit_reloads_the_course_with_the_new_title(standin: Page, preview: Preview) -> None:
    open_standin(standin, preview)
    go(standin, "#/site/forste-stopp")
    expect(log_item(standin, 'SetValue("cmi.location", "forste-stopp") → "true"')).to_be_visible()
    before = preview.state()["build"]
    preview.edit(SITE_MD, "title: Første stopp", "title: Første stopp, endret")
    try:
        expect(standin.frame_locator("#course").locator(".view:not([hidden]) h1").first).to_have_text(
            "Første stopp, endret", timeout=TIMEOUT_MS)
        expect(log_item(standin, f"build {before + 1}", "live reload")).to_be_visible()
        # a fresh session that resumes from what the previous one saved
        expect(log_item(standin, "#2", 'GetValue("cmi.entry") → "resume"')).to_be_visible()
    finally:
        preview.edit(SITE_MD, "title: Første stopp, endret", "title: Første stopp")
        preview.wait_state(lambda s: s["ok"] and s["build"] >= before + 2)


def test_a_broken_course_shows_its_problems_and_recovers(standin: Page, preview: Preview) -> None:
    open_standin(standin, preview)
    good = preview.state()["build"]
    preview.edit("course.yaml", "language: nb", "language: xx")
    try:
        problems = standin.get_by_role("region", name="Build problems")
        expect(problems).to_be_visible(timeout=TIMEOUT_MS)
        expected = [str(p) for p in check(preview.source).problems.sorted()]
        assert any(text.startswith(f"{preview.source}/course.yaml:4:") for text in expected), expected
        expect(problems.locator("li")).to_have_text(expected)
        expect(standin.locator("#build-status")).to_contain_text(f"still showing build {good}")
        assert standin.locator("#course").get_attribute("src").find(f"build={good}") > 0  # type: ignore[union-attr]
        wait_course_ready(standin)  # the last good build keeps running
        assert axe_violations(standin) == []
    finally:
        preview.edit("course.yaml", "language: xx", "language: nb")
    expect(standin.locator("#problems")).to_be_hidden(timeout=TIMEOUT_MS)
    expect(standin.locator("#build-status")).to_contain_text(f"Build {good + 1} (scorm2004) is live")
    wait_course_ready(standin)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core on the stand-in page itself; the course inside is the UI tests' business."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run({exclude: [['#course']]}, {runOnly: {type: 'tag', values:"
        " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})")
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


def test_the_standin_page_is_accessible(standin: Page, preview: Preview) -> None:
    open_standin(standin, preview)
    go(standin, "#/site/forste-stopp")
    expect(log_item(standin, 'SetValue("cmi.location"')).to_be_visible()
    assert axe_violations(standin) == []
    expect(standin.locator("html")).to_have_attribute("lang", "en")
    expect(standin.get_by_label("Format")).to_have_value("scorm2004")
