"""What the report needs to know about the course: its IRIs, rule, questions and map.

Read from the course source (through the loader) or from a built package (its
`<script id="trail-data">` and the map markers of its index.html), so an analyst who only
has the zip an LMS received can still run the report. Both give the runtime's course data,
the one neutral shape every format already shares (`packager/runtime_data.py`).
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packager.model import Format
from packager.trail_map import map_point


class CourseError(Exception):
    """The course could not be read; the message names the file and what was expected."""


@dataclass(frozen=True)
class Question:
    site: str
    id: str
    iri: str
    type: str
    text: str
    attempts: int  # 0: unlimited retries
    scored: bool
    options: tuple[tuple[str, str], ...]  # (id, text) of single, multiple and likert questions
    correct: tuple[str, ...]  # option ids that are right (true-false: "true" or "false")


@dataclass(frozen=True)
class Site:
    number: int
    slug: str
    iri: str
    title: str
    x: float  # map position in the learner map's viewBox
    y: float
    questions: tuple[Question, ...]
    reflections: tuple[tuple[str, str], ...]  # (id, IRI)
    videos: tuple[tuple[str, str], ...]  # (IRI, title)


@dataclass(frozen=True)
class ReportCourse:
    id: str
    title: str
    language: str
    require: str  # "visited" or "done"
    required_sites: int
    sites: tuple[Site, ...]


def _question(site: str, q: dict[str, Any]) -> Question:
    kind = str(q["type"])
    correct: tuple[str, ...] = ()
    if kind in ("single", "multiple"):
        correct = tuple(q.get("correct") or ())
    elif kind == "true-false":
        correct = ("true" if q.get("correct") else "false",)
    options = tuple((o["id"], o["text"]) for o in q.get("options", ()))
    if kind == "true-false":
        options = (("true", "true"), ("false", "false"))
    return Question(site, q["id"], q["activity"], kind, q.get("text", ""), int(q.get("attempts") or 0),
                    bool(q.get("scored", True)), options, correct)


def _rounded(point: tuple[float, float]) -> tuple[float, float]:
    return round(point[0], 1), round(point[1], 1)  # as the learner map prints them


def from_data(data: dict[str, Any], points: dict[str, tuple[float, float]]) -> ReportCourse:
    c = data["course"]
    sites = tuple(
        Site(
            number=int(s["n"]), slug=s["slug"], iri=s["id"], title=s["title"],
            x=points.get(s["slug"], (0.0, 0.0))[0], y=points.get(s["slug"], (0.0, 0.0))[1],
            questions=tuple(_question(s["slug"], q) for q in s.get("questions", ())),
            reflections=tuple((r["id"], f'{s["id"]}/reflections/{r["id"]}') for r in s.get("reflections", ())),
            videos=tuple((v["id"], v["title"]) for v in s.get("videos", ())),
        )
        for s in data["sites"]
    )
    return ReportCourse(c["id"], c["title"], c.get("language") or "nb", c.get("require") or "visited",
                        int(c.get("requiredSites") or len(sites)), sites)


def from_source(folder: Path) -> ReportCourse:
    from packager.load import load
    from packager.runtime_data import runtime_data

    loaded = load(folder)
    if loaded.course is None or loaded.problems.errors:
        raise CourseError("\n".join(str(p) for p in loaded.problems.sorted()) or f"{folder}: not a course")
    course = loaded.course
    points = {s.slug: _rounded(map_point(s.position)) for s in course.sites}
    return from_data(runtime_data(course, Format.XAPI), points)


DATA_RE = re.compile(r'<script type="application/json" id="trail-data">(.*?)</script>', re.S)
MARKER_RE = re.compile(r'data-site="([^"]+)"[^>]*>\s*<circle class="hit" cx="([\d.]+)" cy="([\d.]+)"')


def from_package(path: Path) -> ReportCourse:
    """A built xAPI, cmi5, SCORM or web zip: the course data and the map of its index.html."""
    from packager.runtime_data import read_site_script, with_site

    try:
        with zipfile.ZipFile(path) as zf:
            page = zf.read("index.html").decode("utf-8")
            found = DATA_RE.search(page)
            if not found:
                raise CourseError(f"{path}: index.html has no trail-data script: not a trail package")
            data = json.loads(found.group(1))
            names = set(zf.namelist())
            for i, site in enumerate(data.get("sites", ())):  # each site's texts are in its own file
                name = f"sites/{site.get('slug')}.js"
                data["sites"][i] = with_site(site, read_site_script(zf.read(name)) if name in names else {})
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise CourseError(f"{path}: not a trail package with an index.html ({exc})") from exc
    points = {html.unescape(slug): (float(x), float(y)) for slug, x, y in MARKER_RE.findall(page)}
    return from_data(data, points)


def read_course(path: Path) -> ReportCourse:
    if path.is_dir():
        return from_source(path)
    if path.is_file():
        return from_package(path)
    raise CourseError(f"{path}: not found; give the course source folder or a package zip")
