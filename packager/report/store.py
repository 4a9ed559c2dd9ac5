"""The statement store: DuckDB in a temporary file, one flat row per statement.

Statements never sit in Python lists: DuckDB reads each export file (or each spooled page of
the LRS) itself and keeps on disk only the columns the report asks about, so memory grows with
the number of activities and learners, not statements. Learners are pseudonymised on the way
in: the actor's name, mbox or account never reach the store unless `identify` is asked for,
and a reflection's text only with `include_text`.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from packager import vocabulary as v
from packager.report.course import ReportCourse

MEMORY_LIMIT = "128MB"  # DuckDB spills to its temp directory beyond this
VERB_VOIDED = v.ADL_VERBS + "voided"
KNOWN_VERBS = {**{t.iri: name for name, t in v.VERBS.items()}, v.VERB_LAUNCHED: "launched", VERB_VOIDED: "voided"}


@dataclass(frozen=True)
class Privacy:
    salt: str
    identify: bool = False  # keep the actor's name (or IFI) beside the pseudonym
    include_text: bool = False  # keep reflection texts


SCHEMA = """
CREATE TABLE statements (
  id VARCHAR, learner VARCHAR, person VARCHAR, registration VARCHAR, verb VARCHAR,
  object VARCHAR, kind VARCHAR, site VARCHAR, ts TIMESTAMP, success BOOLEAN, completion BOOLEAN,
  response VARCHAR, has_text BOOLEAN, video_progress DOUBLE, municipality VARCHAR
);
CREATE TABLE sites (slug VARCHAR, number INTEGER, title VARCHAR, n_questions INTEGER, n_reflections INTEGER,
  n_videos INTEGER, x DOUBLE, y DOUBLE);
CREATE TABLE questions (site VARCHAR, iri VARCHAR, qid VARCHAR, type VARCHAR, attempts INTEGER, scored BOOLEAN,
  ord INTEGER);
CREATE TABLE options (iri VARCHAR, option VARCHAR, text VARCHAR, correct BOOLEAN, ord INTEGER);
CREATE TABLE reflections (site VARCHAR, iri VARCHAR);
"""


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def flatten_sql(course: ReportCourse, privacy: Privacy, municipality: str | None, source: str) -> list[str]:
    """Raw statements (`source`: a relation with a `json` column) → rows of `statements`, in two steps.

    First every field comes out of one JSON parse, each used once (DuckDB evaluates a repeated
    expression again, and JSON parsing is the cost); then the narrow staging table is mapped.
    """
    course_id = course.id
    paths = {
        "id": "$.id", "mbox": "$.actor.mbox", "sha1": "$.actor.mbox_sha1sum", "openid": "$.actor.openid",
        "home": "$.actor.account.homePage", "account": "$.actor.account.name", "name": "$.actor.name",
        "registration": "$.context.registration", "verb": "$.verb.id", "object": "$.object.id",
        "timestamp": "$.timestamp", "stored": "$.stored", "success": "$.result.success",
        "completion": "$.result.completion",
        "response": "$.result.response", "video": f'$.result.extensions."{v.VIDEO_EXT_PROGRESS}"',
        "parent": "$.context.contextActivities.parent[0].id",
        "group": "$.context.contextActivities.grouping[0].id",
        "group2": "$.context.contextActivities.grouping[1].id",
    }
    if municipality:
        paths["town"] = '$.context.extensions."' + municipality.replace('"', '\\"') + '"'
    f = {name: f"f[{i + 1}]" for i, name in enumerate(paths)}
    listed = "[" + ", ".join(_literal(p) for p in paths.values()) + "]"
    ifi = (f"coalesce('mbox:' || {f['mbox']}, 'sha1:' || {f['sha1']}, 'openid:' || {f['openid']}, "
           f"'account:' || {f['home']} || '|' || {f['account']})")
    person = f"coalesce({f['name']}, {ifi})" if privacy.identify else "NULL"
    prefix = _literal(course_id + "/sites/")
    stage = f"""
CREATE OR REPLACE TABLE raw AS
SELECT {f['id']} AS id, left(sha256({_literal(privacy.salt)} || {ifi}), 16) AS learner, {person} AS person,
       {f['registration']} AS registration, {f['verb']} AS verb_iri, {f['object']} AS object,
       TRY_CAST(coalesce({f['timestamp']}, {f['stored']}) AS TIMESTAMPTZ)::TIMESTAMP AS ts,  -- the LRS sets stored
       TRY_CAST({f['success']} AS BOOLEAN) AS success, TRY_CAST({f['completion']} AS BOOLEAN) AS completion,
       {f['response']} AS response, TRY_CAST({f['video']} AS DOUBLE) AS video_progress,
       {f.get('town', 'NULL')} AS municipality,
       {f['parent']} AS parent, {f['group']} AS grp, {f['group2']} AS grp2
FROM (SELECT json_extract_string(json, {listed}) AS f FROM {source})
"""
    keep_text = "TRUE" if privacy.include_text else "kind <> 'reflection'"
    verbs = ", ".join(f"({_literal(iri)}, {_literal(name)})" for iri, name in KNOWN_VERBS.items())
    insert = f"""
INSERT INTO statements
SELECT id, learner, person, registration, verb, object, kind, site, ts, success, completion,
       CASE WHEN {keep_text} THEN response END, length(trim(coalesce(response, ''))) > 0, video_progress, municipality
FROM (
  SELECT r.*, k.verb,
         nullif(split_part(substr(list_filter([object, parent, grp, grp2], lambda x: starts_with(x, {prefix}))[1],
                                  {len(course_id) + 8}), '/', 1), '') AS site,
         CASE WHEN object = {_literal(course_id)} THEN 'course'
              WHEN contains(object, '/questions/') THEN 'question'
              WHEN contains(object, '/reflections/') THEN 'reflection'
              WHEN contains(object, '/videos/') THEN 'video'
              WHEN object = {_literal(course_id + "/sites/")} || site THEN 'site'
              WHEN k.verb = 'voided' THEN 'statement'
              ELSE 'au' END AS kind
  FROM raw r JOIN (VALUES {verbs}) k(iri, verb) ON k.iri = r.verb_iri
  WHERE r.learner IS NOT NULL AND r.ts IS NOT NULL
    AND (k.verb = 'voided' OR site IS NOT NULL OR r.object = {_literal(course_id)})
);
DROP TABLE raw;
"""
    return [stage, insert]


class Store:
    """A DuckDB file in a private temporary folder, removed on close."""

    def __init__(self, course: ReportCourse, privacy: Privacy, municipality: str | None = None,
                 since: str | None = None, until: str | None = None) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="trail-report-"))
        self.db = duckdb.connect(str(self.dir / "statements.duckdb"))
        for setting in (f"SET memory_limit = '{MEMORY_LIMIT}'", "SET threads = 1",
                        "SET preserve_insertion_order = false", "SET TimeZone = 'UTC'",
                        f"SET temp_directory = {_literal(str(self.dir / 'spill'))}"):
            self.db.execute(setting)
        self.db.execute(SCHEMA)
        self.course, self.privacy, self.municipality = course, privacy, municipality
        self.since, self.until = since, until
        self._course_tables()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _course_tables(self) -> None:
        c = self.course
        self.db.executemany("INSERT INTO sites VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
            (s.slug, s.number, s.title, len(s.questions), len(s.reflections), len(s.videos), s.x, s.y)
            for s in c.sites])
        qs = [q for s in c.sites for q in s.questions]
        if qs:
            self.db.executemany("INSERT INTO questions VALUES (?, ?, ?, ?, ?, ?, ?)", [
                (q.site, q.iri, q.id, q.type, q.attempts, q.scored, i) for i, q in enumerate(qs)])
        opts = [(q.iri, o, text, o in q.correct, i) for q in qs for i, (o, text) in enumerate(q.options)]
        if opts:
            self.db.executemany("INSERT INTO options VALUES (?, ?, ?, ?, ?)", opts)
        refl = [(s.slug, iri) for s in c.sites for _, iri in s.reflections]
        if refl:
            self.db.executemany("INSERT INTO reflections VALUES (?, ?)", refl)

    def add_file(self, path: Path) -> None:
        """An export: a JSON array or one statement per line, gzip or not (sniffed, not guessed by name)."""
        with path.open("rb") as fh:
            gz = fh.read(2) == b"\x1f\x8b"
        source = (f"read_json_objects({_literal(str(path))}, format = 'auto', maximum_object_size = 1048576, "
                  f"compression = '{'gzip' if gz else 'none'}')")
        for sql in flatten_sql(self.course, self.privacy, self.municipality, source):
            self.db.execute(sql)

    def finish(self) -> None:
        """Voided statements out, duplicates (an export read twice) once, then the time window."""
        self.db.execute("""
          DELETE FROM statements WHERE verb = 'voided' OR id IN (SELECT object FROM statements WHERE verb = 'voided')
        """)
        self.db.execute("""
          CREATE TABLE s AS SELECT * FROM statements
          QUALIFY row_number() OVER (PARTITION BY id ORDER BY ts) = 1
        """)
        self.db.execute("DROP TABLE statements")
        if self.since:
            self.db.execute("DELETE FROM s WHERE ts < TRY_CAST(? AS TIMESTAMPTZ)::TIMESTAMP", [self.since])
        if self.until:
            self.db.execute("DELETE FROM s WHERE ts > TRY_CAST(? AS TIMESTAMPTZ)::TIMESTAMP", [self.until])

    def rows(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, params or []).fetchall()
