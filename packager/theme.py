"""Where the built-in theme is, without importing the renderer (the build cache fingerprints it)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).parent


def default_templates() -> Path:
    """Inside the wheel the theme is `packager/_templates`; in a checkout, `templates/`."""
    bundled = PACKAGE_DIR / "_templates"
    return bundled if bundled.is_dir() else PACKAGE_DIR.parent / "templates"
