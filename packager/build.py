"""The pipeline, top to bottom: load → validate → render → package → archive.

A library API that works without click: `check()` and `build()` return
results carrying every problem; they raise only for bugs, never for the course.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from packager.archive import write_zips
from packager.files import Files
from packager.load import load
from packager.model import Course, Format
from packager.package import FORMATS
from packager.package.control_files import scorm_control_files
from packager.package.format import Options
from packager.package.rules import ManifestRuleError
from packager.problems import Problems
from packager.validate import validate

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Built:
    format: Format
    path: Path
    size: int
    files: int


@dataclass
class Result:
    problems: Problems
    course: Course | None = None
    packages: list[Built] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def supported_formats() -> tuple[Format, ...]:
    return tuple(FORMATS)


def check(source: Path, formats: Sequence[Format] | None = None) -> Result:
    """Every problem of the course, for building `formats` (default: the course's output.formats)."""
    loaded = load(source)
    problems = loaded.problems
    problems.items.extend(validate(loaded, formats).items)
    return Result(problems, loaded.course)


def build(
    source: Path,
    out: Path,
    formats: Sequence[Format] | None = None,
    templates: Path | None = None,
    progress: Progress | None = None,
    control_files: Path | None = None,
    options: Mapping[Format, Options] | None = None,
) -> Result:
    """`options`: a format's build options (its `OutputFormat.options` type); defaults otherwise."""
    result = check(source, formats)  # a format left out cannot stop the others (e.g. SCORM 1.2's state limit)
    course = result.course
    if not result.ok or course is None:
        return result
    chosen = tuple(formats) if formats else course.formats
    controls: dict[Format, Files] = {}
    for fmt in chosen:  # the bundled official schemas, or the --control-files override
        controls[fmt], missing_files = scorm_control_files(FORMATS[fmt].control_files, control_files)
        for message in missing_files:
            result.problems.error(str(control_files), 0, "--control-files", message)
    if not result.ok:
        return result
    from packager.render import Renderer  # jinja2 and the catalogues: only a build needs them, not a check

    renderer = Renderer(course, templates)
    jobs: list[tuple[Format, Files, Path]] = []
    for fmt in chosen:
        if progress:
            progress(str(fmt))
        try:
            files = FORMATS[fmt].package(course, renderer.files(fmt), (options or {}).get(fmt))
        except ManifestRuleError as exc:  # a bug of ours or of a --templates override
            for message in exc.problems:
                result.problems.error(f"{course.slug}-{fmt}.zip", 0, "imsmanifest.xml", message)
            continue
        files.update(controls.get(fmt, {}))  # at the root, beside the manifest that names them
        jobs.append((fmt, files, out / f"{course.slug}-{fmt}.zip"))
    sizes = write_zips([(files, target) for _, files, target in jobs])  # media read once for every zip
    result.packages.extend(Built(fmt, target, size, len(files))
                           for (fmt, files, target), size in zip(jobs, sizes, strict=True))
    return result
