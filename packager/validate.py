"""Stage 2, validate: rules that span files or need the whole course.

Per-file rules (types, unknown keys, missing media) are found while loading;
what is left here needs every site at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from packager.checks.quiz_balance import check_quiz_balance
from packager.load import Loaded
from packager.load.course_file import is_absolute_iri
from packager.model import Format, Requirement
from packager.package import FORMATS
from packager.package.format import Options
from packager.problems import Problems

MAX_TITLE = 200  # LMSs cut longer manifest titles (ADL SPM)
MAX_INTERACTIONS = 250  # SCORM 2004 cmi.interactions


def validate(loaded: Loaded, formats: Sequence[Format] | None = None,
             options: Mapping[Format, Options] | None = None) -> Problems:
    """`formats`: the formats to build (default: the course's); only their limits are checked, as
    `options` build them (e.g. `--sco-mode per-site`: SCORM 1.2's state budget per SCO)."""
    problems = Problems()
    course = loaded.course
    if course is None:
        return problems
    where = loaded.where

    def at(key: str) -> tuple[str, int]:
        return where.get(key, where.get("course.title", ("course.yaml", 0)))

    expected = 1
    seen_slugs: dict[str, int] = {}
    for number, slug, file in loaded.site_folders:  # loaded or not: one unreadable site.md is one problem
        if number != expected:
            message = f"sites are numbered 01, 02, ... without gaps; expected {expected:02d} here"
            problems.error(file, 0, "", message)
        expected = number + 1
        if slug in seen_slugs:
            problems.error(file, 0, "", f"slug {slug!r} is already used by site {seen_slugs[slug]:02d}")
        seen_slugs[slug] = number

    required = course.completion.sites
    if required is not None and required > len(course.sites):
        file, line = at("course.completion")
        message = f"asks for {required} sites but the course has {len(course.sites)}"
        problems.error(file, line, "completion.sites", message)
    scored = [q for s in course.sites for q in s.questions if q.scored]
    if course.passing_score is not None and not scored:
        file, line = at("course.passing_score")
        message = "the course has no scored questions to pass; remove passing_score or add questions"
        problems.error(file, line, "passing_score", message)
    if course.completion.require is Requirement.DONE:
        for site in course.sites:
            if not site.questions and not site.reflections:
                file, line = where.get(site.slug, ("", 0))
                problems.warn(file, line, "", "has no questions or reflection, so it is done as soon as it is opened")
    if len(course.title) > MAX_TITLE:
        file, line = at("course.title")
        problems.warn(file, line, "title", f"is {len(course.title)} characters; LMSs show at most {MAX_TITLE}")
    interactions = sum(len(s.questions) + len(s.reflections) for s in course.sites)
    if interactions > MAX_INTERACTIONS:
        file, line = at("course.title")
        message = f"{interactions} questions and reflections; SCORM 2004 keeps at most {MAX_INTERACTIONS} interactions"
        problems.warn(file, 0, "", message)
    check_quiz_balance(course, lambda key: where.get(key, at("course.title")), at("course.title")[0], problems)
    file = at("course.title")[0]
    for fmt in formats or course.formats:  # what each chosen format cannot carry
        if fmt is Format.CMI5 and not is_absolute_iri(course.id):
            continue  # the id is reported already; each AU's id would repeat it
        for issue in FORMATS[fmt].course_issues(course, (options or {}).get(fmt)):
            (problems.warn if issue.warning else problems.error)(file, 0, issue.key, issue.message)
    return problems
