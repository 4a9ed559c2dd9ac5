"""The trail map names every stop in view: its title, stage and status in words, not on hover.

The course itself (19 stops, four stages) at 1280 px: each marker's title is drawn inside the map
and no two labels meet. At 375 and 320 px the list of stops stands in for the map: every stop
titled, with its status, a target of at least 44 × 44 px. axe finds nothing on the map with stops
new, visited, done and suggested.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from packager.build import build
from packager.model import Format
from tests.support.packages import extract_zip
from tests.support.server import HttpServer
from tests.ui.conftest import UrlFn
from tests.ui.ui import axe, give, go, open_app, submit, view

SOURCE = Path(__file__).resolve().parents[2] / "course_source"

# per marker: the union of its title and status boxes, its dot, its title lines (page px)
MARKERS = """() => [...document.querySelectorAll('.map a.marker')].map(a => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const parts = [...a.querySelectorAll('.label, .state')].map(box);
  return {slug: a.dataset.site, dot: box(a.querySelector('.dot')),
          label: [Math.min(...parts.map(p => p[0])), Math.min(...parts.map(p => p[1])),
                  Math.max(...parts.map(p => p[2])), Math.max(...parts.map(p => p[3]))],
          lines: [...a.querySelectorAll('.label tspan')].map(t => t.textContent),
          state: a.querySelector('.state').textContent,
          shown: [...a.querySelectorAll('.label, .state')].every(e => getComputedStyle(e).display !== 'none'
                   && getComputedStyle(e).visibility === 'visible' && e.getBoundingClientRect().width > 0)};
})"""


def overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.fixture(scope="module")
def trail_url(tmp_path_factory: pytest.TempPathFactory, http_server: HttpServer) -> str:
    out = tmp_path_factory.mktemp("course-web")
    result = build(SOURCE, out / "zips", formats=[Format.WEB])
    assert result.ok and result.packages, result.problems
    return http_server.mount("ui/course-web", extract_zip(result.packages[0].path, out / "web")) + "/index.html"


@pytest.fixture
def sized(browser: Browser) -> Iterator[Any]:
    contexts = []

    def open_at(width: int) -> Page:
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        return context.new_page()

    yield open_at
    for context in contexts:
        context.close()


def test_every_stop_of_the_trail_is_titled_on_the_map_at_1280px(sized: Any, trail_url: str, lms_url: str) -> None:
    page = sized(1280)
    open_app(page, trail_url, "#/")
    titles = page.evaluate("() => JSON.parse(document.getElementById('trail-data').textContent).sites"
                           ".map(s => [s.slug, s.title])")
    svg = page.locator(".map svg").bounding_box()
    assert svg and svg["width"] >= 900
    frame = [svg["x"], svg["y"], svg["x"] + svg["width"], svg["y"] + svg["height"]]
    markers = page.evaluate(MARKERS)
    assert [m["slug"] for m in markers] == [slug for slug, _ in titles]
    for marker, (_slug, title) in zip(markers, titles, strict=True):
        assert marker["shown"], marker["slug"]
        assert " ".join(marker["lines"]) == title  # the whole title: none of this trail's is cut short
        assert 1 <= len(marker["lines"]) <= 3
        left, top, right, bottom = marker["label"]
        assert frame[0] <= left and right <= frame[2] and frame[1] <= top and bottom <= frame[3], marker["slug"]
        assert marker["state"].startswith("Etappe ") and marker["state"].endswith("Ikke besøkt")
    for i, a in enumerate(markers):
        for b in markers[i + 1:]:
            assert not overlap(a["label"], b["label"]), (a["slug"], b["slug"])
        for b in markers:
            assert not overlap(a["label"], b["dot"]), (a["slug"], b["slug"])
    # readable: the title's letters at least 14 px tall on screen
    size = page.evaluate("() => { const t = document.querySelector('.map .label');"
                         " return parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a; }")
    assert size >= 14
    assert axe(page, lms_url, ".map") == []


@pytest.mark.parametrize("width", [375, 320])
def test_at_phone_widths_the_list_titles_every_stop_with_a_44px_target(sized: Any, trail_url: str,
                                                                        width: int) -> None:
    page = sized(width)
    open_app(page, trail_url, "#/")
    assert not page.locator(".map").is_visible()  # the list stands in for the map, not hover titles
    titles = page.evaluate("() => JSON.parse(document.getElementById('trail-data').textContent).sites"
                           ".map(s => s.title)")
    stops = page.locator(".stop")
    assert stops.count() == len(titles) == 19
    for i, title in enumerate(titles):
        stop = stops.nth(i)
        link = stop.locator(".stop-title a")
        assert link.is_visible() and link.inner_text().strip().endswith(title)
        box = link.bounding_box()
        assert box and box["height"] >= 44 and box["width"] >= 44
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert stop.locator("[data-status]").inner_text() == "Ikke besøkt"
    assert page.locator(".stage-title").count() == 4


def test_map_states_in_words_and_axe_clean(page: Page, app_url: UrlFn, lms_url: str) -> None:
    open_app(page, app_url(), "#/")
    marker = {slug: page.locator(f'.map a.marker[data-site="{slug}"]')
              for slug in ("forste-stopp", "andre-stopp", "tredje-stopp")}
    # new, and the suggestion: the first stop, flagged in words above its dot
    assert marker["forste-stopp"].locator(".state").text_content() == "Etappe 1 • Ikke besøkt"
    assert marker["forste-stopp"].locator(".flag").is_visible()
    assert marker["forste-stopp"].locator(".flag").text_content() == "Foreslått neste"
    assert marker["forste-stopp"].get_attribute("aria-label") == "1. Første stopp, Etappe 1, Ikke besøkt, Foreslått neste"
    assert not marker["andre-stopp"].locator(".flag").is_visible()
    assert axe(page, lms_url, ".map") == []
    # done: every question answered and the reflection written
    go(page, "#/site/forste-stopp")
    for qid in ("velg-en", "velg-flere", "sant-usant"):
        submit(give(page, "forste-stopp", qid))
    text = view(page).locator("textarea")
    text.fill("Ferdig.")
    text.blur()
    # visited: opened, nothing answered
    go(page, "#/site/andre-stopp")
    go(page, "#/")
    assert marker["forste-stopp"].locator(".state").text_content() == "Etappe 1 • Fullført"
    assert marker["andre-stopp"].locator(".state").text_content() == "Etappe 2 • Besøkt"
    assert marker["tredje-stopp"].locator(".state").text_content() == "Etappe 2 • Ikke besøkt"
    assert marker["tredje-stopp"].locator(".flag").is_visible()  # the rest of stage 2
    assert not marker["forste-stopp"].locator(".flag").is_visible()
    assert " ".join(page.locator(".stage-legend").inner_text().split()) == (
        "Etappe 1: Oppstart (1) Etappe 2: Videre (2–3)")
    assert axe(page, lms_url, ".map") == []
    assert axe(page, lms_url) == []
