"""Routes, landmarks, focus, titles, map statuses and the media blocks."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.ui.conftest import UrlFn
from tests.ui.ui import go, no_horizontal_scroll, open_app, view

ALL_VIEWS = (
    "#/",
    "#/page/welcome",
    "#/page/how-it-works",
    "#/page/about",
    "#/site/forste-stopp",
    "#/site/andre-stopp",
    "#/site/tredje-stopp",
)


def test_first_launch_shows_welcome(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url())
    assert page.evaluate("location.hash") == "#/page/welcome"
    assert view(page).locator("h1").inner_text() == "Velkommen"
    assert page.title() == "Velkommen – Min første læringsløype"
    assert page.locator("#trail-resume").is_hidden()
    view(page).get_by_role("link", name="Gå til løypekartet").click()
    page.wait_for_function("document.activeElement.id === 'map-h'")
    assert page.title() == "Min første læringsløype"


def test_landmarks_one_heading_and_focus_per_view(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), "#/")
    assert page.locator("html").get_attribute("lang") == "nb"
    for role in ("banner", "main", "contentinfo"):
        assert page.get_by_role(role).count() == 1, role
    assert page.get_by_role("navigation", name="Hovedmeny").count() == 1
    for hash_ in ALL_VIEWS[1:] + ALL_VIEWS[:1]:
        go(page, hash_)  # waits for focus on the view's h1
        assert page.locator("h1:visible").count() == 1, hash_
        heading = view(page).locator("h1").inner_text()
        assert page.evaluate("document.activeElement.textContent") == heading
        assert page.title().startswith(heading)
    assert page.get_by_role("link", name="Løypekart", exact=True).get_attribute("aria-current") == "page"


def test_map_shows_status_in_text(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), "#/")
    marker = page.locator('a.marker[href="#/site/forste-stopp"]')
    assert marker.get_attribute("aria-label") == "1. Første stopp, Etappe 1, Ikke besøkt, Foreslått neste"
    assert "0 av 3 rasteplasser" in page.locator(".progress-box").inner_text()
    go(page, "#/site/forste-stopp")
    assert page.locator(".view-site:visible [data-site-status]").inner_text() == "Status: Besøkt"
    go(page, "#/")
    assert marker.get_attribute("aria-label") == "1. Første stopp, Etappe 1, Besøkt"
    first = page.locator(".stops li").first
    assert "5 minutter · Besøkt" in first.inner_text() and "Her starter løypa." in first.inner_text()
    assert "1 av 3 rasteplasser" in page.locator(".progress-box").inner_text()
    assert page.locator("#trail-progress").evaluate("p => [p.value, p.max]") == [1, 3]
    common = page.get_by_role("link", name="Gå til fellesrommet (åpnes i et nytt vindu)")
    assert common.get_attribute("target") == "_blank"
    assert common.get_attribute("href") == "https://lms.example.no/mod/forum/view.php?id=1"


def test_site_view_pager_and_media(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), "#/site/andre-stopp")
    site = view(page)
    assert site.locator(".eyebrow").inner_text() == "Rasteplass 2 av 3 · 10 minutter"
    # no fixed order: no "previous/next" pager, a suggestion instead (the rest of this stage first)
    assert site.locator("a.prev").count() == 0
    assert site.locator("a.next").inner_text() == "3. Tredje stopp (etappe 2: Videre)"
    video = site.locator("video")
    assert video.get_attribute("controls") is not None and video.get_attribute("preload") == "none"
    track = video.locator("track")
    assert track.get_attribute("srclang") == "nb" and track.get_attribute("default") is not None
    assert (
        page.evaluate("fetch(document.querySelector('.view-site:not([hidden]) track').src).then(r => r.status)") == 200
    )
    transcript = site.locator("details.transcript")
    assert not transcript.locator(".prose").is_visible()
    transcript.locator("summary").click()
    assert "velkommen til andre stopp" in transcript.inner_text()

    go(page, "#/site/forste-stopp")
    external = view(page).locator(".block.video")
    assert external.locator("iframe, video, embed, object").count() == 0
    link = external.get_by_role("link", name="Se videoen på den andre nettsiden (åpnes i et nytt vindu)")
    assert link.get_attribute("href") == "https://www.example.org/video/eksempel"
    # from stage 1, the stop never opened comes before the one only visited
    assert view(page).locator("a.next").get_attribute("href") == "#/site/tredje-stopp"


def test_320px_never_scrolls_sideways(narrow_page: Page, app_url: UrlFn) -> None:
    open_app(narrow_page, app_url(), "#/")
    for hash_ in ALL_VIEWS:
        go(narrow_page, hash_)
        assert no_horizontal_scroll(narrow_page), hash_
        narrow_page.locator("details.transcript:visible summary").evaluate_all("s => s.forEach(x => x.click())")
        assert no_horizontal_scroll(narrow_page), hash_ + " with transcripts open"


def test_map_lists_stops_by_stage_with_titles_and_a_suggestion(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), "#/")
    stages = page.locator(".stage-title").all_inner_texts()
    assert [" ".join(s.split()) for s in stages] == ["ETAPPE 1 Oppstart", "ETAPPE 2 Videre"]
    titles = page.locator(".stops .stop-title a")
    # visible titles, not on hover only
    assert [t.split(".", 1)[1].strip() for t in titles.all_inner_texts()] == ["Første stopp", "Andre stopp", "Tredje stopp"]
    assert all(a.is_visible() for a in titles.all())
    assert all(box and box["height"] >= 44 for box in (a.bounding_box() for a in titles.all()))
    assert page.locator('.marker[data-site="tredje-stopp"]').get_attribute("class") == "marker stage-2 is-new"
    nxt = page.locator("#trail-next")
    assert "Du velger selv rekkefølgen" in nxt.inner_text()
    assert nxt.locator("a").inner_text() == "1. Første stopp (etappe 1: Oppstart)"
    go(page, "#/site/andre-stopp")
    go(page, "#/")
    assert nxt.locator("a").get_attribute("href") == "#/site/tredje-stopp"  # the rest of stage 2
    assert page.locator('.stop[data-site="andre-stopp"] .badge').inner_text() == "Besøkt"
    go(page, "#/page/welcome")
    assert "rasteplass 1" not in view(page).inner_text().lower()


def test_focus_moves_to_the_heading_without_scrolling_past_it(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), "#/site/andre-stopp")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    go(page, "#/site/forste-stopp")
    assert page.evaluate("window.scrollY") == 0
    assert page.locator("header.top").bounding_box()["y"] == 0
