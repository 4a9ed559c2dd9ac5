"""Courses the bench makes from course_source/ (never committed): media-heavy, one huge video, 400 sites."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "course_source"
MB = 1_000_000
CHUNK = 1 << 20


FTYP = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"  # an MP4's first box, as the loader checks


def generated(path: Path, size: int, seed: int) -> None:
    """An MP4 `ftyp` box, then seeded noise up to `size` bytes: incompressible like real video, the same
    on every run."""
    rng = random.Random(seed)
    path.unlink(missing_ok=True)  # never write through a hard link
    with path.open("wb") as out:
        out.write(FTYP)
        left = size - len(FTYP)
        while left > 0:
            n = min(CHUNK, left)
            out.write(rng.randbytes(n))
            left -= n


def _copy(target: Path) -> list[Path]:
    """A copy of course_source; returns its sites' video files (hard links until replaced)."""
    shutil.copytree(SOURCE, target, copy_function=os.link)
    return sorted(target.glob("sites/*/media/video.mp4"))


def media_course(target: Path, per_site: int) -> Path:
    """course_source with a `per_site`-byte video in every site."""
    for i, video in enumerate(_copy(target)):
        generated(video, per_site, i)
    return target


def one_video_course(target: Path, size: int) -> Path:
    """course_source whose first site's video is `size` bytes: peak memory against the largest file."""
    generated(_copy(target)[0], size, 99)
    return target


def many_sites_course(target: Path, count: int) -> Path:
    """`count` sites cycled from course_source's, numbered with as many digits as `count` needs."""
    shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns("sites"), copy_function=os.link)
    originals = sorted(p for p in (SOURCE / "sites").iterdir() if p.is_dir())
    width = max(2, len(str(count)))
    for n in range(1, count + 1):
        folder = originals[(n - 1) % len(originals)]
        slug = folder.name.split("-", 1)[1]
        shutil.copytree(folder, target / "sites" / f"{n:0{width}d}-{slug}-{n}", copy_function=os.link)
    return target


def site_text(source: Path = SOURCE) -> bytes:
    """Every site's text as written (site.md and quiz files): what a learner reads, before markup."""
    return b"\n".join(site_texts(source))


def site_texts(source: Path = SOURCE) -> list[bytes]:
    """Each site's text as written (its site.md and quiz files), one entry per site."""
    return [b"\n".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in (".md", ".yaml"))
            for folder in sorted(source.glob("sites/*")) if folder.is_dir()]


VARIANTS = """
variants:
  - name: porsgrunn
    common_room_url: https://lms.porsgrunn.kommune.no/fellesrom
    colours: {green: "#004b87"}
  - name: skien
    common_room_url: https://lms.skien.kommune.no/fellesrom
    colours: {green: "#7a1f2b"}
"""


def with_variants(source: Path, target: Path) -> Path:
    """`source` (hard-linked) with two variants in its course.yaml."""
    shutil.copytree(source, target, copy_function=os.link)
    course_yaml = target / "course.yaml"
    text = course_yaml.read_text(encoding="utf-8")
    course_yaml.unlink()  # never write through the link
    course_yaml.write_text(text + VARIANTS, encoding="utf-8")
    return target
