"""Building a variant: the course with the variant's settings, and a theme with its logo and colours.

A variant changes settings, never content, so everything else of a build is the
course's: the same pipeline runs with `apply()`'s course and `theme()`'s folder
(searched before the user's and the built-in theme). The theme folder lives in
the output folder and is rewritten only when its content changes, so a rebuild
of an unchanged variant finds every input as it was (packager.cache).
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from packager.model import Course, Variant
from packager.theme import default_templates, scan_theme

THEME_FOLDER = ".trail-theme"
# The logo replaces the built-in mark beside the title (decorative there too: the title is the link's name).
LOGO_CSS = (".brand .logo { display: none; }\n"
            ".brand::before { content: \"\"; width: 1.8rem; height: 1.8rem; flex: none; "
            "background: url(LOGO) center / contain no-repeat; }\n")


class UnknownVariant(ValueError):
    """A variant name the course does not define."""


def chosen(course: Course, names: str) -> list[Variant]:
    """The variants `names` asks for: `all`, or names separated by commas."""
    if names.strip() == "all" and course.variants:
        return list(course.variants)
    return [named(course, n.strip()) for n in names.split(",") if n.strip()] or [named(course, names)]


def named(course: Course, name: str) -> Variant:
    for variant in course.variants:
        if variant.name == name:
            return variant
    if not course.variants:
        raise UnknownVariant("the course defines no variants; add a variants: list to course.yaml")
    raise UnknownVariant(f"no variant named {name!r}; the course has {', '.join(v.name for v in course.variants)}"
                         " (or use all)")


def apply(course: Course, variant: Variant) -> Course:
    """The course as this variant's learners get it."""
    return replace(course, id=variant.id or course.id, language=variant.language or course.language,
                   common_room_url=variant.common_room_url or course.common_room_url, variants=())


def theme(variant: Variant, templates: Path | None, out: Path) -> Path | None:
    """The theme folder for the variant (`templates` with the variant's trail.css and logo), or
    `templates` itself when the variant changes neither."""
    if not variant.colours and not variant.logo:
        return templates
    folder = out / THEME_FOLDER
    wanted: dict[str, bytes | Path] = {}
    if templates is not None:
        scan = scan_theme(templates)  # what the theme may hold, never its dotfiles or links out of it
        wanted.update({**scan.templates, **scan.files})
    base = templates / "trail.css" if templates is not None and (templates / "trail.css").is_file() else None
    css = (base or default_templates() / "trail.css").read_text(encoding="utf-8")
    css += f"\n/* variant {variant.name} */\n"
    if variant.colours:
        css += ":root { " + " ".join(f"--{name}: {value};" for name, value in variant.colours) + " }\n"
    if variant.logo:
        logo = Path(variant.logo)
        wanted[f"logo{logo.suffix.lower()}"] = logo
        css += LOGO_CSS.replace("LOGO", f"logo{logo.suffix.lower()}")
    wanted["trail.css"] = css.encode("utf-8")
    _sync(folder, wanted)
    return folder


def _sync(folder: Path, wanted: dict[str, bytes | Path]) -> None:
    """Make `folder` hold exactly `wanted`, leaving files that already hold the right bytes untouched."""
    for old in sorted(folder.rglob("*"), reverse=True) if folder.is_dir() else []:
        if old.is_file() and old.relative_to(folder).as_posix() not in wanted:
            old.unlink()
    for name, content in wanted.items():
        target = folder / name
        data = content.read_bytes() if isinstance(content, Path) else content
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_bytes(data)
