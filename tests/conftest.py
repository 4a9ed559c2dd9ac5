"""Session-wide test infrastructure without a browser: one HTTP server, the test LMS pages, schemas.

The unit tests run without Playwright, so nothing here imports it: the browser
fixtures (`browser`, `launch_scorm`) are in tests/support/browser.py, imported by
the conftest of each folder whose tests drive Chromium.

Fixtures (names are a contract other test modules rely on):

- `http_server`: `HttpServer`; `.url`, `.mount(name, directory) -> url`,
  `.commits(session)`, `.fail_commits(session, status, body)`.
- `lms_url`: base URL of tests/harness/ (scorm-again under `{lms_url}/scorm-again/`,
  axe-core at `{lms_url}/axe/axe.min.js`).
- `shared_schemas`: Path of the official schemas (outside the repository).
- `scorm_schema12`, `scorm_schema2004`, `cmi5_schema`: compiled lxml XMLSchema objects.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from tests.support import schemas
from tests.support.server import HttpServer

REPO = Path(__file__).resolve().parent.parent
HARNESS_DIR = REPO / "tests" / "harness"
NODE_MODULES = REPO / "node_modules"

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


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Close the shared Chromium if a browser test started it (without importing Playwright here)."""
    browser = sys.modules.get("tests.support.browser")
    if browser is not None:
        browser.close()
