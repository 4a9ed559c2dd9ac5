"""Where a referenced file lands in a package (packager/paths.py): the loader and the renderer agree."""

from __future__ import annotations

import pytest

from packager.paths import is_local, leaves_its_folder, link_problem, package_target, unsafe_name_part


def test_site_media_go_under_the_site_and_shared_media_under_shared() -> None:
    assert package_target("forste-stopp", "media/video.mp4").as_posix() == "media/forste-stopp/video.mp4"
    assert package_target("forste-stopp", "bilde.png").as_posix() == "media/forste-stopp/bilde.png"
    assert package_target("forste-stopp", "/media/logo.svg").as_posix() == "media/shared/logo.svg"


@pytest.mark.parametrize("ref", ["../02-andre/media/x.mp4", "/media/../course.yaml", "../../etc/passwd"])
def test_a_reference_out_of_its_folder_is_caught(ref: str) -> None:
    assert leaves_its_folder(ref)


def test_a_reference_inside_its_folder_is_fine() -> None:
    assert not leaves_its_folder("media/./video.mp4") and not leaves_its_folder("/media/bilder/a.png")


def test_web_addresses_and_anchors_are_not_course_files() -> None:
    assert [is_local(r) for r in ("media/a.png", "https://nav.no", "#topp", "mailto:a@b.no")] == [
        True, False, False, False]


def test_a_file_name_no_lms_keeps_is_named() -> None:
    assert unsafe_name_part("media/Mitt Bilde.png") == "Mitt Bilde.png"
    assert unsafe_name_part("media/mitt-bilde.png") is None


def test_links_a_learner_follows_must_be_safe() -> None:
    assert link_problem("https://www.husbanken.no") is None
    http = link_problem("http://www.husbanken.no")
    assert http is not None and http[0] is False  # a warning: mixed content
    script = link_problem("javascript:alert(1)")
    assert script is not None and script[0] is True
