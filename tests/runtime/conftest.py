"""Fixtures for the learner runtime tests: the runtime folder and the test pages on the server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from packager.runtime_files import RUNTIME_DIR, source
from tests.support.browser import browser_fixture, launch_scorm_fixture  # noqa: F401 (the browser fixtures)

PAGES = Path(__file__).parent / "pages"


@pytest.fixture(scope="session")
def runtime_pages(http_server: Any, lms_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """packager/runtime served at /trail-runtime/ (what pages/sco.html loads); returns PAGES.

    Each file as a package has it (tracker.js with the codec joined in). Depends
    on lms_url so scorm-again is served at /lms/scorm-again/ for the page that
    hosts its own API.
    """
    runtime = tmp_path_factory.mktemp("trail-runtime")
    for path in RUNTIME_DIR.glob("*.js"):
        (runtime / path.name).write_bytes(source(path.name))
    http_server.mount("trail-runtime", runtime)
    return PAGES


@pytest.fixture(scope="session")
def pages_url(http_server: Any, runtime_pages: Path) -> str:
    """The test pages served directly (no LMS around them)."""
    return http_server.mount("trail-runtime-pages", runtime_pages)
