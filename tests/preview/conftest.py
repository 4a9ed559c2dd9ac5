"""`trail preview` fixtures: one preview server per module, on a tmp copy of the fixture course.

The server runs the public `serve()` in a background thread, exactly as the CLI
does, and is stopped through its `stop` event, so a hung shutdown fails the run.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from packager.model import Format
from packager.preview import serve
from tests.support.browser import browser_fixture  # noqa: F401 (the browser fixtures)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "course"
TIMEOUT_MS = 20_000  # generous: file watching and rebuilds on a loaded 2-core machine


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Preview:
    url: str
    source: Path
    stop: threading.Event
    thread: threading.Thread

    def state(self) -> dict[str, Any]:
        with urllib.request.urlopen(self.url + "__preview/state", timeout=5) as response:
            data: dict[str, Any] = json.load(response)
            return data

    def wait_state(self, ready: Callable[[dict[str, Any]], bool], timeout: float = 20) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            state = self.state()
            if ready(state):
                return state
            if time.monotonic() > deadline:
                raise AssertionError(f"the preview never reached the expected state: {state}")
            time.sleep(0.05)

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.source / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def start_preview(source: Path, fmt: Format) -> Preview:
    port = free_port()
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=(source,), daemon=True,
                              kwargs={"fmt": fmt, "port": port, "stop": stop, "watch_checkout": False})
    thread.start()
    preview = Preview(f"http://127.0.0.1:{port}/", source, stop, thread)
    deadline = time.monotonic() + 30
    while True:
        try:
            preview.state()
            return preview
        except OSError:
            if time.monotonic() > deadline or not thread.is_alive():
                raise
            time.sleep(0.05)


def stop_preview(preview: Preview) -> None:
    preview.stop.set()
    preview.thread.join(15)
    assert not preview.thread.is_alive(), "serve() did not return after its stop event was set"


def copy_course(tmp: Path) -> Path:
    source = tmp / "course"
    shutil.copytree(FIXTURE, source, symlinks=False)  # the fixture is a symlink to the scaffold
    return source


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """A running `trail preview` (SCORM 2004) on its own copy of the fixture course."""
    running = start_preview(copy_course(tmp_path_factory.mktemp("preview")), Format.SCORM2004)
    yield running
    stop_preview(running)


@pytest.fixture
def standin(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (empty sessionStorage) per test; script errors fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"{exc.name}: {exc.message}"))
    page.set_default_timeout(TIMEOUT_MS)
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"script errors in the preview page: {errors}"
