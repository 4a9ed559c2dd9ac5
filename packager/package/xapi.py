"""xAPI (Tin Can): `tincan.xml` at the zip root with exactly one launchable activity;
the course, its sites, videos and questions are listed so an LMS can name them in reports.

The endpoint, credentials and actor come only from the launch URL; nothing in
the package names an LRS.
"""

from __future__ import annotations

from lxml import etree

from packager import ids
from packager.files import Files
from packager.model import Course, Format
from packager.package.format import Options, OutputFormat
from packager.package.launch import xapi_launch
from packager.package.xml import serialize, sub
from packager.text import plain
from packager.vocabulary import ACTIVITY_COURSE, ACTIVITY_INTERACTION, ACTIVITY_MODULE, ACTIVITY_VIDEO

TINCAN = "http://projecttincan.com/tincan.xsd"


def manifest(course: Course) -> bytes:
    q = f"{{{TINCAN}}}"
    lang = str(course.language)
    root = etree.Element(f"{q}tincan", nsmap={None: TINCAN})
    activities = sub(root, f"{q}activities")

    def activity(iri: str, kind: str, name: str, description: str) -> etree._Element:
        element = sub(activities, f"{q}activity", id=iri, type=kind)
        sub(element, f"{q}name", name, lang=lang)
        sub(element, f"{q}description", description or name, lang=lang)
        return element

    course_activity = activity(course.id, ACTIVITY_COURSE, course.title, course.description)
    sub(course_activity, f"{q}launch", "index.html", lang=lang)
    for site in course.sites:
        activity(ids.site_iri(course, site), ACTIVITY_MODULE, site.title, site.summary)
        for index, video in enumerate(site.videos, 1):
            activity(ids.video_iri(course, site, index), ACTIVITY_VIDEO, video.title, video.title)
        for question in site.questions:
            activity(ids.question_iri(course, site, question), ACTIVITY_INTERACTION,
                     plain(question.prompt)[:250], plain(question.prompt))
    return serialize(root)


def package(course: Course, files: Files, _options: Options | None = None) -> Files:
    out = dict(files)
    out["tincan.xml"] = manifest(course)
    return out


FORMAT = OutputFormat(
    name=Format.XAPI,
    title="xAPI (Tin Can)",
    summary="LMSs that launch Tin Can / xAPI content",
    control_file="tincan.xml",
    write=package,
    adapter=("lrs.js", "adapter-xapi.js"),
    ids=ids.IRI_IDS,
    xapi_vocabulary=True,
    launch=xapi_launch,
)
