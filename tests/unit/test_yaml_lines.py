"""YAML as the course files mean it: YAML 1.2 values, and the line of every key and item."""

from __future__ import annotations

import pytest

from packager.load.yaml_lines import YamlError, parse

TEXT = """\
title: Min løype
done: no
published: true
count: 010
ratio: 1e3
ref: !!str 12
quoted: '7'
nothing:
sites:
  - slug: forste
    minutes: 20
  - 0x1F
defaults: &d {x: 1, y: 2}
map:
  <<: *d
  y: 5
"""


def test_values_follow_yaml_1_2_so_norwegian_no_stays_text() -> None:
    data = parse(TEXT)
    assert data["done"] == "no"
    assert data["published"] is True
    assert (data["count"], data["ratio"], data["ref"], data["quoted"]) == (10, 1000.0, "12", "7")
    assert data["nothing"] is None
    assert data["sites"] == [{"slug": "forste", "minutes": 20}, 31]
    assert data["map"] == {"x": 1, "y": 5}


def test_every_key_and_item_knows_its_line() -> None:
    data = parse(TEXT)
    assert data.lc.line == 0
    assert data.lc.key("sites")[0] == 8
    assert data["sites"].lc.item(1)[0] == 11
    assert data["sites"][0].lc.key("minutes")[0] == 10
    assert data["map"].lc.key("x")[0] == 12  # merged keys point where they were written


@pytest.mark.parametrize(("text", "line", "message"), [
    ("a: 1\nb: 2\na: 3\n", 2, "duplicate key 'a'"),
    ("title: [oops\n", 1, "did not find expected ',' or ']'"),
    ("? [a, b]\n: 1\n", 0, "a key must be a plain value, not a list or a mapping"),
])
def test_mistakes_name_their_line(text: str, line: int, message: str) -> None:
    with pytest.raises(YamlError) as caught:
        parse(text)
    assert (caught.value.line, str(caught.value)) == (line, message)


def test_an_empty_document_is_nothing() -> None:
    assert parse("") is None
    assert parse("# only a comment\n") is None
