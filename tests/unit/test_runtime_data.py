"""The course data the learner runtime reads (packager/runtime_data.py): ids per format, one walk."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from packager.model import Course, Format, QuizBlock, ReflectionBlock, TextBlock
from packager.runtime_data import (
    CHOICE_LISTS,
    TRACKER_KEYS,
    course_data,
    expand,
    outline,
    read_site_script,
    runtime_data,
    script_json,
    site_payload,
    site_script,
    with_site,
)
from tests.unit.helpers import fixture_course

CMI_IDENTIFIER = re.compile(r"^[A-Za-z0-9_-]{1,255}$")


@pytest.fixture(scope="module")
def course() -> Course:
    return fixture_course()


def test_scorm12_ids_are_cmi_identifiers_the_lms_accepts(course: Course) -> None:
    data = runtime_data(course, Format.SCORM12)
    for site in data["sites"]:
        assert CMI_IDENTIFIER.match(site["objective"]), site["objective"]
        for item in site["questions"] + site["reflections"]:
            assert CMI_IDENTIFIER.match(item["iid"]) and item["iid"].startswith(site["objective"] + "_")


def test_scorm2004_reports_short_urns_and_the_site_objectives(course: Course) -> None:
    """Every commit carries every interaction: a short URN keeps the LMS's data under a beacon's 64 KiB."""
    for site in runtime_data(course, Format.SCORM2004)["sites"]:
        assert site["objective"] == site["id"] == f"{course.id}/sites/{site['slug']}"
        for item in site["questions"] + site["reflections"]:
            assert item["iid"] == f"urn:trail:{site['slug']}:{item['id']}"
        for q in site["questions"]:
            assert q["activity"] == f"{site['id']}/questions/{q['id']}"


@pytest.mark.parametrize("fmt", [Format.XAPI, Format.CMI5, Format.WEB])
def test_the_other_formats_report_the_activity_iris(course: Course, fmt: Format) -> None:
    for site in runtime_data(course, fmt)["sites"]:
        assert site["objective"] == site["id"] == f"{course.id}/sites/{site['slug']}"
        for q in site["questions"]:
            assert q["iid"] == q["activity"] == f"{site['id']}/questions/{q['id']}"
        for r in site["reflections"]:
            assert r["iid"] == f"{site['id']}/reflections/{r['id']}"


def test_only_the_lrs_formats_carry_the_xapi_vocabulary(course: Course) -> None:
    assert {f for f in Format if "vocabulary" in runtime_data(course, f)} == {Format.XAPI, Format.CMI5}


def test_the_learner_ui_learns_what_the_format_can_do_not_its_name(course: Course) -> None:
    caps = {f: runtime_data(course, f)["capabilities"] for f in Format}
    assert {f for f, c in caps.items() if c["sitePerLaunch"]} == {Format.CMI5}  # an AU per site
    assert {f for f, c in caps.items() if not c["finish"]} == {Format.WEB}  # no LMS session to end


def test_each_block_carries_exactly_its_part_of_the_data(course: Course) -> None:
    """However blocks are ordered (a quiz after a reflection, two quizzes), each block's data is its own."""
    site = course.sites[0]
    quiz = next(b for b in site.blocks if isinstance(b, QuizBlock))
    first, rest = QuizBlock(quiz.questions[:1]), QuizBlock(quiz.questions[1:], attempts=2)
    reordered = replace(site, blocks=(rest, ReflectionBlock("etter", "Hva tenker du?"), TextBlock("Tekst"), first))
    data = course_data(replace(course, sites=(reordered, *course.sites[1:])), Format.SCORM2004)
    blocks = data.blocks[0]
    assert [q["id"] for q in blocks[0].questions] == [q.id for q in quiz.questions[1:]]
    assert [q["attempts"] for q in blocks[0].questions] == [2] * len(quiz.questions[1:])
    assert blocks[1].reflection is not None and blocks[1].reflection["id"] == "etter"
    assert blocks[2].questions == () and blocks[2].reflection is None
    assert [q["id"] for q in blocks[3].questions] == [quiz.questions[0].id]
    entry = data.json["sites"][0]
    assert entry["questions"] == [*blocks[0].questions, *blocks[3].questions]  # block order, as the runtime walks
    assert entry["reflections"] == [blocks[1].reflection]


def test_the_data_cannot_close_its_script_element() -> None:
    text = str(script_json({"text": "</script><!-- & \u2028"}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text


@pytest.mark.parametrize("fmt", list(Format))
def test_the_outline_and_each_site_file_make_the_whole_data_and_nothing_twice(course: Course, fmt: Format) -> None:
    data = runtime_data(course, fmt)
    small = outline(data)
    for full, entry in zip(data["sites"], small["sites"], strict=True):
        payload = read_site_script(site_script(site_payload(full), "<section>'\\\n</section>"))
        assert with_site(entry, payload) == full  # what the runtime has once the site is loaded
        for q in entry["questions"]:  # the first view carries no question text
            assert "text" not in q and all(set(o) == {"id"} for k in CHOICE_LISTS for o in q.get(k, ()))
        assert all("text" not in r for r in entry["reflections"])
        assert expand(entry) == {**full, "questions": [{k: v for k, v in q.items() if k in TRACKER_KEYS or k in CHOICE_LISTS}
                                                       | {k: [{"id": o["id"]} for o in q[k]] for k in CHOICE_LISTS if k in q}
                                                       for q in full["questions"]],
                                 "reflections": [{"id": r["id"], "iid": r["iid"]} for r in full["reflections"]],
                                 "videos": [{"id": v["id"]} for v in full["videos"]]}
        texts = {json.dumps(v, ensure_ascii=False) for q in payload["questions"] for k, v in q.items() if k != "id"}
        assert not texts & {json.dumps(v, ensure_ascii=False) for q in entry["questions"] for v in q.values()}


def test_a_site_files_markup_reads_back_as_written_whatever_it_holds() -> None:
    """The markup is a single-quoted JavaScript string: quotes, backslashes, line ends and the two
    separators JavaScript once took as line ends come back as they were (read here as a JS engine would)."""
    import re

    markup = "<p class=\"x\">It's \\ a\nb\r\nc\u2028d\u2029e ø</p>"
    script = site_script({"slug": "s"}, markup).decode()
    literal = script.split(",\n'", 1)[1].rsplit("');\n", 1)[0]
    assert "\n" not in literal and "\u2028" not in literal and re.search(r"(?<!\\)'", literal) is None
    unescape = {"\\": "\\", "'": "'", "n": "\n", "r": "\r", "u2028": "\u2028", "u2029": "\u2029"}
    assert re.sub(r"\\(u2028|u2029|.)", lambda m: unescape[m.group(1)], literal) == markup
