"""Reading a course's statements from an LRS with the `tincan` package's RemoteLRS.

One query per rest site (its IRI with related_activities: the site's visits, questions,
reflections and videos, and in cmi5 packages the AU's own statements, which carry the site in
`grouping`) and one for the course activity itself (the xAPI package's initialized, progressed,
completed, passed, failed and terminated). No statement matches two of them. Every `more`
link is followed; pages are spooled to a temporary file of statements (never the credentials)
that the store reads and deletes, a few thousand statements at a time.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tincan import Activity, RemoteLRS

from packager.report.course import ReportCourse
from packager.report.store import Store

SPOOL_STATEMENTS = 5000  # statements per spooled file handed to DuckDB


class LrsError(Exception):
    """The LRS refused or could not be reached; the message never holds the credentials."""


@dataclass(frozen=True)
class Endpoint:
    url: str
    username: str | None = None
    password: str | None = None
    page: int = 500  # statements asked for per request; the LRS may send fewer and a `more` link

    def __repr__(self) -> str:  # never print the credentials, even in a traceback
        return f"Endpoint(url={self.url!r})"


def queries(course: ReportCourse) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [{"activity": Activity(id=course.id), "related_activities": "false"}]
    out += [{"activity": Activity(id=s.iri), "related_activities": "true"} for s in course.sites]
    return out


def statements(endpoint: Endpoint, course: ReportCourse, since: str | None) -> Iterator[dict[str, Any]]:
    """Every statement of the course stored since `since`, as plain JSON, page by page.

    The LRS filters on when it stored a statement, the report on when it happened: a statement
    is stored at or after its timestamp, so `since` can go to the LRS, but `until` cannot (a
    statement queued offline is stored late); the store applies both to the timestamp."""
    remote = RemoteLRS(endpoint=endpoint.url, version="1.0.3", username=endpoint.username,
                       password=endpoint.password)
    for query in queries(course):
        query.update({"limit": str(endpoint.page), "ascending": "true", "since": since})
        try:
            response = remote.query_statements(query)
            while True:
                if not response.success:
                    status = getattr(response.response, "status", "?")
                    raise LrsError(f"the LRS at {endpoint.url} answered {status} to a statements query")
                result = response.content
                for st in result.statements:
                    yield json.loads(st.to_json("1.0.3"))
                if not result.more:
                    break
                response = remote.more_statements(result)
        except OSError as exc:
            raise LrsError(f"the LRS at {endpoint.url} cannot be reached: {exc.strerror or exc}") from None


def load_lrs(store: Store, endpoint: Endpoint, since: str | None) -> int:
    """Stream the course's statements from the LRS into the store; returns how many were read."""
    count, batch = 0, 0
    with tempfile.TemporaryDirectory(prefix="trail-lrs-spool-") as tmp:
        spool = Path(tmp) / "page.ndjson"
        out = spool.open("w", encoding="utf-8")
        try:
            for st in statements(endpoint, store.course, since):
                out.write(json.dumps(st, ensure_ascii=False) + "\n")
                count, batch = count + 1, batch + 1
                if batch >= SPOOL_STATEMENTS:
                    out.close()
                    store.add_file(spool)
                    out, batch = spool.open("w", encoding="utf-8"), 0
        finally:
            out.close()
        if batch:
            store.add_file(spool)
    return count
