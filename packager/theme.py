"""Where the built-in theme is, without importing the renderer (the build cache fingerprints it)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).parent


def default_templates() -> Path:
    """Inside the wheel the theme is `packager/_templates`; in a checkout, `templates/`."""
    bundled = PACKAGE_DIR / "_templates"
    return bundled if bundled.is_dir() else PACKAGE_DIR.parent / "templates"


def template_cache() -> Any:
    """jinja2's compiled templates kept between builds, as Python keeps __pycache__ (compiling the
    learner page's template is a seventh of a small build). `TRAIL_CACHE_DIR` moves the folder; an
    empty value, or a folder that cannot be written, turns it off. Keyed by template source and
    jinja2 version, so a changed theme is compiled again."""
    import jinja2

    base = os.environ.get("TRAIL_CACHE_DIR")
    if base is None:
        base = str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "trail")
    if not base:
        return None
    folder = Path(base) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None
