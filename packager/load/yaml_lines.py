"""YAML with the line of every key and list item, parsed by libyaml through PyYAML's composer.

ruamel's round-trip loader kept these lines but spent about 90 % of loading a
course in pure Python; libyaml composes the same nodes, with the same marks,
about 30 times faster. Only composing is left to libyaml: the values are built
here by YAML 1.2's core schema, as before, so `no`, `yes`, `on` and `off` stay
text (a Norwegian "no" is not false) and `010` is ten. Mappings and lists carry
`.lc` with `.line`, `.key(k)` and `.item(i)` (0-based), the interface of
ruamel's CommentedMap that `packager.load.reader` reads positions through.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it
STR, MERGE = "tag:yaml.org,2002:str", "tag:yaml.org,2002:merge"
NULLS = {"", "~", "null", "Null", "NULL"}
BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
INT = re.compile(r"[-+]?[0-9]+")
FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
SPECIAL = {".inf": math.inf, ".Inf": math.inf, ".INF": math.inf, "+.inf": math.inf, "+.Inf": math.inf,
           "+.INF": math.inf, "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
           ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan}


class YamlError(Exception):
    """Invalid YAML at a 0-based `line` (None when libyaml gave no position)."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


class Lines:
    """Where a mapping or list and its keys or items start: (line, column), 0-based."""

    def __init__(self, line: int, col: int) -> None:
        self.line, self.col = line, col
        self.data: dict[Any, tuple[int, int]] = {}

    def key(self, key: Any) -> tuple[int, int]:
        return self.data[key]

    def item(self, index: int) -> tuple[int, int]:
        return self.data[index]


class YamlMap(dict[Any, Any]):
    lc: Lines


class YamlSeq(list[Any]):
    lc: Lines


def parse(text: str) -> Any:
    """The value of a one-document YAML text (None when empty); raises YamlError."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlError(exc.problem or exc.context or "invalid YAML", mark.line if mark else None) from exc
    except yaml.YAMLError as exc:
        raise YamlError(str(exc), None) from exc
    return None if node is None else _value(node, frozenset(), [0])


MAX_VALUES = 100_000  # values built from one text: aliases must not multiply a few lines into millions


def _value(node: yaml.Node, within: frozenset[int], built: list[int]) -> Any:
    """The value of `node`; `within`: the lists and mappings it is inside (an alias back to one
    of them would never end), `built`: how many values this text has made so far."""
    built[0] += 1
    if built[0] > MAX_VALUES:
        raise YamlError(f"the aliases (*name) expand to more than {MAX_VALUES} values", node.start_mark.line)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if id(node) in within:
        raise YamlError("an alias (*name) refers to the list or mapping it is inside", node.start_mark.line)
    within = within | {id(node)}
    lines = Lines(node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.SequenceNode):
        seq = YamlSeq(_value(item, within, built) for item in node.value)
        seq.lc = lines
        lines.data = {i: (item.start_mark.line, item.start_mark.column) for i, item in enumerate(node.value)}
        return seq
    mapping = YamlMap()
    mapping.lc = lines
    merged: list[YamlMap] = []
    for key_node, value_node in node.value:
        if key_node.tag == MERGE and isinstance(key_node, yaml.ScalarNode):
            value = _value(value_node, within, built)
            merged.extend(v for v in (value if isinstance(value, list) else [value]) if isinstance(v, YamlMap))
            continue
        key = _value(key_node, within, built)
        if isinstance(key, list | dict):
            raise YamlError("a key must be a plain value, not a list or a mapping", key_node.start_mark.line)
        if key in mapping:
            raise YamlError(f"duplicate key {key!r}", key_node.start_mark.line)
        mapping[key] = _value(value_node, within, built)
        lines.data[key] = (key_node.start_mark.line, key_node.start_mark.column)
    for other in merged:  # `<<: *defaults`: keys written here win
        for key, value in other.items():
            if key not in mapping:
                mapping[key] = value
                lines.data[key] = other.lc.data[key]
    return mapping


def _scalar(node: yaml.ScalarNode) -> Any:
    """YAML 1.2 core schema for plain scalars; quoted, block and `!!str` scalars are text."""
    value: str = node.value
    if node.style or (node.tag == STR and _implicit_tag(value) != STR):
        return value
    if value in NULLS:
        return None
    if value in BOOLS:
        return BOOLS[value]
    if INT.fullmatch(value):
        return int(value)
    if value[:2] in ("0o", "0x") and len(value) > 2:
        try:
            return int(value[2:], 8 if value[1] == "o" else 16)
        except ValueError:
            return value
    if FLOAT.fullmatch(value):
        return float(value)
    return SPECIAL.get(value, value)


def _implicit_tag(value: str) -> str:
    """The tag PyYAML's own (YAML 1.1) resolver gives a plain scalar: tells `!!str 12` from `12`."""
    resolved: str = Loader.resolve(Loader, yaml.ScalarNode, value, (True, False))
    return resolved
