"""Builds the course in the background and keeps the last good build served.

A designer saves files half-way through an edit all the time, so a failed
check never takes the running course away: the stand-in page shows the
problems next to the last build that worked.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from packager.build import Built, Package, build
from packager.files import Files
from packager.model import Course, Format
from packager.package import FORMATS, previewable
from packager.problems import Severity

PREVIEW_FORMATS = previewable()
KEEP_BUILDS = 2  # the current build and the one before it, for requests still in flight

Log = Callable[[str], None]


@dataclass(frozen=True)
class State:
    """What the stand-in page needs to know; replaced whole, never mutated."""

    version: int = 0  # bumps on every change, so event streams know what they missed
    build: int = 0  # the last good build; 0 before the first one
    format: Format = Format.SCORM2004
    folder: Path | None = None  # the last good build's files
    built_format: Format | None = None
    title: str = ""
    course_id: str = ""
    ok: bool = False
    building: bool = False
    problems: tuple[dict[str, Any], ...] = ()
    launch: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "build": self.build,
            "format": str(self.format),
            "builtFormat": str(self.built_format) if self.built_format else None,
            "formats": [str(f) for f in PREVIEW_FORMATS],
            "formatTitles": {str(f): FORMATS[f].title for f in PREVIEW_FORMATS},
            "title": self.title,
            "courseId": self.course_id,
            "ok": self.ok,
            "building": self.building,
            "problems": list(self.problems),
            "launch": self.launch,
        }


def _problem(text: str, severity: str = "error") -> dict[str, Any]:
    return {"text": text, "severity": severity}


class Builder:
    """Runs `build()` (the one pipeline) into a fresh temp folder, one build at a time."""

    def __init__(
        self, source: Path, fmt: Format, templates: Path | None, log: Log | None = None
    ) -> None:
        self.source = source
        self.templates = templates
        self.log = log or (lambda _message: None)
        self.root = Path(tempfile.mkdtemp(prefix="trail-preview-"))
        self._state = State(format=fmt)
        self._changed = threading.Condition()
        self._build_lock = threading.Lock()
        self._closed = False
        self._folders: list[Path] = []
        # source → (size, mtime, its copy in an earlier build): media is linked, not copied again
        self._copies: dict[str, tuple[int, int, Path]] = {}

    @property
    def state(self) -> State:
        with self._changed:
            return self._state

    @property
    def closed(self) -> bool:
        return self._closed

    def _publish(self, **changes: Any) -> State:
        with self._changed:
            self._state = replace(self._state, version=self._state.version + 1, **changes)
            self._changed.notify_all()
            return self._state

    def wait(self, seen: int, timeout: float) -> State:
        """The state once its version differs from `seen`, or after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._state.version != seen, timeout)
            return self._state

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        with self._build_lock:
            shutil.rmtree(self.root, ignore_errors=True)

    def set_format(self, fmt: Format) -> State:
        self._publish(format=fmt)
        return self.rebuild()

    def rebuild(self) -> State:
        with self._build_lock:
            if self._closed:
                return self.state
            fmt = self.state.format
            self._publish(building=True)
            try:
                return self._rebuild(fmt)
            except Exception as exc:  # a bug must not stop the preview; show it like a problem
                return self._fail([_problem(f"internal error while building: {exc!r}")], "", "")

    def _fail(self, problems: list[dict[str, Any]], title: str, course_id: str) -> State:
        state = self._publish(
            ok=False, building=False, problems=tuple(problems),
            title=title or self.state.title, course_id=course_id or self.state.course_id,
        )
        errors = sum(p["severity"] == "error" for p in problems)
        kept = f"still serving build {state.build}" if state.build else "nothing to serve yet"
        self.log(f"build failed: {errors} error(s); {kept}")
        for problem in problems:
            self.log(f"  {problem['text']}")
        return state

    def _rebuild(self, fmt: Format) -> State:
        number = self.state.build + 1
        folder = self.root / f"build-{number}-{fmt}"
        launch: dict[str, Any] = {}

        def serve(course: Course, packages: Sequence[Package]) -> list[Built]:
            """The last stage of the build: the package's files into a folder the preview serves."""
            if len(packages) == 1:
                built, files, _ = packages[0]
                self._write(files, folder)
                launch.update(_launch(built, files))
                return [Built(built, folder, 0, len(files))]
            launch.update(_site_packages(packages))
            self._write({f"{Path(p.name).stem}/{name}": content for p in packages for name, content in p.files.items()},
                        folder)
            return [Built(p.format, folder / Path(p.name).stem, 0, len(p.files)) for p in packages]

        result = build(self.source, serve, [fmt], self.templates)
        course = result.course
        problems = [_problem(str(p), str(p.severity)) for p in result.problems.sorted()]
        title, course_id = (course.title, course.id) if course else ("", "")
        if not result.ok or not result.packages:
            return self._fail(problems, title, course_id)
        state = self._publish(
            build=number, folder=folder, built_format=fmt, title=title, course_id=course_id,
            ok=True, building=False, problems=tuple(problems), launch=launch,
        )
        warnings = sum(p["severity"] == str(Severity.WARNING) for p in problems)
        self.log(f"build {number} ({fmt}): {result.packages[0].files} files, {warnings} warning(s)")
        self._prune()
        return state

    def _write(self, files: Files, folder: Path) -> Path:
        shutil.rmtree(folder, ignore_errors=True)  # left over from a build that failed half-way
        for name, content in files.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
                continue
            stat = content.stat()
            key = str(content.resolve())
            earlier = self._copies.get(key)
            if earlier and earlier[:2] == (stat.st_size, stat.st_mtime_ns) and earlier[2].exists():
                try:
                    os.link(earlier[2], target)
                    self._copies[key] = (stat.st_size, stat.st_mtime_ns, target)
                    continue
                except OSError:
                    pass
            shutil.copyfile(content, target)
            self._copies[key] = (stat.st_size, stat.st_mtime_ns, target)
        self._folders.append(folder)
        return folder

    def _prune(self) -> None:
        while len(self._folders) > KEEP_BUILDS:
            shutil.rmtree(self._folders.pop(0), ignore_errors=True)


def _launch(fmt: Format, files: Files) -> dict[str, Any]:
    launch = FORMATS[fmt].launch
    assert launch is not None, f"{fmt} cannot be previewed"  # PreviewServer admits only previewable formats
    return launch(files)


def _site_packages(packages: Sequence[Package]) -> dict[str, Any]:
    """One package per site (`sco_mode: per-site-packages`), each in a folder of its own: the stand-in
    lists them as an LMS lists the activities they become, each with its own record."""
    items = []
    for package in packages:
        stem = Path(package.name).stem
        for item in _launch(package.format, package.files).get("items", []):
            items.append({**item, "id": stem, "href": f"{stem}/{item['href']}"})
    return {**(items[0] if items else {}), "items": items}

