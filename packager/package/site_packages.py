"""`sco_mode: per-site-packages`: one single-SCO package per rest site.

Why: some LMSs take no multi-SCO package (or handle one badly, `lms-pitfalls` §2),
yet their admins want a completion per rest site in the LMS's reports. Then each
site becomes its own course activity: a complete, self-contained zip holding that
site only (its text, questions, reflections and media, the shared media, the map
and the pages), one SCO whose status, score and state are that site's alone.

A site's package is the course cut down to that site (`site_course`), built by the
same render and package stages as the whole course, so it keeps the site's number,
ids and stage; the renderer draws the other sites on the map as places found on
the LMS's course page. Where the zips go (`zip_name`):

    <out>/<course>-<format>-sites/<course>-<format>-<nn>-<site>.zip

numbered in trail order, so an admin's file list is the trail's order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from packager import ids
from packager.model import Completion, Course, Format, ScoMode, Site, Stage


@dataclass(frozen=True)
class Part:
    """One zip of a format's build: its path in the output folder and the course it carries."""

    name: str
    course: Course
    site: Site | None = None  # the one site of a site package; None: the whole course


def folder(course: Course, fmt: Format) -> str:
    return f"{course.slug}-{fmt}-sites"


def zip_name(course: Course, fmt: Format, site: Site) -> str:
    return f"{folder(course, fmt)}/{course.slug}-{fmt}-{site.number:02d}-{site.slug}.zip"


def title(course: Course, site: Site) -> str:
    """The package's title in the LMS's course list: the course, the site's number and title."""
    return f"{course.title} – {site.number:02d} {site.title}"


def identity(course: Course, mode: ScoMode) -> tuple[str, str, Site | None]:
    """A SCORM manifest's identifier and title, and the one site of a site's own package (None for the
    course's package): each site package is another package to the LMS, named by its site."""
    if mode is ScoMode.PER_SITE_PACKAGES and len(course.sites) == 1:
        site = course.sites[0]
        return ids.site_package_identifier(course, site), title(course, site), site
    return ids.manifest_identifier(course), course.title, None


def site_course(course: Course, site: Site) -> Course:
    """The course as one site's package carries it: that site, the media it uses (and the shared
    and page media), completed when that site counts by the course's `require` rule."""
    others = {s.slug for s in course.sites if s.slug != site.slug}
    assets = tuple(a for a in course.assets
                   if not (len(a.target.parts) > 2 and a.target.parts[0] == "media" and a.target.parts[1] in others))
    stage = [s for s in course.stages if s.first <= site.number][-1:]
    return replace(course, sites=(site,), assets=assets, completion=Completion(course.completion.require, None),
                   stages=tuple(Stage(s.title, site.number) for s in stage), sco_mode=ScoMode.PER_SITE_PACKAGES)


def parts(course: Course, fmt: Format, per_site: bool) -> list[Part]:
    """The zips of one format: one per site with `per_site` (`sco_mode: per-site-packages`), else one."""
    if not per_site:
        return [Part(f"{course.slug}-{fmt}.zip", course)]
    return [Part(zip_name(course, fmt, site), site_course(course, site), site) for site in course.sites]
