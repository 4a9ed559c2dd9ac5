"""What the builds of one command share: `trail build --variant all` builds the course once per variant.

Variants change settings (id, language, common room, logo, colours), never content, so most
of a variant's build is another variant's: the same source loaded and checked, the same
Markdown, the same texts deflated, the same media read. A `Session` keeps each of these
the first time a build of the command makes it, and the next variant takes it from here;
what a variant changes (its page, its settings, its theme) is still made for it. Each
build's output is the bytes of that build run alone (tests/unit/test_variants.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from packager.digests import Digests
from packager.zipwriter import Deflated

if TYPE_CHECKING:
    from packager.model import Course, Format
    from packager.problems import Problem


@dataclass
class Session:
    """Work shared by the builds of one command; one per command, never kept between commands."""

    digests: Digests = field(default_factory=Digests)  # media and inputs read and hashed once
    deflated: Deflated = field(default_factory=Deflated)  # each distinct text deflated once
    markdown: Any = None  # packager.render.Markdown, made by the first build that renders (its memo inside)
    checked: dict[tuple[Path, tuple[Format, ...] | None, str], tuple[Course | None, list[Problem]]] = field(
        default_factory=dict)  # a source's course and problems, by (folder, formats, options)
