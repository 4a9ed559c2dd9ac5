"""Every identifier the packages carry, derived from the course id.

The same course gives the same ids on every build (uuid5, never uuid4), so an
LMS that imports a new version recognises the old course, and an LRS analyst
can join statements across versions. Spec IRIs live in `vocabulary.py`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from packager.model import Course, Question, Site


def course_uuid(course: Course) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, course.id)


def manifest_identifier(course: Course) -> str:
    return f"trail-{course_uuid(course)}"


def site_package_identifier(course: Course, site: Site) -> str:
    """The manifest identifier of one site's own package (`sco_mode: per-site-packages`): each of the
    course's packages is another package to the LMS, and the same one again in the next build."""
    return f"trail-{uuid.uuid5(course_uuid(course), f'site/{site.slug}')}"


def site_iri(course: Course, site: Site) -> str:
    return f"{course.id}/sites/{site.slug}"


def question_iri(course: Course, site: Site, question: Question) -> str:
    return f"{site_iri(course, site)}/questions/{question.id}"


def reflection_iri(course: Course, site: Site, reflection_id: str) -> str:
    return f"{site_iri(course, site)}/reflections/{reflection_id}"


def video_iri(course: Course, site: Site, index: int) -> str:
    return f"{site_iri(course, site)}/videos/{index}"


def scorm12_objective(site: Site) -> str:
    """CMIIdentifier: letters, digits, '-' and '_' only."""
    return f"s{site.number:02d}"


def scorm12_interaction(site: Site, local_id: str) -> str:
    return f"{scorm12_objective(site)}_{local_id}"


@dataclass(frozen=True)
class IdScheme:
    """How a format names a site's objective and its interactions in the runtime data.

    SCORM 1.2 needs short CMIIdentifiers; the other standards take the activity IRIs.
    """

    name: str
    objective: Callable[[Course, Site], str]
    question: Callable[[Course, Site, Question], str]
    reflection: Callable[[Course, Site, str], str]


IRI_IDS = IdScheme("iri", site_iri, question_iri, reflection_iri)
CMI_IDENTIFIER_IDS = IdScheme(
    "cmi-identifier",
    objective=lambda _course, site: scorm12_objective(site),
    question=lambda _course, site, question: scorm12_interaction(site, question.id),
    reflection=lambda _course, site, local_id: scorm12_interaction(site, local_id),
)


def scorm2004_interaction(site: Site, local_id: str) -> str:
    """A short URN (a long_identifier_type is a URI): LMS players send every interaction with
    every commit, and the activity IRI would take over 100 bytes of that budget per record."""
    return f"urn:trail:{site.slug}:{local_id}"


URN_IDS = IdScheme(
    "urn",
    objective=site_iri,  # the manifest's objectives
    question=lambda _course, site, question: scorm2004_interaction(site, question.id),
    reflection=lambda _course, site, local_id: scorm2004_interaction(site, local_id),
)
