"""Generated learners for the report: statements shaped as the xAPI package sends them.

Each learner walks the course's rest sites in an order of their own (most go roughly along
the trail, some stop early), answers every question (a share wrong at first, then a retry),
writes some reflections, plays the videos and sends initialized / terminated around each
session, spread over weeks. Deterministic from the seed. Used by `bench/report.py` (10^6
statements into a file) and by the report tests (sent to the test LRS through tincan).
Nothing it makes is ever committed.
"""

from __future__ import annotations

import gzip
import json
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from packager import vocabulary as v
from packager.report.course import Question, ReportCourse, Site

START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
HOME = "https://lms.example.test"
MUNICIPALITY = "https://lms.example.test/xapi/extensions/municipality"  # a test LMS's context extension
TOWNS = ("Skien", "Porsgrunn", "Bø", "Notodden", "Kragerø", "Tinn")


def _verb(name: str) -> dict[str, Any]:
    t = v.VERBS[name]
    return {"id": t.iri, "display": {"en": t.label["en"]}}


class Learner:
    def __init__(self, course: ReportCourse, rng: random.Random, n: int) -> None:
        self.course, self.rng = course, rng
        self.actor = {"objectType": "Agent", "name": f"Generert Deltaker {n}",
                      "account": {"homePage": HOME, "name": f"gen-{n:07d}"}}
        self.registration = str(self._uuid())
        self.town = TOWNS[n % len(TOWNS)]
        self.now = START + timedelta(days=rng.random() * 180, hours=rng.random() * 8)

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def st(self, verb: str, obj: dict[str, Any], parent: str | None = None, result: dict[str, Any] | None = None,
           video: bool = False) -> dict[str, Any]:
        self.now += timedelta(seconds=5 + self.rng.random() * 90)
        ctx: dict[str, Any] = {"registration": self.registration, "platform": "trail",
                               "language": self.course.language, "extensions": {MUNICIPALITY: self.town}}
        if parent:
            acts: dict[str, Any] = {"parent": [{"objectType": "Activity", "id": parent}],
                                    "grouping": [{"objectType": "Activity", "id": self.course.id}]}
            if video:
                acts["category"] = [{"objectType": "Activity", "id": v.VIDEO_PROFILE}]
            ctx["contextActivities"] = acts
        out = {"id": str(self._uuid()), "actor": self.actor, "verb": _verb(verb), "object": obj, "context": ctx,
               "timestamp": self.now.isoformat(timespec="milliseconds").replace("+00:00", "Z")}
        if result:
            out["result"] = result
        return out

    def answer(self, site: Site, q: Question) -> Iterator[dict[str, Any]]:
        obj = {"objectType": "Activity", "id": q.iri,
               "definition": {"type": v.ACTIVITY_INTERACTION, "name": {self.course.language: q.text}}}
        options = [o for o, _ in q.options] or ["x"]
        wrong = [o for o in options if o not in q.correct]
        for attempt in range(3):
            right = not wrong or self.rng.random() < (0.6 if attempt == 0 else 0.85)
            if q.type == "likert":
                yield self.st("answered", obj, site.iri, {"response": self.rng.choice(options)})
                return
            pick = "[,]".join(q.correct) if right and q.correct else (
                self.rng.choice(wrong) if wrong and not right else "svar")
            yield self.st("answered", obj, site.iri, {"response": pick, "success": right})
            if right or (q.attempts and attempt + 1 >= q.attempts):
                return

    def visit(self, site: Site) -> Iterator[dict[str, Any]]:
        yield self.st("experienced", {"objectType": "Activity", "id": site.iri,
                                      "definition": {"type": v.ACTIVITY_MODULE,
                                                     "name": {self.course.language: site.title}}}, self.course.id)
        for iri, title in site.videos:
            if self.rng.random() < 0.7:
                obj = {"objectType": "Activity", "id": iri,
                       "definition": {"type": v.ACTIVITY_VIDEO, "name": {self.course.language: title}}}
                yield self.st("played", obj, site.iri, {"extensions": {v.VIDEO_EXT_TIME: 0}}, video=True)
                seen = round(self.rng.random(), 3)
                yield self.st("paused", obj, site.iri, {"extensions": {v.VIDEO_EXT_PROGRESS: seen}}, video=True)
                if seen >= v.VIDEO_COMPLETION_THRESHOLD:
                    yield self.st("completed", obj, site.iri, {"completion": True,
                                                               "extensions": {v.VIDEO_EXT_PROGRESS: seen}}, video=True)
        for q in site.questions:
            yield from self.answer(site, q)
        for _, iri in site.reflections:
            if self.rng.random() < 0.5:
                obj = {"objectType": "Activity", "id": iri, "definition": {"type": v.ACTIVITY_INTERACTION}}
                yield self.st("answered", obj, site.iri, {"response": "Vi samarbeider med NAV om bolig."})

    def walk(self) -> Iterator[dict[str, Any]]:
        course = {"objectType": "Activity", "id": self.course.id, "definition": {"type": v.ACTIVITY_COURSE}}
        sites = list(self.course.sites)
        order = sorted(sites, key=lambda s: s.number + self.rng.gauss(0, 2.5))
        stop = len(order) if self.rng.random() < 0.55 else self.rng.randint(1, len(order))
        yield self.st("initialized", course)
        for i, site in enumerate(order[:stop]):
            if i and self.rng.random() < 0.25:  # a new session, days later
                yield self.st("terminated", course)
                self.now += timedelta(days=self.rng.random() * 20)
                yield self.st("initialized", course)
            yield from self.visit(site)
        if stop >= self.course.required_sites:
            yield self.st("completed", course, result={"completion": True})
        yield self.st("terminated", course)


def generate(course: ReportCourse, learners: int, seed: int = 1) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for n in range(learners):
        yield from Learner(course, rng, n).walk()


def write(course: ReportCourse, path: Path, statements: int, seed: int = 1) -> tuple[int, int]:
    """At least `statements` statements (whole learners) as gzip'd lines; returns (learners, statements)."""
    count, learners = 0, 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as fh:
        rng = random.Random(seed)
        while count < statements:
            for st in Learner(course, rng, learners).walk():
                fh.write(json.dumps(st, ensure_ascii=False) + "\n")
                count += 1
            learners += 1
    return learners, count
