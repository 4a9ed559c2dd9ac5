"""The standalone web build: the learner app as it is, tracking into localStorage."""

from __future__ import annotations

from packager.files import Files
from packager.ids import IRI_IDS
from packager.model import Course, Format
from packager.package.format import Options, OutputFormat
from packager.package.launch import default_launch


def package(course: Course, files: Files, _options: Options | None = None) -> Files:
    return dict(files)


FORMAT = OutputFormat(
    name=Format.WEB,
    title="Web (no LMS)",
    summary="any web server; progress kept in the browser",
    control_file=None,
    write=package,
    adapter=("adapter-web.js",),
    ids=IRI_IDS,
    launch=default_launch,
    finish_button=False,
)
