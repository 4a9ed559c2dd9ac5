"""Where the built-in theme is, and what a theme folder may ship, without importing the renderer
(the build cache fingerprints the theme; `trail check --templates` lists it)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).parent


def default_templates() -> Path:
    """Inside the wheel the theme is `packager/_templates`; in a checkout, `templates/`."""
    bundled = PACKAGE_DIR / "_templates"
    return bundled if bundled.is_dir() else PACKAGE_DIR.parent / "templates"


def cache_folder(name: str) -> Path | None:
    """A folder of trail's user cache (compiled templates and catalogues, kept between builds as
    Python keeps __pycache__): `$TRAIL_CACHE_DIR/<name>`, by default under $XDG_CACHE_HOME/trail.
    None when TRAIL_CACHE_DIR is empty or the folder cannot be written: then nothing is kept."""
    base = os.environ.get("TRAIL_CACHE_DIR")
    if base is None:
        base = str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "trail")
    if not base:
        return None
    folder = Path(base) / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def template_cache() -> Any:
    """jinja2's compiled templates kept between builds (compiling the learner page's template is a
    seventh of a small build); keyed by template source and jinja2 version, so a changed theme is
    compiled again."""
    import jinja2

    folder = cache_folder("templates")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder is not None else None


# What a theme may put into a package: stylesheets, images and fonts. Templates (`*.j2`) are
# rendered, never shipped; dotfiles and dot-folders (`.env`, `.git/`) are never read; anything
# else (`id_rsa`, `notes.txt`, scripts) stays out with a warning.
SHIPPED_KINDS = {
    ".css": "stylesheet",
    ".svg": "image", ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".webp": "image",
    ".avif": "image", ".ico": "image",
    ".woff2": "font", ".woff": "font", ".ttf": "font", ".otf": "font",
}
TEMPLATE_SUFFIX = ".j2"
ALLOWED = "a theme ships stylesheets (.css), images (.svg, .png, .jpg, .gif, .webp, .avif, .ico) and fonts " \
          "(.woff2, .woff, .ttf, .otf) only"


@dataclass(frozen=True)
class ThemeNote:
    file: str  # the theme file, as given
    message: str
    error: bool


@dataclass
class ThemeScan:
    """A theme folder sorted out: what ships (under `trail/`), its templates, and what was wrong."""

    folder: Path
    files: dict[str, Path] = field(default_factory=dict)  # path in the folder → file; shipped as trail/<path>
    templates: dict[str, Path] = field(default_factory=dict)
    notes: list[ThemeNote] = field(default_factory=list)


def scan_theme(folder: Path) -> ThemeScan:
    """Every file of a theme folder, by the rules above; links must stay inside the folder."""
    from packager.load.files import inside, is_leftover

    scan, root = ThemeScan(folder), folder.resolve()
    for here, dirs, names in os.walk(folder):  # never follows a linked folder
        base = Path(here)
        kept = []
        for name in sorted(dirs):
            if name.startswith(".") or name == "__pycache__":
                continue
            if (base / name).is_symlink():
                scan.notes.append(ThemeNote(str(base / name), "is a linked folder; it is not followed, copy it in",
                                            False))
                continue
            kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            path = base / name
            if name.startswith(".") or is_leftover(name) or name.endswith(".pyc"):
                continue  # dotfiles never: .env, .htpasswd, editor and OS leftovers
            if path.is_symlink():
                placed = inside(path, root)
                if not placed:
                    what = "loops back on itself" if placed is None else "points outside the theme folder"
                    scan.notes.append(ThemeNote(str(path), f"is a link that {what}; a theme ships only its own "
                                                "files, so copy the file in", True))
                    continue
            rel = path.relative_to(folder).as_posix()
            if name.endswith(TEMPLATE_SUFFIX):
                scan.templates[rel] = path
            elif Path(name).suffix.lower() in SHIPPED_KINDS:
                scan.files[rel] = path
            else:
                scan.notes.append(ThemeNote(str(path), f"is not shipped: {ALLOWED}", False))
    return scan
