"""Figures about the trail itself: per rest site, the paths learners take, the completion funnel.

Everything is SQL over the store (`store.py`). `learner_sites` first derives, per learner and
site, what the runtime's tracker knows: visited (an `experienced`), done (visited, every
question answered, every reflection written: tracker.js `progress()`) and the time spent there; the rest
are small GROUP BYs over it, so they cost as much as learners × sites, not statements.
"""

from __future__ import annotations

from packager.report.store import Store
from packager.report.tables import Column, Table, suppress

VISIT_CAP_SECONDS = 3600  # a visit longer than an hour counts as an hour: the learner walked away

DERIVED = f"""
CREATE TABLE visit_time AS
SELECT learner, site, sum(least(epoch(next_ts - ts), {VISIT_CAP_SECONDS})) AS seconds
FROM (SELECT learner, site, verb, ts, lead(ts) OVER (PARTITION BY learner ORDER BY ts, id) AS next_ts
      FROM s WHERE verb IN ('experienced', 'initialized', 'terminated'))
WHERE verb = 'experienced' AND site IS NOT NULL AND next_ts IS NOT NULL
GROUP BY ALL;

CREATE TABLE learner_sites AS
WITH v AS (SELECT learner, site, count(*) AS visits, min(ts) AS first_ts
           FROM s WHERE verb = 'experienced' AND site IS NOT NULL GROUP BY ALL),
     f AS (SELECT a.learner, q.site, count(DISTINCT q.iri) AS n
           FROM s a JOIN questions q ON a.object = q.iri WHERE a.verb = 'answered' GROUP BY ALL),
     w AS (SELECT a.learner, r.site, count(DISTINCT r.iri) AS n
           FROM s a JOIN reflections r ON a.object = r.iri WHERE a.verb = 'answered' AND a.has_text GROUP BY ALL)
SELECT v.learner, v.site, t.number, v.visits, v.first_ts,
       coalesce(f.n, 0) >= t.n_questions AND coalesce(w.n, 0) >= t.n_reflections AS done,
       vt.seconds
FROM v JOIN sites t ON t.slug = v.site
LEFT JOIN f ON f.learner = v.learner AND f.site = v.site
LEFT JOIN w ON w.learner = v.learner AND w.site = v.site
LEFT JOIN visit_time vt ON vt.learner = v.learner AND vt.site = v.site;

CREATE TABLE learners AS
SELECT learner, min(ts) AS first_ts, any_value(person) AS person, max(municipality) AS municipality
FROM s GROUP BY learner;
"""


def derive(store: Store) -> None:
    store.db.execute(DERIVED)
    rule = "done" if store.course.require == "done" else "TRUE"
    store.db.execute(f"""
      CREATE TABLE progress AS
      SELECT l.learner, count(ls.site) FILTER (WHERE {rule}) AS counted, count(ls.site) AS visited,
             count(ls.site) FILTER (WHERE {rule}) >= {store.course.required_sites} AS completed
      FROM learners l LEFT JOIN learner_sites ls USING (learner) GROUP BY l.learner
    """)


def sites_table(store: Store, min_group: int) -> Table:
    columns = (Column("number", "id"), Column("site", "lang"), Column("learners", "count"),
               Column("visits", "number"), Column("share_done", "share"), Column("median_minutes", "minutes"),
               Column("videos", "number"), Column("video_learners", "count"), Column("share_video_completed", "share"))
    rows = store.rows("""
      WITH vid AS (
        SELECT site, count(DISTINCT learner) FILTER (WHERE verb = 'played') AS played,
               count(DISTINCT learner) FILTER (WHERE verb = 'completed') AS completed
        FROM s WHERE kind = 'video' GROUP BY site),
      per AS (
        SELECT site, count(*) AS learners, sum(visits) AS visits, avg(done::INT) AS share_done,
               median(seconds) / 60 AS minutes
        FROM learner_sites GROUP BY site)
      SELECT t.number, t.title, coalesce(per.learners, 0)::INT, coalesce(per.visits, 0)::INT, per.share_done,
             per.minutes, t.n_videos, coalesce(vid.played, 0)::INT,
             CASE WHEN t.n_videos > 0 AND per.learners > 0 THEN coalesce(vid.completed, 0) / per.learners END
      FROM sites t LEFT JOIN per ON per.site = t.slug LEFT JOIN vid ON vid.site = t.slug
      ORDER BY t.number
    """)
    return Table("sites", "Rest sites", "Per rest site: learners who opened it, visits, the share of them who "
                 "finished it (every question answered, every reflection written), the median time "
                 "spent there, and the learners who played and completed its videos.",
                 columns, suppress(rows, columns, 2, min_group))


def paths_table(store: Store, min_group: int, first: int | None = None, top: int = 10) -> Table:
    """The most common orders of first visits: whole (`first` None) or their first `first` sites."""
    columns = (Column("rank", "id"), Column("order", "text"), Column("sites", "number"),
               Column("learners", "count"))
    cut = f"WHERE k <= {first}" if first else ""
    rows = store.rows(f"""
      WITH o AS (SELECT learner, number, first_ts,
                        row_number() OVER (PARTITION BY learner ORDER BY first_ts, number) AS k FROM learner_sites),
      p AS (SELECT learner, string_agg(number::VARCHAR, ' → ' ORDER BY k) AS path, count(*) AS n
            FROM o {cut} GROUP BY learner)
      SELECT path, any_value(n), count(*) AS learners FROM p GROUP BY path
      HAVING count(*) >= {min_group} ORDER BY learners DESC, path LIMIT {top}
    """)
    numbered = [(i + 1, path, n, learners) for i, (path, n, learners) in enumerate(rows)]
    if first:
        return Table(f"paths_first_{first}", f"Most common first {first} sites", f"The first {first} rest sites "
                     f"learners opened (site numbers, in order), most common first; beginnings shared by fewer than "
                     f"{min_group} learners are left out.", columns, suppress(numbered, columns, 3, min_group))
    return Table("paths", "Most common orders", f"The whole orders in which learners first opened the rest sites "
                 f"(site numbers), most common first; orders followed by fewer than {min_group} learners are left out.",
                 columns, suppress(numbered, columns, 3, min_group))


def moves_table(store: Store, min_group: int) -> Table:
    columns = (Column("from_number", "id"), Column("from_site", "lang"), Column("to_number", "id"),
               Column("to_site", "lang"), Column("learners", "count"))
    rows = store.rows(f"""
      WITH m AS (SELECT learner, site, number,
                        lag(site) OVER (PARTITION BY learner ORDER BY first_ts, number) AS prev
                 FROM learner_sites)
      SELECT a.number, a.title, b.number, b.title, count(*) AS learners
      FROM m JOIN sites a ON a.slug = m.prev JOIN sites b ON b.slug = m.site
      GROUP BY ALL HAVING count(*) >= {min_group} ORDER BY learners DESC, a.number, b.number
    """)
    return Table("moves", "Steps between rest sites", f"How many learners went on from one rest site to another "
                 f"they had not opened before (drawn on the trail map); steps taken by fewer than {min_group} "
                 "learners are left out.", columns, suppress(rows, columns, 4, min_group))


def stops_table(store: Store, min_group: int) -> Table:
    columns = (Column("number", "id"), Column("site", "lang"), Column("learners", "count"))
    rows = store.rows("""
      WITH last AS (SELECT learner, arg_max(site, first_ts) AS site FROM learner_sites GROUP BY learner),
      stopped AS (SELECT last.site, count(*) AS n FROM last JOIN progress p USING (learner)
                  WHERE NOT p.completed GROUP BY last.site)
      SELECT t.number, t.title, coalesce(stopped.n, 0)::INT
      FROM sites t LEFT JOIN stopped ON stopped.site = t.slug ORDER BY t.number
    """)
    return Table("stops", "Where learners stop", "For learners who have not completed the course: the last rest "
                 "site they opened for the first time.", columns, suppress(rows, columns, 2, min_group))


def funnel_table(store: Store, min_group: int) -> Table:
    course = store.course
    what = "done" if course.require == "done" else "visited"
    steps = store.rows(f"""
      SELECT k, count(*) FILTER (WHERE counted >= k)::INT
      FROM progress, range(1, {course.required_sites} + 1) r(k) GROUP BY k ORDER BY k
    """)
    started = store.rows("SELECT count(*)::INT FROM learners")[0][0]
    rows: list[tuple[str, int, float | None]] = [("started", started, 1.0 if started else None)]
    for k, n in steps:
        label = f"{k} site{'s' if k > 1 else ''} {what}"
        if k == course.required_sites:
            label += f": completed (the course's rule: {course.required_sites} {what})"
        rows.append((label, n, n / started if started else None))
    columns = (Column("step", "text"), Column("learners", "count"), Column("share_of_started", "share"))
    return Table("funnel", "Completion funnel", f"Learners who started, then how many have {what} at least 1, 2, … "
                 f"rest sites, up to the {course.required_sites} the course's completion rule asks for.",
                 columns, suppress(rows, columns, 1, min_group))


def learners_table(store: Store) -> Table:
    """Only with --identify: each learner by name, beside their pseudonym and progress."""
    columns = (Column("learner", "text"), Column("pseudonym", "text"), Column("sites_opened", "number"),
               Column("sites_counted", "number"), Column("completed", "text"), Column("first_launch", "text"))
    rows = store.rows("""
      SELECT l.person, l.learner, p.visited::INT, p.counted::INT, CASE WHEN p.completed THEN 'yes' ELSE 'no' END,
             strftime(l.first_ts, '%Y-%m-%d')
      FROM learners l JOIN progress p USING (learner) ORDER BY l.person, l.learner
    """)
    return Table("learners", "Learners (identified)", "Every learner by name (asked for with --identify), with "
                 "the rest sites they opened and counted toward completion.", columns, [tuple(r) for r in rows])
