"""cmi5: `cmi5.xml` at the zip root, one AU per rest site.

Each AU opens the same app with `?site=<slug>`; the query never uses the five
names cmi5 reserves for the LMS (endpoint, fetch, actor, registration,
activityId), and every id is an absolute IRI derived from the course id.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from packager import ids
from packager.files import Files
from packager.model import Course, Format, Site
from packager.package.format import CourseIssue, Options, OutputFormat
from packager.package.launch import cmi5_launch
from packager.package.rules import ManifestRuleError
from packager.package.xml import XSI, serialize, sub
from packager.vocabulary import CMI5_LAUNCH_PARAMETERS

CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
RESERVED = set(CMI5_LAUNCH_PARAMETERS)


def au_url(site: Site) -> str:
    return f"index.html?site={site.slug}"


def move_on(course: Course, site: Site) -> tuple[str, str | None]:
    """moveOn and masteryScore of a site's AU, from the course's rules."""
    scored = any(q.scored for q in site.questions)
    if course.passing_score is not None and scored:
        mastery = f"{course.passing_score / 100:.4f}".rstrip("0").rstrip(".")
        return "CompletedAndPassed", mastery
    return "Completed", None  # completed means visited or done, by the course's rule


def manifest(course: Course) -> bytes:
    q = f"{{{CMI5}}}"
    lang = str(course.language)
    root = etree.Element(f"{q}courseStructure", nsmap={None: CMI5, "xsi": XSI})

    def langstrings(parent: etree._Element, tag: str, text: str) -> None:
        holder = sub(parent, f"{q}{tag}")
        sub(holder, f"{q}langstring", text, lang=lang)

    course_el = sub(root, f"{q}course", id=course.id)
    langstrings(course_el, "title", course.title)
    langstrings(course_el, "description", course.description or course.title)
    for site in course.sites:
        moves, mastery = move_on(course, site)
        attrs = {"id": ids.site_iri(course, site), "moveOn": moves, "launchMethod": "AnyWindow"}
        if mastery is not None:
            attrs["masteryScore"] = mastery
        au = sub(root, f"{q}au", **attrs)
        langstrings(au, "title", site.title)
        langstrings(au, "description", site.summary)
        sub(au, f"{q}url", au_url(site))
    return serialize(root)


def structure_problems(data: bytes, files: set[str]) -> list[str]:
    """The course-structure checks the XSD misses (CATAPULT 3.0.0.0-1, 8.1.0.0-6, 13.1.4.0-1, 14.1.0.0-4)."""
    root = etree.fromstring(data)
    elements = list(root.iter(f"{{{CMI5}}}course", f"{{{CMI5}}}au", f"{{{CMI5}}}block"))
    return (_id_problems([e.get("id", "") for e in elements], [e.get("masteryScore") for e in elements])
            + _url_problems([url.text or "" for url in root.iter(f"{{{CMI5}}}url")], files))


def _id_problems(iris: list[str], masteries: list[str | None]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for iri, mastery in zip(iris, masteries, strict=True):
        parts = urlsplit(iri)
        if not parts.scheme or " " in iri:
            out.append(f"id {iri!r} is not an absolute IRI")
        if iri in seen:
            out.append(f"id {iri!r} is used twice")
        seen.add(iri)
        if mastery is not None and len(mastery.partition(".")[2]) > 4:
            out.append(f"masteryScore {mastery} has more than 4 decimals")
    return out


def _url_problems(urls: list[str], files: set[str]) -> list[str]:
    out: list[str] = []
    for url in urls:
        parts = urlsplit(url)
        clash = RESERVED & {k for k, _ in parse_qsl(parts.query)}
        if clash:
            out.append(f"AU url {url!r} uses reserved query names {sorted(clash)}")
        if not parts.scheme and parts.path not in files:
            out.append(f"AU url {url!r} names a file that is not in the package")
    return out


def course_problems(course: Course) -> list[CourseIssue]:
    """The course-structure checks before anything is built (for `trail check`), on the ids and
    urls the manifest will carry, without writing it: every AU opens index.html, which every package has."""
    iris = [course.id] + [ids.site_iri(course, site) for site in course.sites]
    masteries = [None] + [move_on(course, site)[1] for site in course.sites]
    messages = _id_problems(iris, masteries) + _url_problems([au_url(site) for site in course.sites], {"index.html"})
    return [CourseIssue("cmi5.xml", message) for message in messages]


def package(course: Course, files: Files, _options: Options | None = None) -> Files:
    out = dict(files)
    data = manifest(course)
    problems = structure_problems(data, set(files))
    if problems:
        raise ManifestRuleError(problems)
    out["cmi5.xml"] = data
    return out


FORMAT = OutputFormat(
    name=Format.CMI5,
    title="cmi5",
    summary="cmi5 LMSs, one AU per rest site",
    control_file="cmi5.xml",
    write=package,
    adapter=("lrs.js", "adapter-cmi5.js"),
    ids=ids.IRI_IDS,
    checks=(course_problems,),
    xapi_vocabulary=True,
    site_per_launch=True,
    launch=cmi5_launch,
)
