#!/usr/bin/env python3
"""Build course_source at two revisions and compare the packages' SHA-256.

A refactor must not change what an LMS receives: this builds every format of
`course_source/` (or the `--course` folders) at REV_A and at REV_B (each in a temporary git worktree, with
the same SOURCE_DATE_EPOCH) and prints one line per package with both hashes.
`WORKTREE` as a revision means the checkout as it is now, uncommitted edits
included. Exit 0 when every package is byte-identical, 1 otherwise.

    .venv/bin/python tools/same_bytes.py HEAD~1 HEAD
    .venv/bin/python tools/same_bytes.py HEAD WORKTREE
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CURRENT = "WORKTREE"
# Build with the checkout's own packager (PYTHONPATH first), whatever is installed in the venv.
BUILD = (
    "import sys; from pathlib import Path; from packager.build import build; "
    "r = build(Path(sys.argv[2]), Path(sys.argv[1])); "
    "[print(str(p), file=sys.stderr) for p in r.problems.errors]; sys.exit(0 if r.ok else 1)"
)


@contextmanager
def checkout(rev: str) -> Iterator[Path]:
    """The source tree at `rev`: a detached temporary worktree, removed afterwards."""
    if rev == CURRENT:
        yield REPO
        return
    with tempfile.TemporaryDirectory(prefix="trail-same-bytes-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--quiet", "--detach", str(tree), rev], check=True)
        try:
            yield tree
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], check=False)


def differing_entries(a: Path, b: Path) -> list[str]:
    """The files of two zips that differ (or are in one only)."""
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        ca = {i.filename: i.CRC for i in za.infolist()}
        cb = {i.filename: i.CRC for i in zb.infolist()}
    return sorted(n for n in set(ca) | set(cb) if ca.get(n) != cb.get(n))


def build_hashes(rev: str, out: Path, courses: list[str]) -> dict[str, str]:
    """{zip name: sha256} of every package the courses (paths in the checkout) build into at `rev`."""
    with checkout(rev) as tree:
        env = {**os.environ, "PYTHONPATH": str(tree), "SOURCE_DATE_EPOCH": "1700000000"}
        for course in courses:
            target = out / course.replace("/", "_")
            done = subprocess.run([sys.executable, "-c", BUILD, str(target), course], cwd=tree, env=env, check=False)
            if done.returncode != 0:
                raise SystemExit(f"the build of {course} at {rev} failed")
    zips = sorted(out.glob("*/*.zip"))
    return {f"{p.parent.name}/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest() for p in zips}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev_a", help="a git revision (or WORKTREE)")
    parser.add_argument("rev_b", nargs="?", default=CURRENT, help="a git revision (default: WORKTREE)")
    parser.add_argument("--course", action="append", help="a course folder in the checkout (default: course_source; "
                        "repeat for more, e.g. tests/fixtures/course packager/scaffold/course)")
    args = parser.parse_args()
    courses = args.course or ["course_source"]
    same = True
    with tempfile.TemporaryDirectory(prefix="trail-same-bytes-out-") as tmp:
        a = build_hashes(args.rev_a, Path(tmp) / "a", courses)
        b = build_hashes(args.rev_b, Path(tmp) / "b", courses)
        for name in sorted(set(a) | set(b)):
            ha, hb = a.get(name, "-"), b.get(name, "-")
            mark = "same" if ha == hb else "DIFFERENT"
            same &= ha == hb
            print(f"{mark:9}  {name}  {ha}  {hb}")
            if ha != hb and "-" not in (ha, hb):  # which files of the package changed
                folder = name.split("/")[0]
                entries = differing_entries(Path(tmp) / "a" / folder / name.split("/")[1],
                                            Path(tmp) / "b" / folder / name.split("/")[1])
                print(f"           files that differ: {', '.join(entries)}")
    print(f"{args.rev_a} → {args.rev_b}: {'byte-identical' if same and a else 'the packages differ'}")
    return 0 if same and a else 1


if __name__ == "__main__":
    sys.exit(main())
