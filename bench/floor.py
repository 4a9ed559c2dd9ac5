"""The floor: Python's zipfile writing the same entries, with the same compression, into the same zips.

`python3 bench/floor.py PLAN.json` — PLAN lists each zip and its entries as
(name in the zip, file on disk, stored?). `stage()` makes a plan from zips trail
built: it unpacks them once, with entries that are the same in several zips
(the media) kept once on disk, so the floor reads what trail reads. zipfile's
`write()` streams each file in chunks, so the floor's memory stays small too.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path


def stage(zips: list[Path], folder: Path, media: dict[str, Path] | None = None) -> Path:
    """Unpack `zips` into `folder` for the floor; return the plan file. `media`: entry name → the source file."""
    plan = []
    seen: dict[tuple[str, int, int], Path] = {}
    for z in zips:
        entries = []
        with zipfile.ZipFile(z) as archive:
            for info in archive.infolist():
                key = (info.filename, info.CRC, info.file_size)
                path = (media or {}).get(info.filename) or seen.get(key)
                if path is None:
                    path = folder / z.stem / info.filename
                    path.parent.mkdir(parents=True, exist_ok=True)
                    with archive.open(info) as src, path.open("wb") as dst:
                        while chunk := src.read(1 << 20):
                            dst.write(chunk)
                    seen[key] = path
                entries.append([info.filename, str(path), info.compress_type == zipfile.ZIP_STORED])
        plan.append({"target": z.name, "entries": entries})
    plan_file = folder / "plan.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    return plan_file


def write(plan_file: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for item in json.loads(plan_file.read_text(encoding="utf-8")):
        with zipfile.ZipFile(out / item["target"], "w") as archive:
            for name, path, stored in item["entries"]:
                if stored:
                    archive.write(path, name, zipfile.ZIP_STORED)
                else:
                    archive.write(path, name, zipfile.ZIP_DEFLATED, 9)


if __name__ == "__main__":
    write(Path(sys.argv[1]), Path(sys.argv[2]))
