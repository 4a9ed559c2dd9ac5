"""A page that loads what it shows: the map needs no site's file; a site's file (`sites/<slug>.js`)
loads when it opens, with a loading state and an error message, from a web server and from disk."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Page, Route

from tests.support.server import HttpServer
from tests.ui.conftest import BuiltFn, UrlFn
from tests.ui.ui import axe, give, go, open_app, question, submit, view, wait_ready

SITE1, SITE2 = "forste-stopp", "andre-stopp"


def site_requests(page: Page) -> list[str]:
    """The site files the page asks for, in order (`page.requests` is filled by `log`)."""
    return [u.rsplit("/", 1)[1] for u in page.requests if "/sites/" in u]  # type: ignore[attr-defined]


def log(page: Page) -> Page:
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.requests.append(r.url))  # type: ignore[attr-defined]
    return page


def test_the_map_loads_no_site_and_a_site_loads_its_own_file_once(page: Page, app_url: UrlFn) -> None:
    open_app(log(page), app_url(), "#/")
    go(page, "#/page/welcome")
    go(page, "#/")
    assert page.locator(".stop").count() == 3  # the map lists every site
    assert site_requests(page) == [] and page.locator(".view-site").count() == 0
    go(page, f"#/site/{SITE1}")
    assert site_requests(page) == [f"{SITE1}.js"]
    assert view(page).get_attribute("data-site") == SITE1
    go(page, "#/")
    go(page, f"#/site/{SITE1}")  # back again: already here, not asked for again
    assert site_requests(page) == [f"{SITE1}.js"]


def test_status_and_score_known_for_sites_never_opened_on_this_page(page: Page, app_url: UrlFn) -> None:
    url = app_url()
    open_app(page, url, f"#/site/{SITE1}")
    for qid in ("velg-en", "velg-flere", "sant-usant"):
        submit(give(page, SITE1, qid))
    page.locator(f'.view-site[data-site="{SITE1}"] textarea').first.fill("Mine tanker")
    go(page, "#/")
    log(page).reload()
    wait_ready(page)
    # a new page, on the map: the tracker rules from the outline and the stored state alone
    assert site_requests(page) == []
    assert page.locator(f'.stop[data-site="{SITE1}"]').get_attribute("class").endswith("is-done")
    assert page.evaluate("() => document.querySelector('#trail-progress').value") == 1


def _without(built: BuiltFn, tmp_path: Path, slug: str) -> Path:
    folder = shutil.copytree(built(), tmp_path / "pkg")
    (folder / "sites" / f"{slug}.js").unlink()
    return folder


def test_a_missing_site_file_says_so_and_the_learner_can_go_on(
    page: Page, built: BuiltFn, http_server: HttpServer, tmp_path: Path, lms_url: str
) -> None:
    url = http_server.mount("ui/missing-site", _without(built, tmp_path, SITE2)) + "/index.html"
    open_app(page, url, "#/")
    page.evaluate("h => { location.hash = h; }", f"#/site/{SITE2}")
    shown = view(page)
    shown.locator("[data-loading-actions]:not([hidden])").wait_for()
    assert "Rasteplassen kunne ikke lastes inn" in shown.inner_text()  # not a blank page
    assert shown.locator("h1").inner_text() == "2. Andre stopp"
    assert page.evaluate("() => document.activeElement.id") == "loading-h"
    assert axe(page, lms_url) == []
    shown.locator("[data-load-retry]").click()  # tried again: still missing, still said
    shown.locator("[data-loading-actions]:not([hidden])").wait_for()
    go(page, f"#/site/{SITE1}")  # the other sites still work
    submit(give(page, SITE1, "velg-en"))


def test_the_loading_state_is_announced_and_passes_axe(page: Page, app_url: UrlFn, lms_url: str) -> None:
    held: list[Route] = []
    page.route("**/sites/*.js", lambda route: held.append(route))
    open_app(page, app_url(), "#/")
    page.evaluate("h => { location.hash = h; }", f"#/site/{SITE1}")
    shown = view(page)
    assert shown.get_attribute("id") == "view-loading"
    assert shown.locator("[role=status]").inner_text() == "Laster inn rasteplassen …"
    assert axe(page, lms_url) == []
    page.wait_for_function("() => true")
    assert len(held) == 1
    held[0].continue_()
    page.locator(f'.view-site[data-site="{SITE1}"]:not([hidden])').wait_for()
    assert question(page, SITE1, "velg-en").is_visible()


def test_the_web_build_works_from_disk(page: Page, built: BuiltFn) -> None:
    url = (built() / "index.html").as_uri()
    open_app(page, url, f"#/site/{SITE1}")
    assert "Riktig" in submit(give(page, SITE1, "velg-en"))
    go(page, f"#/site/{SITE2}")  # a site loaded on opening, from file://
    assert question(page, SITE2, "koble").is_visible()
