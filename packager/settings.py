"""The settings a municipality may change in a finished package, without the course source.

They live in one small JSON entry, `trail/settings.json`, that the runtime
(`trail.js`) reads at start; the build writes it from the course, `trail
configure` rewrites it (and nothing else), `trail inspect` shows it. One table
says which keys exist and what each accepts, so all three agree.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from packager.model import Course

SETTINGS_PATH = "trail/settings.json"
SCHEMA = 1
READ_ONLY = ("schema", "languages")  # written by the build, shown by inspect, never set


class SettingError(ValueError):
    """A value or key `configure` must refuse; the message names the key and what it expects."""


def https_url(key: str, value: str, current: dict[str, Any]) -> str:
    if value == "":
        return value  # no link at all
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in value):
        raise SettingError(f"{key}: expected an https:// address (or nothing, to remove it), got {value!r}")
    return value


def text(limit: int) -> Callable[[str, str, dict[str, Any]], str]:
    def check(key: str, value: str, current: dict[str, Any]) -> str:
        if not value.strip() or len(value) > limit or any(ord(c) < 32 for c in value):
            raise SettingError(f"{key}: expected a text of 1 to {limit} characters on one line, got {value!r}")
        return value.strip()
    return check


def language(key: str, value: str, current: dict[str, Any]) -> str:
    carried = list(current.get("languages") or [])
    if value not in carried:
        raise SettingError(f"{key}: this package carries {', '.join(carried) or 'no language list'}; "
                           f"{value!r} is not one of them (build the course in that language instead)")
    return value


@dataclass(frozen=True)
class Key:
    check: Callable[[str, str, dict[str, Any]], str]
    help: str


KEYS: dict[str, Key] = {
    "common_room_url": Key(https_url, "the address of the discussion forum the trail links to"),
    "title": Key(text(200), "the course title the learner sees in the trail (the LMS's own title is its setting)"),
    "language": Key(language, "the language the trail starts in, among those the package carries"),
    "logo": Key(https_url, "the address of a logo image shown at the top of the trail"),
    "lrs_platform": Key(text(100), "xAPI and cmi5: the `context.platform` of every statement (e.g. your LMS)"),
}


def course_settings(course: Course) -> dict[str, Any]:
    """The settings a build writes: the course's own values."""
    return {"schema": SCHEMA, "common_room_url": course.common_room_url or "", "title": course.title,
            "language": str(course.language), "languages": [str(course.language)], "logo": "",
            "lrs_platform": "trail"}


def describe(settings: dict[str, Any]) -> list[str]:
    """`key = value` lines for people (lists joined, the schema number left out)."""
    return [f"{k} = {', '.join(map(str, v)) if isinstance(v, list) else (v if v != '' else '(none)')}"
            for k, v in settings.items() if k != "schema"]


def encode_settings(settings: dict[str, Any]) -> bytes:
    return (json.dumps(settings, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def apply(current: dict[str, Any], changes: list[tuple[str, str]]) -> dict[str, Any]:
    """`current` with `changes` applied; every bad key or value is reported at once."""
    out = dict(current)
    problems: list[str] = []
    for key, value in changes:
        if key in READ_ONLY:
            problems.append(f"{key}: is written by the build and cannot be set")
        elif key not in KEYS:
            problems.append(f"{key}: unknown setting; the settings are {', '.join(KEYS)}")
        else:
            try:
                out[key] = KEYS[key].check(key, value, current)
            except SettingError as exc:
                problems.append(str(exc))
    if problems:
        raise SettingError("\n".join(problems))
    return out
