"""Typed reading of YAML with line numbers, reporting instead of raising.

A `MapReader` hands out one key at a time with the type the model needs; every
key it was not asked for is an unknown key, reported with its line. This is
what lets a typo such as `pasing_score` be an error rather than a silent no-op.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from packager.load.files import character_problem, xml_invalid
from packager.load.yaml_lines import YamlError, YamlMap, YamlSeq, parse
from packager.problems import Problems


@dataclass(frozen=True)
class Source:
    """Where a piece of YAML came from: a file, and the line its text starts on."""

    file: str  # as shown to the user, relative to the course folder's parent
    offset: int = 0  # lines before the YAML text in the file (front matter, blocks)


class _Invalid:
    """What `parse_yaml` returns for text that is not YAML (already reported): readers
    given it report nothing more, so one syntax error is one problem."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


# libyaml takes NEL, U+2028 and U+2029 for line breaks, which shifts every later line (and breaks a
# plain scalar); editors do not. They pass the parser as noncharacters and come back in the values.
_BREAKS = {"\x85": "\ufdd0", "\u2028": "\ufdd1", "\u2029": "\ufdd2"}
_HIDE = str.maketrans(_BREAKS)
_SHOW = str.maketrans({v: k for k, v in _BREAKS.items()})


def _restore(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_SHOW)
    if isinstance(value, YamlMap):
        for key in value:
            value[key] = _restore(value[key])
    elif isinstance(value, YamlSeq):
        value[:] = [_restore(item) for item in value]
    return value


def parse_yaml(text: str, source: Source, problems: Problems) -> Any:
    try:
        if any(c in text for c in _BREAKS):
            return _restore(parse(text.translate(_HIDE)))
        return parse(text)
    except YamlError as exc:
        line = source.offset + (exc.line + 1 if exc.line is not None else 1)
        problems.error(source.file, line, "", f"invalid YAML: {exc}")
    return INVALID


def item_line(seq: Any, index: int, source: Source, fallback: int) -> int:
    """1-based line of a list item in its file, or `fallback` when YAML kept no position."""
    try:
        return source.offset + int(seq.lc.item(index)[0]) + 1
    except (KeyError, TypeError, AttributeError):
        return fallback


def type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) < 40 else "a text"
    if isinstance(value, YamlSeq | list):
        return "a list"
    if isinstance(value, YamlMap | dict):
        return "a mapping"
    return type(value).__name__


class MapReader:
    def __init__(
        self, data: YamlMap, source: Source, problems: Problems, path: str = ""
    ) -> None:
        self.data = data
        self.source = source
        self.problems = problems
        self.path = path
        self._seen: set[str] = set()

    @classmethod
    def of(
        cls, value: Any, source: Source, problems: Problems, path: str = "", line: int = 0
    ) -> MapReader | None:
        if isinstance(value, YamlMap):
            return cls(value, source, problems, path)
        if value is INVALID:
            return None
        problems.error(
            source.file, line or source.offset + 1, path, f"expected a mapping of keys, got {type_name(value)}"
        )
        return None

    # -- positions ---------------------------------------------------------
    @property
    def line(self) -> int:
        return self.source.offset + int(self.data.lc.line) + 1

    def line_of(self, key: str) -> int:
        try:
            return self.source.offset + int(self.data.lc.key(key)[0]) + 1
        except (KeyError, TypeError):
            return self.line

    def key_path(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, message: str) -> None:
        self.problems.error(self.source.file, self.line_of(key), self.key_path(key), message)

    def warn(self, key: str, message: str) -> None:
        self.problems.warn(self.source.file, self.line_of(key), self.key_path(key), message)

    # -- typed access --------------------------------------------------------
    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str, required: bool = False) -> Any:
        """The value, or None when the key is absent or has no value (`key:`): both are missing."""
        self._seen.add(key)
        if key not in self.data:
            if required:
                self.problems.error(
                    self.source.file, self.line, self.key_path(key), "is required but missing"
                )
            return None
        value = self.data[key]
        if value is None and required:
            self.error(key, "is required but has no value")
        return value

    def text(self, key: str, required: bool = False, default: str = "") -> str:
        value = self.raw(key, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(key, f"expected a text, got {type_name(value)}")
            return default
        text = str(value).strip()
        if required and not text:
            self.error(key, "must not be empty")
        bad = xml_invalid(text)
        if bad is not None:  # from a YAML escape such as "\x0b"; raw characters are caught when reading
            self.error(key, character_problem(bad))
            return default
        return text

    def integer(
        self, key: str, required: bool = False, default: int = 0, low: int | None = None,
        high: int | None = None,
    ) -> int:
        value = self.raw(key, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"expected a whole number, got {type_name(value)}")
            return default
        if (low is not None and value < low) or (high is not None and value > high):
            self.error(key, f"expected a whole number from {low} to {high}, got {value}")
            return default
        return int(value)

    def number(self, key: str, required: bool = False, low: float = 0, high: float = 100) -> float:
        value = self.raw(key, required)
        if value is None:
            return low
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(key, f"expected a number, got {type_name(value)}")
            return low
        if not low <= value <= high:
            self.error(key, f"expected a number from {low:g} to {high:g}, got {value:g}")
            return low
        return float(value)

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self.raw(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(key, f"expected true or false, got {type_name(value)}")
            return default
        return value

    def choice(self, key: str, allowed: tuple[str, ...], default: str | None = None) -> str | None:
        value = self.raw(key, required=default is None)
        if value is None:
            return default
        if not isinstance(value, str) or value not in allowed:
            self.error(key, f"expected one of {', '.join(allowed)}, got {type_name(value)}")
            return default
        return value

    def texts(self, key: str, required: bool = False) -> list[str]:
        value = self.raw(key, required)
        if value is None:
            return []
        if not isinstance(value, YamlSeq):
            self.error(key, f"expected a list of texts, got {type_name(value)}")
            return []
        out = []
        for i, item in enumerate(value):
            problem = None
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                problem = f"expected a text, got {type_name(item)}"
            elif (bad := xml_invalid(str(item))) is not None:
                problem = character_problem(bad)
            if problem:
                self.problems.error(self.source.file, self.item_line(value, i), f"{self.key_path(key)}[{i}]", problem)
            else:
                out.append(str(item).strip())
        return out

    def mapping(self, key: str, required: bool = False) -> MapReader | None:
        value = self.raw(key, required)
        if value is None:
            return None
        return MapReader.of(value, self.source, self.problems, self.key_path(key), self.line_of(key))

    def items(self, key: str, required: bool = False) -> Iterator[tuple[int, Any, int, str]]:
        """Yield (index, value, line, path) for each item of a list."""
        value = self.raw(key, required)
        if value is None:
            return
        if not isinstance(value, YamlSeq):
            self.error(key, f"expected a list, got {type_name(value)}")
            return
        for i, item in enumerate(value):
            yield i, item, self.item_line(value, i), f"{self.key_path(key)}[{i}]"

    def item_line(self, seq: YamlSeq, index: int) -> int:
        return item_line(seq, index, self.source, self.line)

    def finish(self) -> None:
        """Report every key nobody asked for."""
        for key in self.data:
            if str(key) not in self._seen:
                self.error(str(key), "unknown key; check its spelling (see docs/authoring.md)")
