"""Loading: the fixture course becomes the model, and broken sources are reported
with the exact file, line and key a designer needs to fix them."""

from __future__ import annotations

from pathlib import Path

import pytest

from packager.build import check
from packager.load import load
from packager.model import QuestionType, QuizBlock, Scoring, TextBlock, VideoBlock
from tests.unit.helpers import course_copy, edit, line_of


def messages(source: Path) -> list[str]:
    return [str(p) for p in check(source).problems.sorted()]


def test_fixture_course_loads_into_the_model() -> None:
    loaded = load(Path(__file__).resolve().parents[1] / "fixtures" / "course")
    assert not loaded.problems.items
    course = loaded.course
    assert course is not None
    assert course.id == "https://example.no/kurs/min-forste-loype"
    assert [s.slug for s in course.sites] == ["forste-stopp", "andre-stopp", "tredje-stopp"]
    types = {q.type for s in course.sites for q in s.questions}
    assert types == set(QuestionType)
    first = course.sites[0]
    assert isinstance(first.blocks[0], TextBlock) and "**rasteplass**" in first.blocks[0].markdown
    video = course.sites[1].videos[0]
    assert isinstance(video, VideoBlock)
    assert (video.src, video.captions) == ("media/andre-stopp/video.mp4", "media/andre-stopp/video.vtt")
    quiz = next(b for b in course.sites[1].blocks if isinstance(b, QuizBlock))
    assert quiz.attempts == 2
    matching = quiz.questions[1]
    assert [(p.id, p.left) for p in matching.pairs][:2] == [("0", "Norge"), ("1", "Sverige")]
    single = first.questions[0]
    assert [(o.id, o.correct) for o in single.options] == [("a", True), ("b", False), ("c", False)]
    assert {a.target.as_posix() for a in course.assets} == {
        "media/andre-stopp/video.mp4", "media/andre-stopp/video.vtt", "media/tredje-stopp/trapp.svg"}


def test_unknown_key_in_course_yaml_names_line_and_key(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    edit(src / "course.yaml", "passing_score: 80", "pasing_score: 80")
    line = line_of(src / "course.yaml", "pasing_score")
    assert messages(src) == [
        f"{src.as_posix()}/course.yaml:{line}: pasing_score: unknown key; check its spelling (see docs/authoring.md)"
    ]


def test_scoring_defaults_to_first_and_takes_best(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    course = load(src).course
    assert course is not None and course.scoring is Scoring.BEST
    edit(src / "course.yaml", "scoring: best", "# scoring left out")
    course = load(src).course
    assert course is not None and course.scoring is Scoring.FIRST


@pytest.mark.parametrize("value", ["last", "true", "[first]"])
def test_unknown_scoring_names_line_and_key(tmp_path: Path, value: str) -> None:
    src = course_copy(tmp_path)
    edit(src / "course.yaml", "scoring: best", f"scoring: {value}")
    line = line_of(src / "course.yaml", "scoring:")
    found = messages(src)
    assert len(found) == 1 and found[0].startswith(
        f"{src.as_posix()}/course.yaml:{line}: scoring: expected one of first, best, got "), found


def test_wrong_type_in_front_matter(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    site = src / "sites/01-forste-stopp/site.md"
    edit(site, "minutes: 5", "minutes: fem")
    assert messages(src) == [f"{site.as_posix()}:{line_of(site, 'minutes')}: minutes: expected a whole number, got the text 'fem'"]


def test_missing_media_and_link_out_of_the_course(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    site = src / "sites/02-andre-stopp/site.md"
    edit(site, "captions: media/video.vtt", "captions: media/mangler.vtt")
    edit(site, "og en liste:", "og en [hemmelighet](../../../secret.txt):")
    (tmp_path / "secret.txt").write_text("x")
    found = messages(src)
    assert f"{site.as_posix()}:{line_of(site, 'mangler.vtt')}: video.captions: file 'media/mangler.vtt' " \
           f"does not exist (looked for {src.as_posix()}/sites/02-andre-stopp/media/mangler.vtt)" in found
    assert f"{site.as_posix()}:{line_of(site, 'hemmelighet')}: link: '../../../secret.txt' leaves the site's " \
           "folder; keep the file beside site.md, or put a shared file in the course's media/ folder and write /media/<name>" in found
    assert len(found) == 2


def test_bad_quiz_definitions_are_all_reported(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    quiz = src / "sites/01-forste-stopp/quiz.yaml"
    edit(quiz, "    - text: Grønn\n", "    - text: Grønn\n      correct: true\n")
    edit(quiz, "type: true-false", "type: sant-usant")
    found = messages(src)
    assert found == [
        f"{quiz.as_posix()}:{line_of(quiz, 'options:')}: [0].options: a single-choice question needs exactly one correct option, found 2",
        f"{quiz.as_posix()}:{line_of(quiz, 'type: sant-usant')}: [2].type: expected one of single, multiple, "
        "true-false, fill-in, matching, ordering, likert, got the text 'sant-usant'",
    ]


def test_inline_quiz_errors_point_into_site_md(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    site = src / "sites/02-andre-stopp/site.md"
    edit(site, "accept: [Oslo, Christiania]", "accept: []\n    colour: blue")
    found = messages(src)
    assert f"{site.as_posix()}:{line_of(site, 'accept: []')}: quiz.questions[0].accept: expected at least one accepted answer" in found
    assert f"{site.as_posix()}:{line_of(site, 'colour: blue')}: quiz.questions[0].colour: unknown key; check its spelling (see docs/authoring.md)" in found


def test_duplicate_ids_and_unclosed_blocks(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    site = src / "sites/01-forste-stopp/site.md"
    edit(site, "id: min-kommune", "id: velg-en")
    other = src / "sites/03-tredje-stopp/site.md"
    text = other.read_text(encoding="utf-8")
    other.write_text(text.rstrip().removesuffix(":::") + "\n", encoding="utf-8")
    found = messages(src)
    quiz = src / "sites/01-forste-stopp/quiz.yaml"
    assert f"{site.as_posix()}:{line_of(site, 'id: velg-en')}: id: 'velg-en' is already used at " \
           f"{quiz.as_posix()}:{line_of(quiz, 'id: velg-en')}; question and reflection ids must be unique in a site" in found
    assert f"{other.as_posix()}:{line_of(other, '::: sources')}: the '::: sources' block is never closed; expected a line ':::'" in found


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    edit(src / "course.yaml", "title: Min første læringsløype", "title: [oops")
    found = messages(src)
    assert len(found) == 1 and found[0].startswith(f"{src.as_posix()}/course.yaml:")
    assert "invalid YAML" in found[0]


@pytest.mark.parametrize("name", ["01-Første", "1-first"])
def test_bad_site_folder_names(tmp_path: Path, name: str) -> None:
    src = course_copy(tmp_path)
    (src / "sites/03-tredje-stopp").rename(src / "sites" / name)
    assert f"{src.as_posix()}/sites/{name}: site folders are named NN-slug, e.g. 01-first-site (lower-case ASCII)" in messages(src)


def test_gaps_in_site_numbers_and_too_many_required_sites(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    (src / "sites/03-tredje-stopp").rename(src / "sites/04-tredje-stopp")
    edit(src / "course.yaml", "sites: all", "sites: 5")
    found = messages(src)
    assert f"{src.as_posix()}/sites/04-tredje-stopp: sites are numbered 01, 02, ... without gaps; expected 03 here" in found
    assert f"{src.as_posix()}/course.yaml:{line_of(src / 'course.yaml', 'completion:')}: completion.sites: asks for 5 sites but the course has 3" in found


def test_video_without_captions_is_a_warning_not_an_error(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    site = src / "sites/02-andre-stopp/site.md"
    edit(site, "captions: media/video.vtt\n", "")
    result = check(src)
    assert result.ok
    assert [str(p) for p in result.problems.warnings] == [
        f"{site.as_posix()}:{line_of(site, 'src: media/video.mp4')}: warning: video.src: this video has no captions; add a WebVTT file with captions:"
    ]
