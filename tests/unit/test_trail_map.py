"""The trail map's geometry (packager/trail_map.py): where a learner sees each site and the path between them."""

from __future__ import annotations

import re

from packager.model import MapPosition
from packager.trail_map import map_point, trail_path


def test_a_site_is_placed_inside_the_map_margin() -> None:
    assert map_point(MapPosition(0, 0)) == (40, 40)
    x, y = map_point(MapPosition(100, 100))
    assert (round(x, 1), round(y, 1)) == (960, 585)  # 1000×625 less the 40-unit margin


def test_the_path_passes_through_every_site_in_order() -> None:
    points = [map_point(MapPosition(x, y)) for x, y in ((10, 20), (50, 60), (90, 30))]
    d = trail_path(points)
    ends = [tuple(map(float, m)) for m in re.findall(r"(?:M|C[\d. ]+ )([\d.]+) ([\d.]+)", d)]
    assert ends == [(round(x, 1), round(y, 1)) for x, y in points]
    assert d.count("C") == 2


def test_one_site_or_none_draws_no_path() -> None:
    assert trail_path([]) == "" == trail_path([map_point(MapPosition(50, 50))])
