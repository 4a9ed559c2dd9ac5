"""`trail preview` with a package of several SCOs (SCORM 2004 `sco_mode: per-site`): the stand-in lists
the manifest's SCOs as an LMS's table of contents, launches the one chosen, keeps the course's shared
data across SCOs, and acts on the `adl.nav.request` a SCO leaves at Terminate (choice, continue, previous)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from packager.model import Format
from tests.preview.conftest import TIMEOUT_MS, Preview, copy_course, start_preview, stop_preview
from tests.preview.test_standin import go, log_item


@pytest.fixture(scope="module")
def per_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    source = copy_course(tmp_path_factory.mktemp("per-site"))
    yaml = source / "course.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("  slug: min-forste-loype",
                                                             "  slug: min-forste-loype\n  sco_mode: per-site"),
                    encoding="utf-8")
    running = start_preview(source, Format.SCORM2004)
    yield running
    stop_preview(running)


def launched(page: Page, query: str) -> None:
    """The stand-in launched the SCO with this query, and the trail in it has started."""
    page.wait_for_function(
        "(q) => { const f = document.getElementById('course'), d = f.contentDocument;"
        " return !!d && d.URL.split('#')[0] === f.src.split('#')[0] && !!d.documentElement && d.location.search.startsWith(q)"
        " && d.documentElement.dataset.trail === 'ready'; }", arg=query, timeout=TIMEOUT_MS)


def status(page: Page, slug: str) -> str:
    cls = page.frame_locator("#course").locator(f'#view-map .stop[data-site="{slug}"]').get_attribute("class") or ""
    return next((c for c in cls.split() if c.startswith("is-")), "")


def call(page: Page, fn: str, *args: str) -> str:
    """A call to the LMS API as a SCO makes it (for requests the trail itself never makes)."""
    result: str = page.frame_locator("#course").locator("body").evaluate(
        "(_, [fn, args]) => String(window.parent.API_1484_11[fn](...args))", [fn, list(args)])
    return result


def test_the_standin_lists_the_scos_and_follows_navigation_requests(standin: Page, per_site: Preview) -> None:
    standin.goto(per_site.url)
    launched(standin, "?sco=map")
    menu = standin.get_by_label("SCO")
    expect(menu.locator("option")).to_have_count(4)  # the map and three rest sites, in the manifest's order
    assert menu.locator("option").all_inner_texts()[1:] == [
        "Første stopp (item-forste-stopp)", "Andre stopp (item-andre-stopp)", "Tredje stopp (item-tredje-stopp)"]

    go(standin, "#/site/andre-stopp")  # a marker on the map: the SCO asks the LMS for that site's SCO
    launched(standin, "?site=andre-stopp")
    expect(log_item(standin, 'GetValue("adl.nav.request_valid.choice.{target=item-andre-stopp}") → "true"')
           ).to_be_visible()
    expect(log_item(standin, "Navigation request {target=item-andre-stopp}choice: the LMS launches item-andre-stopp")
           ).to_be_visible()
    expect(menu).to_have_value("2")
    go(standin, "#/")
    standin.frame_locator("#course").locator("#view-map").wait_for()
    assert status(standin, "andre-stopp") == "is-visited"

    menu.select_option("1")  # the learner picks another SCO from the LMS's table of contents
    launched(standin, "?site=forste-stopp")
    go(standin, "#/")
    standin.frame_locator("#course").locator("#view-map").wait_for()
    assert status(standin, "andre-stopp") == "is-visited"  # the other SCO's work, through the shared data
    assert status(standin, "forste-stopp") == "is-visited"

    assert call(standin, "GetValue", "adl.nav.request_valid.continue") == "true"
    assert call(standin, "SetValue", "adl.nav.request", "continue") == "true"
    assert call(standin, "Terminate", "") == "true"
    launched(standin, "?site=andre-stopp")
    assert call(standin, "SetValue", "adl.nav.request", "previous") == "true"
    assert call(standin, "Terminate", "") == "true"
    launched(standin, "?site=forste-stopp")
    expect(menu).to_have_value("1")
    expect(log_item(standin, "Navigation request previous: the LMS launches item-forste-stopp")).to_be_visible()


@pytest.fixture(scope="module")
def site_packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    source = copy_course(tmp_path_factory.mktemp("site-packages"))
    yaml = source / "course.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace(
        "  slug: min-forste-loype", "  slug: min-forste-loype\n  sco_mode: per-site-packages"), encoding="utf-8")
    running = start_preview(source, Format.SCORM2004)
    yield running
    stop_preview(running)


def test_one_package_per_site_is_listed_as_the_lms_lists_its_activities(standin: Page, site_packages: Preview) -> None:
    standin.goto(site_packages.url)
    launched(standin, "?site=forste-stopp")
    menu = standin.get_by_label("SCO")
    expect(menu.locator("option")).to_have_count(3)  # one package per site, each its own activity
    assert menu.locator("option").all_inner_texts()[1] == (
        "Min første læringsløype – 02 Andre stopp (min-forste-loype-scorm2004-02-andre-stopp)")
    menu.select_option("1")
    launched(standin, "?site=andre-stopp")
    frame = standin.frame_locator("#course")
    assert "/min-forste-loype-scorm2004-02-andre-stopp/index.html" in standin.locator("#course").get_attribute("src")
    expect(frame.locator('.view-site[data-site="andre-stopp"]')).to_be_visible()  # it opens at its site
    assert frame.locator(".view-site").count() == 1  # and holds no other
    expect(log_item(standin, "#2", 'GetValue("cmi.entry") → "ab-initio"')).to_be_visible()  # a record of its own
