"""Learner-UI fixtures: the fixture course built for real, once per format and language.

The UI tests run against packages made by the library (`packager.build.build`),
extracted and served by the shared server, so they test what a learner gets.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from packager.build import build
from packager.model import Format
from tests.support.browser import browser_fixture, launch_scorm_fixture  # noqa: F401 (the browser fixtures)
from tests.support.packages import extract_zip
from tests.support.server import HttpServer

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "course"

BuiltFn = Callable[..., Path]
UrlFn = Callable[..., str]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltFn:
    """`built(fmt="web", lang="nb")` → the extracted package folder (built once)."""
    root = tmp_path_factory.mktemp("ui-builds")
    cache: dict[tuple[str, str], Path] = {}

    def get(fmt: str = "web", lang: str = "nb") -> Path:
        if (fmt, lang) in cache:
            return cache[(fmt, lang)]
        source = FIXTURE
        if lang != "nb":
            source = root / f"course-{lang}"
            if not source.exists():
                shutil.copytree(FIXTURE, source)
                yaml = source / "course.yaml"
                text = yaml.read_text(encoding="utf-8")
                assert "language: nb" in text
                yaml.write_text(text.replace("language: nb", f"language: {lang}"), encoding="utf-8")
        result = build(source, root / f"zips-{fmt}-{lang}", formats=[Format(fmt)])
        assert result.ok and result.packages, result.problems
        cache[(fmt, lang)] = extract_zip(result.packages[0].path, root / f"{fmt}-{lang}")
        return cache[(fmt, lang)]

    return get


@pytest.fixture(scope="session")
def app_url(built: BuiltFn, http_server: HttpServer) -> UrlFn:
    """`app_url(fmt="web", lang="nb")` → URL of the package's index.html."""

    def url(fmt: str = "web", lang: str = "nb") -> str:
        return http_server.mount(f"ui/{fmt}-{lang}", built(fmt, lang)) + "/index.html"

    return url


def _page(browser: Browser, width: int, height: int) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(f"{exc.name}: {exc.message}"))
    try:
        yield pg
    finally:
        context.close()
    assert not errors, f"script errors in the learner app: {errors}"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (empty storage) per test; any script error fails the test."""
    yield from _page(browser, 1024, 800)


@pytest.fixture
def narrow_page(browser: Browser) -> Iterator[Page]:
    """A 320 CSS px wide screen (a small phone, or 1280 px at 400 % zoom)."""
    yield from _page(browser, 320, 640)
