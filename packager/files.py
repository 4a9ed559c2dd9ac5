"""The one type every stage after render passes on: a package's files by path.

Its own module so the package writers, the manifest rules and the archive can
name it without importing the renderer (and with it jinja2 and Markdown).
"""

from __future__ import annotations

from pathlib import Path

# package path (forward slashes, relative) → content, or the source file to copy
Files = dict[str, bytes | Path]
