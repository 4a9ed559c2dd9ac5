"""Figures about answers: per question, per answer option, and the reflections written.

A learner's first try is their first `answered` statement for a question, "at the end" their
last (a retry is a new statement, `result.success` says right or wrong). Options are read from
the xAPI response (`a[,]b`). A question looks broken when, over at least `min_group` learners,
almost nobody (at most 10 %) or almost everybody (at least 95 %) gets it right at the first
try, or when one of its wrong options was never chosen.
"""

from __future__ import annotations

from packager.report.store import Store
from packager.report.tables import Column, Table, suppress

ALMOST_NOBODY, ALMOST_EVERYBODY = 0.10, 0.95

ANSWERS = """
CREATE TABLE answers AS
SELECT a.learner, a.object AS iri, a.success, a.response,
       row_number() OVER (PARTITION BY a.learner, a.object ORDER BY a.ts, a.id) AS try,
       count(*) OVER (PARTITION BY a.learner, a.object) AS tries
FROM s a JOIN questions q ON a.object = q.iri WHERE a.verb = 'answered';

CREATE TABLE option_choices AS
SELECT o.iri, o.option, o.text, o.correct, o.ord,
       count(DISTINCT a.learner) FILTER (WHERE a.try = 1) AS first_learners,
       count(DISTINCT a.learner) AS ever_learners
FROM options o LEFT JOIN answers a
  ON a.iri = o.iri AND list_contains(string_split(coalesce(a.response, ''), '[,]'), o.option)
GROUP BY ALL;
"""


def derive(store: Store) -> None:
    store.db.execute(ANSWERS)


def questions_table(store: Store, min_group: int) -> Table:
    columns = (Column("number", "id"), Column("question", "text"), Column("type", "text"),
               Column("learners", "count"), Column("share_right_first_try", "share"),
               Column("share_right_at_end", "share"), Column("flag", "text"))
    rows = store.rows(f"""
      WITH per AS (
        SELECT iri, count(DISTINCT learner) AS learners,
               avg(success::INT) FILTER (WHERE try = 1) AS first_right,
               avg(success::INT) FILTER (WHERE try = tries) AS end_right
        FROM answers GROUP BY iri),
      unused AS (
        SELECT iri, string_agg(option, ', ' ORDER BY ord) AS never FROM option_choices
        WHERE NOT correct AND ever_learners = 0 GROUP BY iri)
      SELECT t.number, q.site || '/' || q.qid, q.type, coalesce(per.learners, 0)::INT,
             CASE WHEN q.scored THEN per.first_right END, CASE WHEN q.scored THEN per.end_right END,
             CASE WHEN NOT q.scored OR coalesce(per.learners, 0) < {max(min_group, 1)} THEN NULL
                  ELSE nullif(concat_ws('; ',
                    CASE WHEN per.first_right <= {ALMOST_NOBODY} THEN 'almost nobody right at first try' END,
                    CASE WHEN per.first_right >= {ALMOST_EVERYBODY} THEN 'almost everybody right at first try' END,
                    CASE WHEN q.type IN ('single', 'multiple', 'true-false') AND unused.never IS NOT NULL
                         THEN 'never chosen: ' || unused.never END), '') END
      FROM questions q JOIN sites t ON t.slug = q.site
      LEFT JOIN per ON per.iri = q.iri LEFT JOIN unused ON unused.iri = q.iri
      ORDER BY q.ord
    """)
    return Table("questions", "Questions", "Per question (rest site / question id): learners who answered, the "
                 "share right at their first try and at their last, and a flag where the question looks broken "
                 f"(at most {ALMOST_NOBODY:.0%} or at least {ALMOST_EVERYBODY:.0%} right at the first try, or a "
                 "wrong option nobody chose). Likert questions have no right answer.",
                 columns, suppress(rows, columns, 3, min_group))


def options_table(store: Store, min_group: int) -> Table:
    columns = (Column("question", "text"), Column("option", "text"), Column("text", "lang"),
               Column("correct", "text"), Column("learners", "count"), Column("share_first_try", "share"),
               Column("chosen_ever", "count"))
    rows = store.rows("""
      WITH n AS (SELECT iri, count(DISTINCT learner) AS learners FROM answers GROUP BY iri)
      SELECT q.site || '/' || q.qid, c.option, c.text,
             CASE WHEN q.type = 'likert' THEN '' WHEN c.correct THEN 'yes' ELSE 'no' END,
             coalesce(n.learners, 0)::INT, CASE WHEN n.learners > 0 THEN c.first_learners / n.learners END,
             c.ever_learners::INT
      FROM option_choices c JOIN questions q ON q.iri = c.iri LEFT JOIN n ON n.iri = c.iri
      ORDER BY q.ord, c.ord
    """)
    return Table("options", "Answer options", "Per answer option of the choice, true/false and Likert questions: "
                 "the share of learners who chose it at their first try (a wrong option is a distractor) and how "
                 "many learners chose it at any try.", columns, suppress(rows, columns, 4, min_group))


def reflections_table(store: Store, min_group: int) -> Table:
    columns = (Column("number", "id"), Column("site", "lang"), Column("reflection", "text"),
               Column("visitors", "count"), Column("learners_wrote", "count"), Column("share_wrote", "share"))
    rows = store.rows("""
      WITH w AS (SELECT object, count(DISTINCT learner) AS n FROM s
                 WHERE verb = 'answered' AND kind = 'reflection' AND has_text GROUP BY object),
      v AS (SELECT site, count(*) AS n FROM learner_sites GROUP BY site)
      SELECT t.number, t.title, regexp_extract(r.iri, '[^/]+$'), coalesce(v.n, 0)::INT, coalesce(w.n, 0)::INT,
             CASE WHEN v.n > 0 THEN coalesce(w.n, 0) / v.n END
      FROM reflections r JOIN sites t ON t.slug = r.site LEFT JOIN w ON w.object = r.iri LEFT JOIN v ON v.site = r.site
      ORDER BY t.number, r.iri
    """)
    return Table("reflections", "Reflections", "Per reflection task: learners who opened its rest site, and how "
                 "many of them wrote something. The texts are not shown unless the report was made with "
                 "--include-text.", columns, suppress(rows, columns, 3, min_group))


def reflection_texts_table(store: Store) -> Table:
    columns = (Column("site", "lang"), Column("reflection", "text"), Column("text", "lang"))
    rows = store.rows("""
      SELECT t.title, regexp_extract(s.object, '[^/]+$'), s.response
      FROM s JOIN sites t ON t.slug = s.site
      WHERE s.verb = 'answered' AND s.kind = 'reflection' AND s.has_text AND s.response IS NOT NULL
      QUALIFY row_number() OVER (PARTITION BY s.learner, s.object ORDER BY s.ts DESC, s.id) = 1
      ORDER BY t.number, 2, 3
    """)
    return Table("reflection_texts", "Reflection texts", "The last text each learner saved, without who wrote it, "
                 "sorted by text (asked for with --include-text).", columns, [tuple(r) for r in rows])
