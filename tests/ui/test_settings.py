"""A package changed with `trail configure` shows its new settings in the browser, inside an LMS."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from packager.build import build
from packager.configure import configure
from packager.model import Format
from tests.support.packages import extract_zip
from tests.support.server import HttpServer
from tests.ui.conftest import FIXTURE

FORUM = "https://laering.kommune.example/mod/forum/view.php?id=42"


def configured(tmp_path: Path, fmt: Format, changes: list[tuple[str, str]]) -> Path:
    result = build(FIXTURE, tmp_path / "built", [fmt])
    assert result.ok
    out = tmp_path / f"configured-{fmt}.zip"
    configure(result.packages[0].path, out, changes)
    return extract_zip(out, tmp_path / f"configured-{fmt}")


def test_scorm_2004_in_scorm_again_shows_the_new_common_room_link(launch_scorm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = configured(tmp_path, Format.SCORM2004, [("common_room_url", FORUM), ("title", "Læringsløype for Nordby")])
    lms = launch_scorm("2004", folder)
    frame = lms.frame
    frame.wait_for_selector("html[data-trail='ready']", state="attached", timeout=10_000)
    frame.goto(frame.url.split("#")[0] + "#/")
    frame.wait_for_selector("#view-map:not([hidden])", timeout=10_000)
    links = frame.locator("a[data-setting-href='common_room_url']")
    assert links.count() == 3  # the map's card, the trail's summary and the footer
    assert [links.nth(i).get_attribute("href") for i in range(3)] == [FORUM, FORUM, FORUM]
    assert frame.locator("#view-map .card.common").is_visible()
    assert frame.locator("#map-h").inner_text() == "Læringsløype for Nordby"
    assert frame.title() == "Læringsløype for Nordby"
    assert lms.errors() == []


def test_removing_the_link_hides_the_common_room(page: Page, http_server: HttpServer, tmp_path: Path) -> None:
    folder = configured(tmp_path, Format.WEB, [("common_room_url", "")])
    page.goto(http_server.mount("ui/configured-web", folder) + "/index.html#/")
    page.wait_for_selector("html[data-trail='ready']", state="attached", timeout=10_000)
    assert page.locator(".card.common").count() == 2
    assert not page.locator(".card.common").first.is_visible() and not page.locator(".card.common").last.is_visible()
    assert not page.locator("footer a[data-setting-href='common_room_url']").is_visible()
    assert page.locator("#map-h").inner_text() == "Min første læringsløype"
