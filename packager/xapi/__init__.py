"""`trail profile`: the course's xAPI vocabulary, published for analysts.

Two files: an xAPI Profile (`profile.py`, JSON-LD) and a Markdown guide with an
example of every statement (`guide.py`), both over the course's activities as
the runtime sends them (`activities.py`) and the xAPI Video Profile's statements
(`video.py`). Examples are tincan objects: Python speaks xAPI through one library.
`python -m packager.xapi` rewrites docs/xapi-vocabulary.md.
"""

from __future__ import annotations

import json
from pathlib import Path

from packager.model import Course
from packager.xapi.guide import render_guide
from packager.xapi.profile import build_profile


def write_profile(course: Course, out_dir: Path) -> list[Path]:
    """`<slug>-xapi-profile.jsonld` and `<slug>-xapi-vocabulary.md` (the guide with this course's
    activities) in `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / f"{course.slug}-xapi-profile.jsonld"
    profile.write_text(json.dumps(build_profile(course), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    guide = out_dir / f"{course.slug}-xapi-vocabulary.md"
    guide.write_text(render_guide(course, with_activities=True), encoding="utf-8")
    return [profile, guide]
