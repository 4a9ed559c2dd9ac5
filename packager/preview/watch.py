"""Rebuild when a course file, a theme file or (in a checkout) the learner runtime changes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

from packager.runtime_files import RUNTIME_DIR
from packager.theme import PACKAGE_DIR, default_templates

# Editors write a file in bursts (temp file, rename, chmod): one rebuild per burst.
QUIET_MS = 150
MAX_WAIT_MS = 1500


def watched_paths(source: Path, templates: Path | None, checkout: bool = True) -> list[Path]:
    """The course, the --templates theme, and the repo's own templates and runtime in a checkout.

    An installed wheel's files never change, so only a checkout's are watched.
    """
    paths = [source.resolve()]
    if templates is not None:
        paths.append(templates.resolve())
    theme = default_templates()
    if checkout and theme == PACKAGE_DIR.parent / "templates":
        paths.extend([theme.resolve(), RUNTIME_DIR.resolve()])
    unique: list[Path] = []
    for path in paths:
        if path.is_dir() and path not in unique:
            unique.append(path)
    return unique


class Watcher(threading.Thread):
    """Calls `on_change` after each burst of changes until `stop()`."""

    def __init__(self, paths: list[Path], on_change: Callable[[set[str]], None]) -> None:
        super().__init__(name="trail-preview-watch", daemon=True)
        self.paths = paths
        self.on_change = on_change
        self._stop_event = threading.Event()
        self.ready = threading.Event()

    def run(self) -> None:
        changes = watchfiles.watch(
            *self.paths, stop_event=self._stop_event, debounce=MAX_WAIT_MS, step=QUIET_MS,
            raise_interrupt=False, yield_on_timeout=True, rust_timeout=500,
        )
        for batch in changes:
            # The first (timeout) yield tells us the OS watch is in place.
            self.ready.set()
            if self._stop_event.is_set():
                break
            if batch:
                self.on_change({path for _change, path in batch})
        self.ready.set()

    def stop(self) -> None:
        self._stop_event.set()
