"""axe-core finds nothing on any view or state a learner can reach (WCAG 2.1 A/AA)."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.ui.conftest import UrlFn
from tests.ui.ui import axe, give, go, open_app, question, submit, view

SITES = ("forste-stopp", "andre-stopp", "tredje-stopp")


def test_map_and_pages(page: Page, app_url: UrlFn, lms_url: str) -> None:
    open_app(page, app_url(), "#/")
    assert page.locator("#view-map").is_visible()
    assert axe(page, lms_url) == []
    for hash_ in ("#/page/welcome", "#/page/how-it-works", "#/page/about"):
        go(page, hash_)
        assert view(page).get_attribute("data-page") == hash_.rsplit("/", 1)[1]
        assert axe(page, lms_url) == [], hash_


def test_every_site_with_every_block_type(page: Page, app_url: UrlFn, lms_url: str) -> None:
    open_app(page, app_url(), "#/")
    seen: set[str] = set()
    for slug in SITES:
        go(page, f"#/site/{slug}")
        shown = view(page)
        for kind in ("video", "quiz", "reflection"):
            if shown.locator(f".block.{kind}").count():
                seen.add(kind)
        seen.update(shown.locator(".question").evaluate_all("qs => qs.map(q => q.dataset.type)"))
        if shown.locator("video track[kind=captions]").count():
            seen.add("captioned video")
        if shown.locator(".block.video a[target=_blank]").count():
            seen.add("external video")
        for kind, selector in (("table", ".prose table th"), ("figure", ".prose figure img[alt] + figcaption"),
                               ("callout", ".prose aside.callout"), ("sources", ".prose section.sources a")):
            if shown.locator(selector).count():
                seen.add(kind)
        assert axe(page, lms_url) == [], slug
    assert seen >= {
        "video",
        "quiz",
        "reflection",
        "captioned video",
        "external video",
        "table",
        "figure",
        "callout",
        "sources",
        "single",
        "multiple",
        "true-false",
        "fill-in",
        "matching",
        "ordering",
        "likert",
    }


def test_quiz_feedback_states(page: Page, app_url: UrlFn, lms_url: str) -> None:
    open_app(page, app_url(), "#/site/forste-stopp")
    # incorrect with a retry offered (unlimited tries)
    wrong = give(page, "forste-stopp", "velg-en", correct=False)
    assert "Ikke riktig" in submit(wrong)
    assert wrong.locator("[data-retry]").is_visible()
    # correct
    right = give(page, "forste-stopp", "velg-flere")
    assert "Riktig" in submit(right)
    # nothing chosen yet: a hint, not an answer
    empty = question(page, "forste-stopp", "sant-usant")
    empty.locator("[data-submit]").click()
    assert "Velg et svar først" in empty.locator("[data-feedback]").inner_text()
    assert axe(page, lms_url) == []

    # locked: the last of two tries used up
    go(page, "#/site/andre-stopp")
    q = give(page, "andre-stopp", "skriv-inn", correct=False)
    submit(q)
    q.locator("[data-retry]").click()
    q.locator("input.text").fill("fortsatt feil")
    text = submit(q)
    assert "brukt alle forsøkene" in text and "Riktig svar: Oslo" in text
    assert q.locator("input.text").is_disabled()
    assert q.locator("[data-retry]").is_hidden()
    assert axe(page, lms_url) == []

    # an opinion: neutral feedback
    go(page, "#/site/tredje-stopp")
    assert "Takk for svaret" in submit(give(page, "tredje-stopp", "mening"))
    assert axe(page, lms_url) == []


def test_untracked_banner(page: Page, app_url: UrlFn, lms_url: str) -> None:
    """A SCORM package opened outside an LMS says so, and stays accessible."""
    open_app(page, app_url("scorm12"), "#/")
    banner = page.locator("#trail-messages")
    assert "Fant ingen læringsplattform" in banner.inner_text()
    assert banner.get_attribute("aria-live") == "polite"
    assert axe(page, lms_url) == []


def test_narrow_screen_map_and_site(narrow_page: Page, app_url: UrlFn, lms_url: str) -> None:
    open_app(narrow_page, app_url(), "#/")
    assert axe(narrow_page, lms_url) == []
    go(narrow_page, "#/site/andre-stopp")
    assert axe(narrow_page, lms_url) == []
