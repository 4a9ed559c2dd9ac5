"""Where a file referenced from the course source lands inside a package.

One function decides it, so the loader (which checks that the file exists and
stays inside the course) and the renderer (which rewrites the reference) can
never disagree.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
SHARED_PREFIX = "/media/"


def is_local(ref: str) -> bool:
    """A reference to a file in the course, not a web address or an anchor."""
    parts = urlsplit(ref)
    return not (parts.scheme or parts.netloc or ref.startswith("#") or ref.startswith("mailto:"))


def source_relative(site_folder: str, ref: str) -> PurePosixPath:
    """The reference as a path relative to the course folder (may contain '..')."""
    path = urlsplit(ref).path
    if path.startswith(SHARED_PREFIX):
        return PurePosixPath("media") / path[len(SHARED_PREFIX) :]
    return PurePosixPath(site_folder) / path


def package_target(site_slug: str, ref: str) -> PurePosixPath:
    """Package path: `media/<site-slug>/...` for site files, `media/shared/...` for shared ones."""
    path = urlsplit(ref).path
    if path.startswith(SHARED_PREFIX):
        return PurePosixPath("media/shared") / path[len(SHARED_PREFIX) :]
    rel = PurePosixPath(path)
    if rel.parts and rel.parts[0] == "media":
        rel = PurePosixPath(*rel.parts[1:])
    return PurePosixPath("media") / site_slug / rel


def unsafe_name_part(ref: str) -> str | None:
    """The first path segment that is not lower-case ASCII, if any."""
    for part in PurePosixPath(urlsplit(ref).path.lstrip("/")).parts:
        if part not in ("..", ".") and not SAFE_NAME.match(part):
            return part
    return None
