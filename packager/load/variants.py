"""`variants:` in course.yaml: per-municipality copies of one course, built side by side.

Each item names the variant and the settings it changes; everything else is the
course's. The settings are those a municipality may change in a built package
with `trail configure` (common-room link, activity ids, UI language, logo,
colours), so a variant is a build-time `configure`.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from packager.load.files import inside, read_bytes
from packager.load.media import HEAD, content_problems
from packager.load.reader import MapReader
from packager.model import Language, Variant

NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
# The theme's colours (custom properties of templates/trail.css) a variant may set.
COLOURS = ("bg", "surface", "ink", "muted", "green", "green-d", "green-l", "blue", "blue-l", "sand", "line",
           "focus")
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")


def read_variants(reader: MapReader, root: Path | None) -> tuple[Variant, ...]:
    """Every variant of `variants:`, each problem at its file, line and key; `root`: the course folder."""
    from packager.load.course_file import is_absolute_iri  # which reads this module's function first

    variants: list[Variant] = []
    seen: dict[str, int] = {}
    for _, value, line, path in reader.items("variants"):
        item = MapReader.of(value, reader.source, reader.problems, path, line)
        if item is None:
            continue
        name = item.text("name", required=True)
        if name and not NAME.match(name):
            item.error("name", f"expected lower-case letters, digits and '-' (it names a folder), got {name!r}")
        elif name in seen:
            item.error("name", f"{name!r} is already the name of the variant at line {seen[name]}")
        seen.setdefault(name, item.line_of("name"))
        variant_id = item.text("id") or None
        if variant_id and not is_absolute_iri(variant_id):
            item.error("id", f"expected an absolute IRI such as https://example.no/kurs/navn, got {variant_id!r}")
        language = item.choice("language", tuple(Language), "")
        room = item.text("common_room_url") or None
        if room and urlsplit(room).scheme not in ("http", "https"):
            item.error("common_room_url", f"expected an http(s) address, got {room!r}")
        variants.append(Variant(name, variant_id.rstrip("/") if variant_id else None,
                                Language(language) if language else None, room, _logo(item, root),
                                _colours(item)))
        item.finish()
    return tuple(variants)


def _logo(item: MapReader, root: Path | None) -> str | None:
    ref = item.text("logo") or None
    if ref is None or root is None:
        return None
    path = root / ref
    placed = inside(path, root.resolve())  # links resolved; None for a link loop
    if not placed:
        item.error("logo", f"{ref!r} points outside the course folder" if placed is False
                   else f"{ref!r} is a symbolic link that loops back on itself")
    elif path.suffix.lower() not in LOGO_TYPES:
        item.error("logo", f"expected a {', '.join(LOGO_TYPES)} image, got {ref!r}")
    elif not path.exists():
        item.error("logo", f"file {ref!r} does not exist (looked for {path.resolve()})")
    else:
        data = read_bytes(path, root.resolve(), item.source.file, item.problems, item.line_of("logo"),
                          item.key_path("logo"), subject=repr(ref), limit=HEAD)
        problems = [] if data is None else content_problems(data, path.suffix.lower(), ref)
        for message in problems:
            item.error("logo", f"{ref!r} {message}")
        if data is not None and not problems:
            return str(path.resolve())
    return None


def _colours(item: MapReader) -> tuple[tuple[str, str], ...]:
    colours = item.mapping("colours")
    if colours is None:
        return ()
    found = []
    for name in COLOURS:
        if colours.has(name):
            value = colours.text(name)
            if COLOUR.match(value):
                found.append((name, value.lower()))
            else:
                colours.error(name, f"expected a colour such as #2d6a4d, got {value!r}")
    colours.finish()
    return tuple(found)
