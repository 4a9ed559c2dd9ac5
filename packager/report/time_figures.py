"""Figures about time: activity by week since each learner's first launch, by calendar week,
and by municipality when statements carry one (a context extension named with --municipality).

A learner is active in a week when any of their statements has a timestamp in it; a learner's
first launch is their first statement for the course.
"""

from __future__ import annotations

from packager.report.store import Store
from packager.report.tables import Column, Table, suppress

WEEK_SECONDS = 7 * 24 * 3600


def weeks_since_start_table(store: Store, min_group: int) -> Table:
    columns = (Column("week", "id"), Column("active_learners", "count"), Column("statements", "number"))
    rows = store.rows(f"""
      SELECT floor(epoch(s.ts - l.first_ts) / {WEEK_SECONDS})::INT AS week, count(DISTINCT s.learner)::INT,
             count(*)::INT
      FROM s JOIN learners l USING (learner) GROUP BY week ORDER BY week
    """)
    return Table("weeks_since_start", "Weeks since first launch", "Learners active in each week counted from their "
                 "own first launch (week 0 is the first 7 days), and the statements they sent.",
                 columns, suppress(rows, columns, 1, min_group))


def calendar_weeks_table(store: Store, min_group: int) -> Table:
    columns = (Column("week", "id"), Column("active_learners", "count"), Column("new_learners", "count"),
               Column("statements", "number"))
    rows = store.rows("""
      WITH w AS (SELECT strftime(ts, '%G-W%V') AS week, count(DISTINCT learner) AS active, count(*) AS n
                 FROM s GROUP BY week),
      f AS (SELECT strftime(first_ts, '%G-W%V') AS week, count(*) AS new FROM learners GROUP BY week)
      SELECT w.week, w.active::INT, coalesce(f.new, 0)::INT, w.n::INT FROM w LEFT JOIN f USING (week) ORDER BY w.week
    """)
    return Table("calendar_weeks", "Calendar weeks", "Learners active in each ISO calendar week, the learners "
                 "who launched the course for the first time that week, and the statements sent.",
                 columns, suppress(rows, columns, 1, min_group))


def municipalities_table(store: Store, min_group: int) -> Table:
    columns = (Column("municipality", "text"), Column("learners", "count"), Column("share_completed", "share"),
               Column("median_sites_visited", "number"))
    rows = store.rows(f"""
      WITH m AS (SELECT CASE WHEN count(*) OVER (PARTITION BY l.municipality) >= {min_group}
                             THEN l.municipality ELSE 'other (groups under {min_group})' END AS name,
                        p.completed, p.visited
                 FROM learners l JOIN progress p USING (learner) WHERE l.municipality IS NOT NULL)
      SELECT name, count(*)::INT, avg(completed::INT), median(visited)
      FROM m GROUP BY name ORDER BY name LIKE 'other (%', name
    """)
    return Table("municipalities", "By municipality", f"Learners per municipality, the share who completed the "
                 f"course and the median number of rest sites they opened; municipalities with fewer than "
                 f"{min_group} learners are counted together.", columns, suppress(rows, columns, 1, min_group))
