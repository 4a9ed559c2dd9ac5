"""The standalone web build: the learner app as it is, tracking into localStorage."""

from __future__ import annotations

from packager.model import Course
from packager.render import Files


def package(course: Course, files: Files) -> Files:
    return dict(files)
