"""The browser fixtures, for the test folders that drive Chromium (not the unit tests).

A folder's conftest imports them (`from tests.support.browser import browser_fixture`; the
fixtures are named `browser` and `launch_scorm`),
so only those tests need Playwright: one Chromium per session, Debian's
/usr/bin/chromium, never a downloaded one.

- `browser`: Playwright Chromium (headless).
- `launch_scorm(version, package_dir, seed=None, session=None, **options) -> LmsSession`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.support import lms as lms_support
from tests.support.lms import LmsSession, Version
from tests.support.server import HttpServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


_SHARED: dict[str, Any] = {}  # one Playwright and one Chromium per test process


def shared_chromium() -> Browser:
    """The session's Chromium, started on first use. Each folder's conftest registers the
    `browser` fixture on its own, so the one instance lives here, not in the fixture."""
    if "browser" not in _SHARED:
        if not Path(CHROMIUM).exists():
            pytest.fail(f"{CHROMIUM} is missing: `bash scripts/test.sh` installs Debian's chromium")
        playwright = sync_playwright().start()
        _SHARED["playwright"] = playwright
        _SHARED["browser"] = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    browser: Browser = _SHARED["browser"]
    return browser


def close() -> None:
    """Close Chromium and Playwright at the end of the session (tests/conftest.py calls it)."""
    browser, playwright = _SHARED.pop("browser", None), _SHARED.pop("playwright", None)
    if browser is not None:
        browser.close()
    if playwright is not None:
        playwright.stop()


@pytest.fixture(scope="session", name="browser")
def browser_fixture() -> Browser:
    """One Chromium for the whole session; every launch gets its own context."""
    return shared_chromium()


@pytest.fixture(name="launch_scorm")
def launch_scorm_fixture(
    browser: Browser, http_server: HttpServer, lms_url: str
) -> Iterator[lms_support.LaunchScorm]:
    """Factory: `launch_scorm("1.2"|"2004", package_dir, seed=None, session=None) -> LmsSession`.

    Extra keyword options: `launch` (launch path instead of the manifest's),
    `settings` (scorm-again settings merged over the harness's), `use_manifest`
    (False: do not seed mastery score etc. from imsmanifest.xml), `timeout` (s).
    Every session is closed after the test.
    """
    opened: list[LmsSession] = []

    def launch(
        version: Version,
        package_dir: Path,
        seed: dict[str, Any] | None = None,
        session: str | None = None,
        **options: Any,
    ) -> LmsSession:
        lms = lms_support.launch(
            browser=browser,
            server=http_server,
            lms_url=lms_url,
            version=version,
            package_dir=package_dir,
            seed=seed,
            session=session,
            **options,
        )
        opened.append(lms)
        return lms

    yield launch
    for lms in opened:
        lms.close()
