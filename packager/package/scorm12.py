"""SCORM 1.2: one SCO (or one per site), `imsmanifest.xml` at the zip root.

`sco_mode: per-site` lists the map and every rest site as items of their own,
each launching the same `index.html` with the parameters SCORM 2004's per-site
package uses (`?sco=map`, `?site=<slug>`), so an LMS reports each site's status
and score. SCORM 1.2 has no shared data and no navigation requests: each site's
SCO keeps only its own site's state (the runtime shows the other sites as this
browser remembers them), so the 4096-character budget is per site.
"""

from __future__ import annotations

from lxml import etree

from packager import ids
from packager.budget import SCORM12_STATE_LIMIT, answers_state_chars, largest_site, questions_to_remove
from packager.files import Files
from packager.model import Course, Format, ScoMode
from packager.package import control_files, site_packages
from packager.package.format import CourseIssue, OutputFormat, ScormOptions
from packager.package.launch import scorm12_launch
from packager.package.rules import with_manifest
from packager.package.scorm2004_sites import MAP_ITEM, item_id, points
from packager.package.xml import XSI, schema_location, sco_resource, scorm_metadata, serialize, sub

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
SCHEMAS = [(CP, "imscp_rootv1p1p2.xsd"), (IMSMD, "imsmd_rootv1p2p1.xsd"), (ADLCP, "adlcp_rootv1p2.xsd")]
ORG, ITEM, RESOURCE = "org-1", "item-1", "sco-1"


def manifest(course: Course, files: list[str], mode: ScoMode = ScoMode.SINGLE) -> bytes:
    """The manifest; `per-site-packages`: of one site's own package (the course cut to that site), one SCO
    under that package's identifier and title, with a mastery score only if the site has scored questions."""
    q = f"{{{CP}}}"
    identifier, title, one = site_packages.identity(course, mode)
    root = etree.Element(
        f"{q}manifest", nsmap={None: CP, "adlcp": ADLCP, "xsi": XSI},
        identifier=identifier, version=course.version,
    )
    root.set(f"{{{XSI}}}schemaLocation", schema_location(SCHEMAS))
    scorm_metadata(root, CP, "1.2")
    orgs = sub(root, f"{q}organizations", default=ORG)
    org = sub(orgs, f"{q}organization", identifier=ORG)
    sub(org, f"{q}title", title)
    if one is not None:
        _item(org, ITEM, title, course.passing_score if points(one) else None, f"?site={one.slug}")
    elif mode is ScoMode.PER_SITE:
        _item(org, MAP_ITEM, course.title, None, "?sco=map")  # records a visit only: no mastery score
        for site in course.sites:  # a mastery score only where a score can come from
            _item(org, item_id(site), site.title, course.passing_score if points(site) else None, f"?site={site.slug}")
    else:
        _item(org, ITEM, course.title, course.passing_score)
    sco_resource(root, CP, RESOURCE, f"{{{ADLCP}}}scormtype", files)
    return serialize(root)


def _item(org: etree._Element, identifier: str, title: str, mastery: int | None, parameters: str | None = None) -> None:
    item = sub(org, f"{{{CP}}}item", identifier=identifier, identifierref=RESOURCE, isvisible="true")
    if parameters:
        item.set("parameters", parameters)
    sub(item, f"{{{CP}}}title", title)
    if mastery is not None:
        # Equal to the content's own rule, so Moodle's mastery override agrees with us.
        sub(item, f"{{{ADLCP}}}masteryscore", str(mastery))


def package(course: Course, files: Files, options: ScormOptions | None = None) -> Files:
    mode = (options or ScormOptions()).mode(course)
    return with_manifest(files, manifest(course, sorted(files), mode), "1.2")


def state_budget(course: Course) -> list[CourseIssue]:
    """Answers must always fit 1.2's suspend_data (per SCO); reflections may overflow to the browser."""
    if course.sco_mode in (ScoMode.PER_SITE, ScoMode.PER_SITE_PACKAGES):  # a SCO (or a package) per site
        return _site_budget(course)
    need = answers_state_chars(course)
    if need > SCORM12_STATE_LIMIT:
        remove, total = questions_to_remove(course), sum(len(site.questions) for site in course.sites)
        over = need - SCORM12_STATE_LIMIT
        site, site_need = largest_site(course)
        per_site = (f"build it with sco_mode: per-site (output.sco_mode, or trail build --sco-mode per-site), where "
                    f"each rest site's SCO keeps only its own answers (at most {site_need} characters, "
                    f"site {site.slug!r}); or " if site_need <= SCORM12_STATE_LIMIT else "")
        return [CourseIssue("output.formats", f"a learner's answers can need {need} characters of state, {over} more "
                            f"than SCORM 1.2's {SCORM12_STATE_LIMIT} in one SCO; for a SCORM 1.2 package {per_site}"
                            f"remove at least {remove} of the {total} questions (fill-in questions cost the most, then "
                            "long lists), or leave scorm12 out of output.formats (or build --format without it): "
                            "the other formats keep far more state")]
    return _reflections_warning(course, need)


def _site_budget(course: Course) -> list[CourseIssue]:
    site, need = largest_site(course)
    if need > SCORM12_STATE_LIMIT:
        remove = questions_to_remove(course, [site])
        return [CourseIssue("output.formats", f"a learner's answers in rest site {site.slug!r} can need {need} "
                            f"characters of state, {need - SCORM12_STATE_LIMIT} more than SCORM 1.2's "
                            f"{SCORM12_STATE_LIMIT} for its SCO; remove at least {remove} of its "
                            f"{len(site.questions)} questions (or move them to another site), or leave scorm12 out "
                            "of output.formats: the other formats keep far more state")]
    return _reflections_warning(course, need)


def _reflections_warning(course: Course, need: int) -> list[CourseIssue]:
    if need > SCORM12_STATE_LIMIT // 2 and any(s.reflections for s in course.sites):
        return [CourseIssue("output.formats", f"answers can need {need} of SCORM 1.2's {SCORM12_STATE_LIMIT} "
                            "characters of state, so long reflections may be kept in the learner's browser only",
                            warning=True)]
    return []


FORMAT = OutputFormat(
    name=Format.SCORM12,
    title="SCORM 1.2",
    summary="LMSs that speak SCORM 1.2 (Moodle, itslearning, ...)",
    control_file="imsmanifest.xml",
    write=package,
    adapter=("scorm.js", "adapter-scorm12.js"),
    ids=ids.CMI_IDENTIFIER_IDS,
    checks=(state_budget,),
    control_files=control_files.SCORM12,
    launch=scorm12_launch,
    options=ScormOptions,
    site_packages=True,
)
