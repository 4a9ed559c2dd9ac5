"""Session-wide test infrastructure: one browser, one HTTP server, the test LMS, schemas.

Fixtures (names are a contract other test modules rely on):

- `browser`: Playwright Chromium (Debian's /usr/bin/chromium, headless).
- `http_server`: `HttpServer`; `.url`, `.mount(name, directory) -> url`,
  `.commits(session)`, `.fail_commits(session, status, body)`.
- `lms_url`: base URL of tests/harness/ (scorm-again under `{lms_url}/scorm-again/`,
  axe-core at `{lms_url}/axe/axe.min.js`).
- `shared_schemas`: Path of the official schemas (outside the repository).
- `scorm_schema12`, `scorm_schema2004`, `cmi5_schema`: compiled lxml XMLSchema objects.
- `launch_scorm(version, package_dir, seed=None, session=None, **options) -> LmsSession`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from playwright.sync_api import Browser, sync_playwright

from tests.support import lms as lms_support
from tests.support import schemas
from tests.support.lms import LmsSession, Version
from tests.support.server import HttpServer

REPO = Path(__file__).resolve().parent.parent
HARNESS_DIR = REPO / "tests" / "harness"
NODE_MODULES = REPO / "node_modules"

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


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole session; every launch gets its own context."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `bash scripts/test.sh` installs Debian's chromium")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def http_server() -> Iterator[HttpServer]:
    server = HttpServer().start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def lms_url(http_server: HttpServer) -> str:
    """Base URL of the test LMS pages (`{lms_url}/scorm12.html`, `{lms_url}/scorm2004.html`)."""
    scorm_again = NODE_MODULES / "scorm-again" / "dist"
    axe = NODE_MODULES / "axe-core"
    for needed in (scorm_again / "scorm12.js", axe / "axe.min.js"):
        if not needed.is_file():
            pytest.fail(f"{needed} is missing: run `npm ci` (or `bash scripts/test.sh`)")
    url = http_server.mount("lms", HARNESS_DIR)
    http_server.mount("lms/scorm-again", scorm_again)
    http_server.mount("lms/axe", axe)
    return url


@pytest.fixture(scope="session")
def shared_schemas() -> Path:
    try:
        return schemas.find_shared_schemas(REPO)
    except FileNotFoundError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def scorm_schema12(shared_schemas: Path) -> etree.XMLSchema:
    return schemas.scorm12_schema(shared_schemas)


@pytest.fixture(scope="session")
def scorm_schema2004(shared_schemas: Path) -> etree.XMLSchema:
    return schemas.scorm2004_schema(shared_schemas)


@pytest.fixture(scope="session")
def cmi5_schema(shared_schemas: Path) -> etree.XMLSchema:
    return schemas.cmi5_schema(shared_schemas)


@pytest.fixture
def launch_scorm(
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
