"""Where a file referenced from the course source lands inside a package.

One function decides it, so the loader (which checks that the file exists and
stays inside the course) and the renderer (which rewrites the reference) can
never disagree.
"""

from __future__ import annotations

import posixpath
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


def _within(path: str) -> str | None:
    """`path` with `.` and `..` resolved, or None when it climbs above its start or is absolute."""
    norm = posixpath.normpath(path) if path else "."
    return None if norm.startswith(("/", "../")) or norm == ".." else norm


def leaves_its_folder(ref: str) -> bool:
    """A site file must stay in its site folder, a shared `/media/...` file in the course's media/.

    Checked while loading, so a reference such as `../02-other/media/x.mp4` is a problem at
    its line rather than an unsafe name when the zip is written.
    """
    path = urlsplit(ref).path
    return _within(path[len(SHARED_PREFIX) :] if path.startswith(SHARED_PREFIX) else path) is None


def package_target(site_slug: str, ref: str) -> PurePosixPath:
    """Package path: `media/<site-slug>/...` for site files, `media/shared/...` for shared ones."""
    path = urlsplit(ref).path
    if path.startswith(SHARED_PREFIX):
        return PurePosixPath("media/shared") / (_within(path[len(SHARED_PREFIX) :]) or "")
    rel = PurePosixPath(_within(path) or "")
    if rel.parts and rel.parts[0] == "media":
        rel = PurePosixPath(*rel.parts[1:])
    return PurePosixPath("media") / site_slug / rel


def unsafe_name_part(ref: str) -> str | None:
    """The first path segment that is not lower-case ASCII, if any."""
    for part in PurePosixPath(urlsplit(ref).path.lstrip("/")).parts:
        if part not in ("..", ".") and not SAFE_NAME.match(part):
            return part
    return None


def link_problem(url: str) -> tuple[bool, str] | None:
    """What is wrong with a web address a learner can follow: (is_error, message), or None.

    https only (http warns: mixed content in an https LMS); `javascript:`, `data:` and other
    schemes would run or load on the LMS's origin, so they are errors. `mailto:` is allowed.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if (scheme == "https" and parts.netloc) or scheme == "mailto":
        return None
    if scheme == "http" and parts.netloc:
        return False, f"{url!r} is http:, which an https LMS may block; use https: if the site offers it"
    return True, f"expected a web address starting with https://, got {url!r}"
