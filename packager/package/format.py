"""What an output format is: one object, defined in its own module, registered in one place.

Every other part of trail (the CLI's choices, build, preview, the renderer's
adapter, the runtime data, validation, the control files) asks a format object
instead of testing a format's name, so adding a format is one Python module
under `package/`, one adapter under `runtime/`, and one line in
`package/__init__.py` (see docs/architecture.md, "Adding a format").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from packager.files import Files
from packager.ids import IdScheme
from packager.model import Course, Format, ScoMode


@dataclass(frozen=True)
class Options:
    """A format's build options (none for most formats).

    A format with options subclasses this (frozen, with defaults) and names the
    subclass in `OutputFormat.options`; its writer receives an instance.
    """

    @classmethod
    def takes(cls, name: str) -> bool:
        """Whether this format has the option `name` (how the CLI's options find their formats)."""
        return name in {f.name for f in fields(cls)}

    def course(self, course: Course) -> Course:
        """The course as these options build it, which is what the format's checks judge."""
        return course


@dataclass(frozen=True)
class ScormOptions(Options):
    """SCORM's SCO mode; None: the course's `output.sco_mode` (itself `single` by default)."""

    sco_mode: ScoMode | None = None

    def mode(self, course: Course) -> ScoMode:
        return self.sco_mode or course.sco_mode

    def course(self, course: Course) -> Course:
        """`--sco-mode` over `output.sco_mode`: SCORM 1.2's state budget is per SCO in per-site mode."""
        return course if self.mode(course) is course.sco_mode else replace(course, sco_mode=self.mode(course))


@dataclass(frozen=True)
class ControlSet:
    """Third-party control files (official schemas) at the zip root, each only as its published original."""

    folder: str  # the subfolder of package/control/ and of a --control-files folder
    sha256: Mapping[str, str]  # file name → SHA-256 of the published original


@dataclass(frozen=True)
class CourseIssue:
    """Something a format cannot carry in this course, found before anything is built."""

    key: str  # the course.yaml key to change, e.g. "output.formats"
    message: str
    warning: bool = False


Writer = Callable[[Course, Files, Any], Files]  # (course, the learner app's files, Options) → the package's files
CourseCheck = Callable[[Course], list[CourseIssue]]
Launch = Callable[[Files], dict[str, Any]]  # a built package → what an LMS seeds before launching it


@dataclass(frozen=True)
class OutputFormat:
    name: Format
    title: str  # its name for people, e.g. in the preview's format menu
    summary: str  # one line for people: what LMS takes it
    control_file: str | None  # the control document `write` adds at the zip root; None: none
    write: Writer
    adapter: tuple[str, ...]  # packager/runtime/ files joined, in order, into trail/adapter.js
    ids: IdScheme  # objective and interaction ids in the runtime data
    checks: tuple[CourseCheck, ...] = ()  # run by `trail check` for a course that lists this format
    control_files: ControlSet | None = None
    launch: Launch | None = None  # how `trail preview` launches it; None: preview cannot run it
    xapi_vocabulary: bool = False  # the runtime data carries the xAPI vocabulary (packager/vocabulary.py)
    site_per_launch: bool = False  # each launch opens one site, `index.html?site=<slug>` (cmi5: an AU per site)
    finish_button: bool = True  # an LMS session the learner can end ("Finish and save"); not the web build
    options: type[Options] = field(default=Options)
    site_packages: bool = False  # builds `sco_mode: per-site-packages`: one zip per site (package/site_packages.py)

    def package(self, course: Course, files: Files, options: Options | None = None) -> Files:
        """The learner app's files plus this format's control document(s)."""
        chosen = options if options is not None else self.options()
        if type(chosen) is not self.options:
            raise TypeError(f"{self.name} takes {self.options.__name__}, not {type(chosen).__name__}")
        return self.write(course, files, chosen)

    def per_site_packages(self, course: Course, options: Options | None = None) -> bool:
        """Whether this build of the format is one zip per rest site (`sco_mode: per-site-packages`)."""
        chosen = options if options is not None else self.options()
        return (self.site_packages and isinstance(chosen, ScormOptions)
                and chosen.mode(course) is ScoMode.PER_SITE_PACKAGES)

    def capabilities(self) -> dict[str, bool]:
        """What the learner UI (trail.js) must know of the format: `capabilities` in the runtime data."""
        return {"sitePerLaunch": self.site_per_launch, "finish": self.finish_button}

    def course_issues(self, course: Course, options: Options | None = None) -> list[CourseIssue]:
        """What this format cannot carry of `course`, built with `options` (its defaults when None)."""
        built = (options if options is not None else self.options()).course(course)
        return [issue for check in self.checks for issue in check(built)]

    def __str__(self) -> str:
        return str(self.name)
