"""The course as frozen, typed data.

Everything downstream (render, package, archive) reads only these objects, so a
format adapter can never see a half-validated source file. No I/O lives here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePosixPath


class Format(StrEnum):
    WEB = "web"
    SCORM12 = "scorm12"
    SCORM2004 = "scorm2004"
    XAPI = "xapi"
    CMI5 = "cmi5"

    @classmethod
    def parse(cls, names: list[str]) -> tuple[tuple[Format, ...], list[str]]:
        """The formats named, and the names that are none (the one check of format names:
        course.yaml's output.formats and the CLI's --format both use it)."""
        known = {str(f): f for f in cls}
        return tuple(known[n] for n in names if n in known), [n for n in names if n not in known]


class Language(StrEnum):
    NB = "nb"
    NN = "nn"
    EN = "en"


class Requirement(StrEnum):
    """What a site needs before it counts toward course completion."""

    VISITED = "visited"
    DONE = "done"


class ScoMode(StrEnum):
    """How a SCORM package is cut into SCOs (course.yaml `output.sco_mode`, `trail build --sco-mode`)."""

    SINGLE = "single"  # one SCO holds the whole trail: the LMS sees one activity
    PER_SITE = "per-site"  # one SCO per rest site plus the map: per-site completion in the LMS's reports
    PER_SITE_PACKAGES = "per-site-packages"  # one single-SCO zip per rest site: for LMSs that take no multi-SCO zip


class Scoring(StrEnum):
    """Which try of a question counts toward the score when retries are allowed."""

    FIRST = "first"  # the first answer; later tries are for learning
    BEST = "best"  # the best try so far


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true-false"
    FILL_IN = "fill-in"
    MATCHING = "matching"
    ORDERING = "ordering"
    LIKERT = "likert"


@dataclass(frozen=True)
class Completion:
    require: Requirement = Requirement.VISITED
    sites: int | None = None  # None: all sites


@dataclass(frozen=True)
class Option:
    id: str  # short, stable, [a-z0-9]; used in interaction responses
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class Pair:
    id: str
    left: str
    right: str


@dataclass(frozen=True)
class Question:
    id: str  # unique within its site
    type: QuestionType
    prompt: str
    weight: int = 1
    options: tuple[Option, ...] = ()  # single, multiple, likert (scale points)
    answer: bool | None = None  # true-false
    accept: tuple[str, ...] = ()  # fill-in
    case_sensitive: bool = False  # fill-in
    pairs: tuple[Pair, ...] = ()  # matching
    items: tuple[Option, ...] = ()  # ordering, in the correct order
    correct_feedback: str = ""
    incorrect_feedback: str = ""

    @property
    def scored(self) -> bool:
        return self.type is not QuestionType.LIKERT


@dataclass(frozen=True)
class TextBlock:
    markdown: str
    kind: str = "text"


@dataclass(frozen=True)
class VideoBlock:
    title: str
    src: str | None  # package-relative path of a local file
    url: str | None  # external video page
    captions: str | None  # package-relative path of a WebVTT file
    transcript: str  # Markdown
    poster: str | None = None  # package-relative path of the still shown before playing; None: a drawn one
    kind: str = "video"


@dataclass(frozen=True)
class QuizBlock:
    questions: tuple[Question, ...]
    attempts: int = 0  # 0: unlimited retries
    kind: str = "quiz"


@dataclass(frozen=True)
class ReflectionBlock:
    id: str
    prompt: str  # Markdown
    kind: str = "reflection"


@dataclass(frozen=True)
class CalloutBlock:
    """A boxed note in the text, e.g. the key points of a site."""

    title: str
    markdown: str
    kind: str = "callout"


@dataclass(frozen=True)
class SourceRef:
    title: str
    url: str  # an absolute http(s) address, or "" (a printed book or article)
    publisher: str = ""


@dataclass(frozen=True)
class SourcesBlock:
    """The sources and further reading of a site, listed under one heading."""

    items: tuple[SourceRef, ...]
    kind: str = "sources"


Block = TextBlock | VideoBlock | QuizBlock | ReflectionBlock | CalloutBlock | SourcesBlock


@dataclass(frozen=True)
class MapPosition:
    x: float  # percent of the map width, 0..100
    y: float  # percent of the map height, 0..100


@dataclass(frozen=True)
class Site:
    number: int  # 1-based position on the trail
    slug: str  # from the folder name, ASCII
    title: str
    summary: str
    minutes: int
    position: MapPosition
    blocks: tuple[Block, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for b in self.blocks if isinstance(b, QuizBlock) for q in b.questions)

    @property
    def reflections(self) -> tuple[ReflectionBlock, ...]:
        return tuple(b for b in self.blocks if isinstance(b, ReflectionBlock))

    @property
    def videos(self) -> tuple[VideoBlock, ...]:
        return tuple(b for b in self.blocks if isinstance(b, VideoBlock))


@dataclass(frozen=True)
class Page:
    """A course page outside the trail: welcome, how it works, about."""

    slug: str
    title: str
    markdown: str


@dataclass(frozen=True)
class Asset:
    """A source file copied into every package at `target`."""

    source: str  # absolute path on disk, resolved by the loader
    target: PurePosixPath  # package-relative


@dataclass(frozen=True)
class Variant:
    """One municipality's copy of the course (`variants:` in course.yaml): the settings it changes.

    The same settings `trail configure` changes in a built package; None (or empty) keeps the course's.
    """

    name: str  # a slug: the build writes dist/<name>/
    id: str | None = None  # the course IRI its activities hang off, so each variant's statements are its own
    language: Language | None = None  # the learner UI's language
    common_room_url: str | None = None
    logo: str | None = None  # absolute path of an image in the course folder
    colours: tuple[tuple[str, str], ...] = ()  # theme colour name (trail.css custom property) → #rrggbb


@dataclass(frozen=True)
class Stage:
    """A stretch of the trail (`stages:` in course.yaml): a name, and the number of its first site.

    A stage runs to the next stage's first site; the map draws each in its own colour.
    """

    title: str
    first: int


@dataclass(frozen=True)
class Course:
    id: str  # an absolute IRI; every derived id hangs off it
    slug: str
    title: str
    description: str
    language: Language
    version: str
    completion: Completion
    passing_score: int | None  # percent, over the scored questions
    common_room_url: str | None
    formats: tuple[Format, ...]
    pages: tuple[Page, ...]
    sites: tuple[Site, ...]
    assets: tuple[Asset, ...] = field(default=())
    scoring: Scoring = Scoring.FIRST
    variants: tuple[Variant, ...] = ()
    stages: tuple[Stage, ...] = ()
    sco_mode: ScoMode = ScoMode.SINGLE

    @property
    def required_sites(self) -> int:
        return len(self.sites) if self.completion.sites is None else self.completion.sites
