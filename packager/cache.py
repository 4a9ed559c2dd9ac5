"""The incremental build cache: `<out>/.trail-cache.json`, keyed by the content of everything a build reads.

A build's key is a SHA-256 over every input file's content (the course folder,
a --templates or --control-files folder, and trail itself: its code, runtime,
catalogues and theme) plus the options. The same key, with every zip still as
written, means nothing to do: nothing is read beyond file metadata and nothing
is written. Otherwise each zip has its own key over its entries; a zip whose
entries did not change is left as it is. File contents are hashed through
`Digests`, remembered here by (size, mtime, inode), so unchanged media are not
read again; the CRCs the zips need come from the same table.

The output of an incremental build is the output of a clean build, byte for
byte: the cache decides only whether to write, never what.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from packager import __version__
from packager.digests import Digests
from packager.files import Files
from packager.output import replace_file
from packager.problems import Problem, Severity
from packager.theme import PACKAGE_DIR, default_templates

if TYPE_CHECKING:
    from packager.build import Built
    from packager.model import Format
    from packager.package.format import Options

CACHE_NAME = ".trail-cache.json"
SCHEMA = 1


@dataclass(frozen=True)
class Cached:
    """A package as the last build left it."""

    format: str
    name: str  # file name in the output folder
    size: int
    files: int
    key: str  # the zip's own key: its entries
    mtime_ns: int


def _walk(root: Path, skip: Path | None = None) -> Iterator[Path]:
    """Every file under `root`, sorted, without hidden files, caches or `skip` (an output folder inside)."""
    if not root.is_dir():
        return
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__"
                         and (skip is None or (here / d).resolve() != skip))
        for name in sorted(names):
            if not name.startswith(".") and not name.endswith(".pyc"):
                yield here / name


class BuildCache:
    """The cache of one output folder, for one build: `key` is this build's, `saved_key` the last one's."""

    def __init__(self, out: Path, source: Path, folders: Iterable[Path | None], options: object,
                 digests: Digests | None = None) -> None:
        self.out = out
        self.file = out / CACHE_NAME
        saved = self._read()
        self.digests = digests or Digests()  # shared by the variants of one build: media read once for all
        self.digests.seed(saved.get("digests") or {})
        self.saved_key: str | None = saved.get("key")
        self.packages = [Cached(**p) for p in saved.get("packages", [])]
        self.others = [Cached(**p) for p in saved.get("others", [])]  # zips of earlier builds with other formats
        self.problems = [Problem(p["file"], p["line"], p["key"], p["message"], Severity(p["severity"]))
                         for p in saved.get("problems", [])]
        self.key = self._build_key(source, folders, options)

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) and data.get("schema") == SCHEMA else {}

    # -- keys -----------------------------------------------------------------------------------
    def _build_key(self, source: Path, folders: Iterable[Path | None], options: object) -> str:
        """The key of everything a build reads: the course, extra folders, trail itself, the options."""
        sha = hashlib.sha256(f"{SCHEMA}\n{__version__}\n{options!r}\n".encode())
        sha.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
        out = self.out.resolve()
        roots = [source, *(f for f in folders if f is not None), PACKAGE_DIR, default_templates()]
        for n, root in enumerate(roots):
            for path in _walk(root, out):
                try:  # never open a pipe (it would block); a loop or unreadable file: the build reports it
                    regular = stat.S_ISREG(path.stat().st_mode)
                    digest = self.digests.of(path).sha256 if regular else "not a regular file"
                except OSError as exc:
                    digest = f"unreadable:{exc.errno}"
                sha.update(f"\n{n}:{path.relative_to(root).as_posix()}:{digest}".encode())
        return sha.hexdigest()

    def zip_key(self, files: Files) -> str:
        """The key of one zip: its entries' names and contents (the build key covers the rest)."""
        sha = hashlib.sha256()
        for name in sorted(files):
            content = files[name]
            if isinstance(content, Path):
                digest = self.digests.of(content).sha256
            else:
                digest = hashlib.sha256(content).hexdigest()
            sha.update(f"{name}\0{digest}\n".encode())
        return sha.hexdigest()

    # -- what is still there ----------------------------------------------------------------------
    def _intact(self, package: Cached) -> bool:
        try:
            stat = (self.out / package.name).stat()
        except OSError:
            return False
        return stat.st_size == package.size and stat.st_mtime_ns == package.mtime_ns

    def fresh(self) -> list[Cached] | None:
        """The last build's packages when it had this build's key and every zip is as written; else None."""
        if self.key != self.saved_key or not self.packages or not all(self._intact(p) for p in self.packages):
            return None
        return self.packages

    def unchanged(self, target: Path, zip_key: str) -> Cached | None:
        """The zip `target` as last written, when its entries are the same and it is intact."""
        for package in self.packages + self.others:
            if package.name == self._name(target) and package.key == zip_key and self._intact(package):
                return package
        return None

    def _name(self, target: Path) -> str:
        """A zip's name in the output folder, with its folder when it has one (site packages)."""
        try:
            return target.relative_to(self.out).as_posix()
        except ValueError:
            return target.name

    # -- saving -------------------------------------------------------------------------------------
    def save(self, packages: Iterable[Built], problems: list[Problem]) -> None:
        """Remember this build: its key, its packages and its problems (replayed when nothing changes)."""
        record = [Cached(str(p.format), self._name(p.path), p.size, p.files, p.key, p.path.stat().st_mtime_ns).__dict__
                  for p in packages]
        names = {p["name"] for p in record}
        others = {p.name: p.__dict__ for p in self.packages + self.others if p.name not in names and self._intact(p)}
        data = {"schema": SCHEMA, "key": self.key, "packages": record, "others": list(others.values()),
                "problems": [p.as_dict() for p in problems], "digests": self.digests.table()}
        replace_file(self.file, json.dumps(data, indent=0, sort_keys=True).encode("utf-8"))


def open_cache(source: Path, out: Path, formats: Sequence[Format] | None = None, templates: Path | None = None,
               control_files: Path | None = None, options: Mapping[Format, Options] | None = None,
               variant: str | None = None, digests: Digests | None = None) -> BuildCache:
    """The cache of `out`, keyed for `build()` with these arguments (the CLI opens it before importing the pipeline)."""
    return BuildCache(out, source, (templates, control_files), (tuple(formats or ()), options, variant), digests)
