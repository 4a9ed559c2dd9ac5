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

import faulthandler
import os
import sys
import threading
import time
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


EXIT_WATCHDOG_S = 120


def exit_watchdog(status: int, seconds: float = EXIT_WATCHDOG_S) -> None:
    """Once the tests have run, the process must end: a run whose last test passed once hung at
    interpreter exit (Playwright's loop in epoll_wait with Chromium's keep-alive requests open),
    which in CI would burn the whole time budget and lose a green result. If the process is still
    alive `seconds` later, print every thread's stack (so the cause shows) and exit with the run's
    own status. A daemon thread: it never delays a normal exit."""

    def fire() -> None:
        time.sleep(seconds)
        sys.stderr.write(f"\ntests: the test process had not ended {seconds:g} s after the run; "
                         "every thread's stack follows, then it exits with the run's status\n")
        faulthandler.dump_traceback(all_threads=True)
        sys.stderr.flush()
        os._exit(int(status))

    threading.Thread(target=fire, name="trail-exit-watchdog", daemon=True).start()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Close the shared Chromium if a browser test started it (without importing Playwright here)."""
    exit_watchdog(exitstatus)
    browser = sys.modules.get("tests.support.browser")
    if browser is not None:
        browser.close()
