"""Stage 4, package: the learner app's files → the files of one package format.

One module per format, each defining its `FORMAT` (a `format.OutputFormat`);
`FORMATS` below is the only place that lists them. Everything that differs
between formats is asked of these objects, never of a format's name.
"""

from __future__ import annotations

from packager.files import Files
from packager.model import Course, Format
from packager.package import cmi5, scorm12, scorm2004, web, xapi
from packager.package.format import Options, OutputFormat

FORMATS: dict[Format, OutputFormat] = {
    spec.name: spec for spec in (web.FORMAT, scorm12.FORMAT, scorm2004.FORMAT, xapi.FORMAT, cmi5.FORMAT)
}


def output_format(fmt: Format) -> OutputFormat:
    return FORMATS[fmt]


def previewable() -> tuple[Format, ...]:
    """The formats `trail preview`'s stand-in LMS can launch."""
    return tuple(name for name, spec in FORMATS.items() if spec.launch is not None)


def with_option(name: str, value: object) -> dict[Format, Options]:
    """Build options setting `name` for every format that has it (`trail build --sco-mode`)."""
    return {fmt: spec.options(**{name: value}) for fmt, spec in FORMATS.items() if spec.options.takes(name)}


def package(fmt: Format, course: Course, files: Files, options: Options | None = None) -> Files:
    return FORMATS[fmt].package(course, files, options)
