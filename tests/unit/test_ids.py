"""Every id the packages carry (packager/ids.py): stable across builds, derived from the course id."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace

import pytest

from packager import ids
from packager.model import Course
from tests.unit.helpers import fixture_course


@pytest.fixture(scope="module")
def course() -> Course:
    return fixture_course()


def test_a_new_version_of_the_course_keeps_its_manifest_identifier(course: Course) -> None:
    """An LMS recognises an updated package as the same course only by this identifier."""
    newer = replace(course, version="2.0.0", title="Ny tittel")
    assert ids.manifest_identifier(newer) == ids.manifest_identifier(course)
    assert ids.manifest_identifier(course) == f"trail-{uuid.uuid5(uuid.NAMESPACE_URL, course.id)}"
    assert ids.manifest_identifier(replace(course, id=course.id + "-2")) != ids.manifest_identifier(course)


def test_activity_iris_hang_off_the_course_id(course: Course) -> None:
    site = course.sites[0]
    question = site.questions[0]
    assert ids.site_iri(course, site) == f"{course.id}/sites/{site.slug}"
    assert ids.question_iri(course, site, question) == f"{course.id}/sites/{site.slug}/questions/{question.id}"
    assert ids.reflection_iri(course, site, "r") == f"{course.id}/sites/{site.slug}/reflections/r"
    assert ids.video_iri(course, site, 1) == f"{course.id}/sites/{site.slug}/videos/1"


def test_scorm12_ids_are_short_cmi_identifiers_unique_per_site(course: Course) -> None:
    scheme = ids.CMI_IDENTIFIER_IDS
    seen: set[str] = set()
    for site in course.sites:
        objective = scheme.objective(course, site)
        assert re.fullmatch(r"s\d{2,}", objective)
        for question in site.questions:
            iid = scheme.question(course, site, question)
            assert re.fullmatch(r"[A-Za-z0-9_-]{1,255}", iid) and iid not in seen
            seen.add(iid)


def test_the_iri_scheme_reports_the_activity_iris(course: Course) -> None:
    site = course.sites[0]
    assert ids.IRI_IDS.objective(course, site) == ids.site_iri(course, site)
    assert ids.IRI_IDS.question(course, site, site.questions[0]) == ids.question_iri(course, site, site.questions[0])
    assert ids.IRI_IDS.reflection(course, site, "r") == ids.reflection_iri(course, site, "r")
