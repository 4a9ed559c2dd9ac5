"""`course.yaml`: the course's identity, language and rules."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from packager.load.reader import MapReader, Source, parse_yaml
from packager.load.stages import read_stages
from packager.load.variants import read_variants
from packager.model import Completion, Format, Language, Requirement, ScoMode, Scoring, Stage, Variant
from packager.paths import link_problem
from packager.problems import Problems

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 80  # the slug names the zips (`<slug>-scorm2004.zip`); file names end at 255 bytes
VERSION = re.compile(r"^\d+(\.\d+){0,2}([.-][0-9A-Za-z.-]+)?$")


@dataclass(frozen=True)
class CourseSettings:
    id: str
    slug: str
    title: str
    description: str
    language: Language
    version: str
    completion: Completion
    passing_score: int | None
    scoring: Scoring
    common_room_url: str | None
    formats: tuple[Format, ...]
    lines: dict[str, int]  # key → line, for checks made after loading
    variants: tuple[Variant, ...] = ()
    stages: tuple[Stage, ...] = ()
    stage_lines: tuple[int, ...] = ()  # the line of each stage's `first`
    sco_mode: ScoMode = ScoMode.SINGLE


def slugify(title: str) -> str:
    ascii_text = (
        unicodedata.normalize("NFKD", title.replace("ø", "o").replace("Ø", "O")
                              .replace("æ", "ae").replace("Æ", "Ae"))
        .encode("ascii", "ignore")
        .decode()
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "course"


def is_absolute_iri(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in ("urn", "tag")) and " " not in value


def read_course_file(text: str, file: str, problems: Problems, root: Path | None = None) -> CourseSettings | None:
    """`root`: the course folder, where files named in course.yaml (a variant's logo) are looked for."""
    source = Source(file)
    data = parse_yaml(text, source, problems)
    if data is None and not problems.errors:
        problems.error(file, 0, "", "is empty; expected at least id, title and language")
    reader = MapReader.of(data, source, problems) if data is not None else None
    if reader is None:
        return None

    course_id = reader.text("id", required=True)
    if course_id and not is_absolute_iri(course_id):
        reader.error("id", f"expected an absolute IRI such as https://example.no/kurs/navn, got {course_id!r}")
    title = reader.text("title", required=True)
    description = reader.text("description")
    language = Language(reader.choice("language", tuple(Language), Language.NB) or "nb")
    version = reader.text("version", default="1.0.0")
    if not VERSION.match(version):
        reader.error("version", f"expected a version such as 1.0.0, got {version!r}")

    completion = Completion()
    rules = reader.mapping("completion")
    if rules is not None:
        require = rules.choice("require", tuple(Requirement), Requirement.VISITED)
        sites_value = rules.raw("sites")
        sites: int | None = None
        if sites_value is not None and sites_value != "all":
            if isinstance(sites_value, bool) or not isinstance(sites_value, int) or sites_value < 1:
                rules.error("sites", f"expected all or a whole number of sites, got {sites_value!r}")
            else:
                sites = int(sites_value)
        rules.finish()
        completion = Completion(Requirement(require or "visited"), sites)

    passing: int | None = None
    if reader.has("passing_score"):
        passing = reader.integer("passing_score", low=1, high=100)
    scoring = Scoring(reader.choice("scoring", tuple(Scoring), Scoring.FIRST) or Scoring.FIRST)
    common_room = reader.text("common_room_url") or None
    problem = link_problem(common_room) if common_room else None
    if problem is not None:
        (reader.error if problem[0] else reader.warn)("common_room_url", problem[1])

    slug = slugify(title)
    formats: tuple[Format, ...] = tuple(Format)
    sco_mode = ScoMode.SINGLE
    output = reader.mapping("output")
    if output is not None:
        slug = output.text("slug", default=slug)
        if not SLUG.match(slug):
            output.error("slug", f"expected lower-case letters, digits and '-', got {slug!r}")
        elif len(slug) > MAX_SLUG:
            output.error("slug", f"is {len(slug)} characters; file names allow at most {MAX_SLUG}")
        names = output.texts("formats")
        if isinstance(output.data.get("formats"), list):
            formats, unknown = Format.parse(names)
            if unknown:
                output.error("formats", f"expected some of {', '.join(Format)}, got {', '.join(unknown)}")
            if not names:
                output.error("formats", f"expected at least one of {', '.join(Format)}")
        sco_mode = ScoMode(output.choice("sco_mode", tuple(ScoMode), ScoMode.SINGLE) or ScoMode.SINGLE)
        output.finish()
    if len(slug) > MAX_SLUG and (output is None or not output.has("slug")):  # made from the title
        reader.error("title", f"makes a {len(slug)}-character file name slug, more than {MAX_SLUG}; "
                     "set a shorter output.slug")
    variants = read_variants(reader, root)
    stages, stage_lines = read_stages(reader)
    reader.finish()

    return CourseSettings(
        id=course_id.rstrip("/"),
        slug=slug,
        title=title,
        description=description,
        language=language,
        version=version,
        completion=completion,
        passing_score=passing,
        scoring=scoring,
        common_room_url=common_room,
        formats=formats,
        lines={k: reader.line_of(k) for k in ("completion", "passing_score", "title", "variants")},
        variants=variants,
        stages=stages,
        stage_lines=stage_lines,
        sco_mode=sco_mode,
    )
