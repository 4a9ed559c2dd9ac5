"""Stage 4, package: the learner app's files → the files of one package format.

One module per format; each adds its control document (manifest) to the
shared files. `PACKAGERS` is the only place that lists them.
"""

from __future__ import annotations

from collections.abc import Callable

from packager.model import Course, Format
from packager.package import cmi5, scorm12, scorm2004, web, xapi
from packager.render import Files

Packager = Callable[[Course, Files], Files]

PACKAGERS: dict[Format, Packager] = {
    Format.WEB: web.package,
    Format.SCORM12: scorm12.package,
    Format.SCORM2004: scorm2004.package,
    Format.XAPI: xapi.package,
    Format.CMI5: cmi5.package,
}


def package(fmt: Format, course: Course, files: Files) -> Files:
    return PACKAGERS[fmt](course, files)
