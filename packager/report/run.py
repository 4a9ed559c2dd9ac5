"""`trail report`, top to bottom: course → statements into the store → figures → files.

The library behind the command (it works without click). DuckDB and matplotlib are imported
by this module only, which the CLI imports inside the command, so `trail build` never loads them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from packager import __version__
from packager.report import answer_figures, time_figures, trail_figures
from packager.report.course import ReportCourse
from packager.report.lrs import Endpoint, load_lrs
from packager.report.store import Privacy, Store
from packager.report.tables import Table
from packager.report.write import Block, Section, write_csv, write_html

MIN_GROUP = 5


@dataclass(frozen=True)
class Options:
    salt: str | None = None  # None: a random salt, so pseudonyms differ between runs
    identify: bool = False
    include_text: bool = False
    min_group: int = MIN_GROUP
    municipality: str | None = None  # the context extension IRI that names the learner's municipality
    since: str | None = None  # ISO 8601 timestamps bounding the window
    until: str | None = None


@dataclass(frozen=True)
class Report:
    html: Path
    csvs: list[Path]
    tables: dict[str, Table]
    statements: int
    learners: int
    files: list[Path] = field(default_factory=list)


def _sections(course: ReportCourse, t: dict[str, Table]) -> list[Section]:
    """The page's sections; the charts are drawn only now, once DuckDB has let go of its memory."""
    from packager.report import charts

    sections = [
        Section("sites", "Rest sites", "Who opens each rest site, how often, whether they finish it, how long they "
                "stay and whether they watch its videos.",
                [Block(t["sites"], charts.bars(t["sites"], "number", "learners", "c-sites",
                                               "learners who opened it"))]),
        Section("paths", "Paths", "The orders learners walk the trail in, the steps between rest sites drawn on the "
                "trail map (thicker: more learners), and where those who have not completed stop.",
                [Block(t["moves"], charts.trail_map(course, t["moves"], "c-map")), Block(t["paths_first_3"]),
                 Block(t["paths"]), Block(t["stops"])]),
        Section("completion", "Completion", "The course's completion rule as a funnel.",
                [Block(t["funnel"], charts.bars(t["funnel"], "step", "share_of_started", "c-funnel",
                                                "% of learners who started", share=True))]
                + ([Block(t["learners"])] if "learners" in t else [])),
        Section("questions", "Questions", "How hard each question is, and which answer options draw learners.",
                [Block(t["questions"], charts.paired_bars(t["questions"], "question", "share_right_first_try",
                                                          "share_right_at_end", "c-questions",
                                                          ("right at first try", "right at the end"))),
                 Block(t["options"])]),
        Section("reflections", "Reflections", "How many learners write in each reflection task.",
                [Block(t["reflections"])] + ([Block(t["reflection_texts"])] if "reflection_texts" in t else [])),
        Section("time", "Activity over time", "When learners use the course, over the months of access.",
                [Block(t["weeks_since_start"], charts.columns(t["weeks_since_start"], "week", "active_learners",
                                                              "c-weeks", "active learners")),
                 Block(t["calendar_weeks"], charts.columns(t["calendar_weeks"], "week", "active_learners",
                                                           "c-calendar", "active learners"))]
                + ([Block(t["municipalities"])] if "municipalities" in t else [])),
    ]
    return sections


def _tables(store: Store, options: Options) -> dict[str, Table]:
    trail_figures.derive(store)
    answer_figures.derive(store)
    k = options.min_group
    tables = [
        trail_figures.sites_table(store, k), trail_figures.paths_table(store, k, 3),
        trail_figures.paths_table(store, k), trail_figures.moves_table(store, k),
        trail_figures.stops_table(store, k), trail_figures.funnel_table(store, k),
        answer_figures.questions_table(store, k), answer_figures.options_table(store, k),
        answer_figures.reflections_table(store, k),
        time_figures.weeks_since_start_table(store, k), time_figures.calendar_weeks_table(store, k),
    ]
    if options.include_text:
        tables.append(answer_figures.reflection_texts_table(store))
    if options.municipality:
        tables.append(time_figures.municipalities_table(store, k))
    if options.identify:
        tables.append(trail_figures.learners_table(store))
    return {t.key: t for t in tables}


def make_report(course: ReportCourse, out: Path, *, exports: list[Path] | None = None,
                endpoint: Endpoint | None = None, options: Options | None = None) -> Report:
    """Read the statements (export files, or the LRS), write report.html and the CSVs into `out`."""
    options = options or Options()
    privacy = Privacy(options.salt or secrets.token_hex(16), options.identify, options.include_text)
    out.mkdir(parents=True, exist_ok=True)
    with Store(course, privacy, options.municipality, options.since, options.until) as store:
        if endpoint is not None:
            load_lrs(store, endpoint, options.since)
            source = f"the LRS at {endpoint.url}"
        for path in exports or []:
            store.add_file(path)
        if exports:
            source = ", ".join(p.name for p in exports)
        store.finish()
        tables = _tables(store, options)
        statements, learners, first, last = store.rows(
            "SELECT count(*), count(DISTINCT learner), min(ts)::DATE::VARCHAR, max(ts)::DATE::VARCHAR FROM s")[0]
    privacy_note = (
        f"Learners are pseudonymised with a salted hash; no name, e-mail or account appears in this report. "
        f"Groups of fewer than {options.min_group} learners are shown as “<{options.min_group}” "
        "and their shares left out."
        if not options.identify else
        "Made with --identify: this report may name learners. Keep it as personal data."
    )
    sections = _sections(course, tables)
    meta = {"learners": learners, "statements": statements, "first": first, "last": last, "source": source,
            "version": __version__, "privacy": privacy_note}
    html = write_html(course, sections, meta, out)
    csvs = [write_csv(t, out) for t in tables.values()]
    return Report(html, csvs, tables, statements, learners, [html, *csvs])
