"""The trail map's geometry (packager/trail_map.py): where a learner sees each site and the path between them."""

from __future__ import annotations

import re
from pathlib import Path

from packager.build import check
from packager.model import MapPosition
from packager.trail_map import MAP_HEIGHT, MAP_WIDTH, Label, map_point, marker_labels, trail_path, wrap_title

SOURCE = Path(__file__).resolve().parents[2] / "course_source"


def test_a_site_is_placed_inside_the_map_margin() -> None:
    assert map_point(MapPosition(0, 0)) == (40, 40)
    x, y = map_point(MapPosition(100, 100))
    assert (round(x, 1), round(y, 1)) == (960, 720)  # 1000×760 less the 40-unit margin


def test_a_title_wraps_into_at_most_three_lines_and_a_longer_one_is_cut_with_an_ellipsis() -> None:
    assert wrap_title("Samarbeid på tvers av sektorer og forvaltningsnivåer", 170) == (
        "Samarbeid på tvers", "av sektorer og", "forvaltningsnivåer")
    assert wrap_title("Tjenestedesign", 170) == ("Tjenestedesign",)
    cut = wrap_title("En svært lang tittel som aldri tar slutt fordi forfatteren har mye på hjertet", 120)
    assert len(cut) == 3 and cut[-1].endswith("…")


def overlap(a: Label, b: Label) -> bool:
    return a.box[0] < b.box[2] and b.box[0] < a.box[2] and a.box[1] < b.box[3] and b.box[1] < a.box[3]


def test_the_trails_labels_fit_the_map_and_never_meet_a_label_or_a_dot() -> None:
    course = check(SOURCE).course
    assert course is not None
    points = [map_point(s.position) for s in course.sites]
    labels = marker_labels(points, [s.title for s in course.sites])
    for i, label in enumerate(labels):
        left, top, right, bottom = label.box
        assert left >= 0 and right <= MAP_WIDTH and top >= 0 and bottom <= MAP_HEIGHT
        assert " ".join(label.lines) == course.sites[i].title
        for j, other in enumerate(labels):
            x, y = points[j]
            assert not (left < x + 34 and x - 34 < right and top < y + 34 and y - 34 < bottom), (i, j)  # a dot
            assert i == j or not overlap(label, other), (i, j)


def test_a_stop_at_the_foot_of_the_map_has_its_label_above_its_dot() -> None:
    (_x, y), = points = [map_point(MapPosition(50, 100))]
    label, = marker_labels(points, ["Nederst"])
    assert label.box[3] < y - 24 and label.flag_y > y


def test_the_path_passes_through_every_site_in_order() -> None:
    points = [map_point(MapPosition(x, y)) for x, y in ((10, 20), (50, 60), (90, 30))]
    d = trail_path(points)
    ends = [tuple(map(float, m)) for m in re.findall(r"(?:M|C[\d. ]+ )([\d.]+) ([\d.]+)", d)]
    assert ends == [(round(x, 1), round(y, 1)) for x, y in points]
    assert d.count("C") == 2


def test_one_site_or_none_draws_no_path() -> None:
    assert trail_path([]) == "" == trail_path([map_point(MapPosition(50, 50))])
