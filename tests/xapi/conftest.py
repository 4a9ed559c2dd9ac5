"""xAPI/cmi5 test fixtures: the real LRS, the LMS stand-in, built packages, a learner."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from packager.build import build
from packager.load import load
from packager.model import Course, Format
from tests.support.browser import browser_fixture  # noqa: F401 (the browser fixtures)
from tests.support.server import HttpServer
from tests.xapi.lms import LmsStandIn
from tests.xapi.lrs import LearningLocker

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "course"


def fixture_course() -> Course:
    course = load(FIXTURE).course
    assert course is not None
    return course


@dataclass(frozen=True)
class Built:
    zip: Path
    dir: Path
    url: str  # where the shared HTTP server serves the unpacked package


@pytest.fixture(scope="session")
def lrs() -> Iterator[LearningLocker]:
    server = LearningLocker()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(autouse=True)
def nothing_refused(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test that talks to the LMS stand-in ends with none of its requests refused by the cmi5
    rules or the State API's concurrency checks, unless it refuses on purpose (it says
    `expect_refusals`); a 409 / 412 the runtime then resolved by merging is no fault."""
    if "lms" not in request.fixturenames:
        yield
        return
    lms: LmsStandIn = request.getfixturevalue("lms")
    before = len(lms.refused())
    yield
    if not getattr(request.node, "expect_refusals", False) and "test_strict_runtimes" not in request.node.nodeid:
        assert lms.refused()[before:] == [], "the strict LMS refused requests of this test"


@pytest.fixture(scope="session")
def lms(lrs: LearningLocker) -> Iterator[LmsStandIn]:
    server = LmsStandIn(lrs)
    try:
        yield server
    finally:
        server.close()


def built(source: Path, fmt: Format, tmp: Path, http_server: HttpServer, mount: str) -> Built:
    """Build one format of `source`, unpack it and serve it under `/<mount>/`."""
    result = build(source, tmp / "dist", formats=[fmt])
    assert result.ok, [str(p) for p in result.problems.sorted()]
    zip_path = result.packages[0].path
    target = tmp / str(fmt)
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(target)
    return Built(zip_path, target, http_server.mount(mount, target))


@pytest.fixture(scope="session")
def xapi_package(tmp_path_factory: pytest.TempPathFactory, http_server: HttpServer) -> Built:
    return built(FIXTURE, Format.XAPI, tmp_path_factory.mktemp("xapi"), http_server, "pkg-xapi")


@pytest.fixture(scope="session")
def cmi5_package(tmp_path_factory: pytest.TempPathFactory, http_server: HttpServer) -> Built:
    return built(FIXTURE, Format.CMI5, tmp_path_factory.mktemp("cmi5"), http_server, "pkg-cmi5")


class Learner:
    """One browser profile (its localStorage and sessionStorage persist across reloads)."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.page: Page = context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(f"{exc.name}: {exc.message}"))

    def open(self, url: str) -> Page:
        self.page.goto(url)
        started(self.page)
        return self.page


def started(page: Page) -> None:
    """Wait until trail.js has started (it marks the document)."""
    page.wait_for_function("() => document.documentElement.getAttribute('data-trail') === 'ready'")


@pytest.fixture
def learner(browser: Browser) -> Iterator[Learner]:
    context = browser.new_context(locale="nb-NO")
    try:
        yield Learner(context)
    finally:
        context.close()
