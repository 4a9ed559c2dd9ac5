"""The pipeline, top to bottom: load → validate → render → package → archive.

A library API that works without click: `check()` and `build()` return
results carrying every problem; they raise only for bugs, never for the course.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from packager import variants
from packager.archive import unsafe_names, write_zips
from packager.cache import BuildCache, open_cache
from packager.files import Files
from packager.load import load
from packager.model import Course, Format
from packager.output import Staging, locked
from packager.package import FORMATS
from packager.package.control_files import scorm_control_files
from packager.package.format import Options
from packager.package.rules import ManifestRuleError
from packager.package.site_packages import parts
from packager.problems import Problems
from packager.session import Session
from packager.theme import ThemeScan, scan_theme
from packager.validate import validate

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Built:
    format: Format
    path: Path
    size: int
    files: int
    written: bool = True  # False: the zip was already as this build would write it (packager.cache)
    key: str = ""  # the zip's entries, for the next build's cache


@dataclass
class Result:
    problems: Problems
    course: Course | None = None
    packages: list[Built] = field(default_factory=list)
    up_to_date: bool = False  # nothing changed since the last build into this folder: nothing was written

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def supported_formats() -> tuple[Format, ...]:
    return tuple(FORMATS)


def check(source: Path, formats: Sequence[Format] | None = None,
          options: Mapping[Format, Options] | None = None) -> Result:
    """Every problem of the course, for building `formats` (default: the course's output.formats) with `options`."""
    loaded = load(source)
    problems = loaded.problems
    problems.items.extend(validate(loaded, formats, options).items)
    return Result(problems, loaded.course)


class Package(NamedTuple):
    """One package of a build: its format, its files, and the zip's path in the output folder
    (`<course>-<format>.zip`, or one per site in a folder: `package/site_packages.py`)."""

    format: Format
    files: Files
    name: str


PackageSink = Callable[[Course, Sequence[Package]], list[Built]]  # the last stage: where packages go


def zips(out: Path, cache: BuildCache | None = None, session: Session | None = None) -> PackageSink:
    """The archive stage: one deterministic zip per package in `out`; with the folder's `cache`,
    a zip whose entries did not change since the last build is left as it is; with a `session`,
    what another build of the command deflated is not deflated again."""

    def write(course: Course, packages: Sequence[Package]) -> list[Built]:
        targets = [out / p.name for p in packages]
        keys = [cache.zip_key(p.files) if cache else "" for p in packages]
        kept = [cache.unchanged(target, key) if cache else None for target, key in zip(targets, keys, strict=True)]
        with Staging(out) as staging:  # all or nothing: every zip is written before any replaces its old one
            todo = [(p.files, staging.path / p.name)
                    for p, old in zip(packages, kept, strict=True) if old is None]
            sizes = iter(write_zips(todo, cache.digests if cache else None,  # media read once; unchanged: not at all
                                    session.deflated if session else None))
            staging.commit([p.name for p, old in zip(packages, kept, strict=True) if old is None])
        return [Built(p.format, target, old.size if old else next(sizes), len(p.files), old is None, key)
                for p, target, old, key in zip(packages, targets, kept, keys, strict=True)]

    return write


def build(
    source: Path,
    out: Path | PackageSink,
    formats: Sequence[Format] | None = None,
    templates: Path | None = None,
    progress: Progress | None = None,
    control_files: Path | None = None,
    options: Mapping[Format, Options] | None = None,
    cache: BuildCache | None = None,
    variant: str | None = None,
    session: Session | None = None,
) -> Result:
    """Every stage, top to bottom; the one place they run (`trail preview` calls it too).

    `out`: a folder for the zips, or a `PackageSink` that takes the packages' files
    (the preview writes them to a folder it serves). `options`: a format's build
    options (its `OutputFormat.options` type); defaults otherwise. A mistake in a
    theme (`--templates`) is a problem with its file and line, like a course's.
    `cache`: the folder's incremental build cache, when the caller opened it already.
    `variant`: build the course's variant of this name (course.yaml `variants:`) into `out`.
    `session`: what the command's other builds (its other variants) made, taken instead of made again.
    """
    if isinstance(out, Path):  # one build at a time into a folder: a second one waits for this one
        with locked(out):
            return _build(source, out, formats, templates, progress, control_files, options, cache, variant, session)
    return _build(source, out, formats, templates, progress, control_files, options, cache, variant, session)


def _build(
    source: Path,
    out: Path | PackageSink,
    formats: Sequence[Format] | None,
    templates: Path | None,
    progress: Progress | None,
    control_files: Path | None,
    options: Mapping[Format, Options] | None,
    cache: BuildCache | None,
    variant: str | None,
    session: Session | None,
) -> Result:
    if isinstance(out, Path):
        cache = cache or open_cache(source, out, formats, templates, control_files, options, variant)
        fresh = cache.fresh()
        if fresh is not None:  # the same inputs as the zips in `out` were built from: nothing to do
            return Result(Problems(list(cache.problems)), None, up_to_date=True, packages=[
                Built(Format(p.format), out / p.name, p.size, p.files, written=False) for p in fresh])
    # a format left out cannot stop the others (e.g. SCORM 1.2's state limit)
    result = _checked(source, formats, options, session)
    course = result.course
    if not result.ok or course is None:
        return result
    if templates is not None:
        theme_problems(templates, result.problems)
        if not result.ok:
            return result
    if variant is not None:  # the variant's settings, logo and colours; its content is the course's
        if not isinstance(out, Path):
            raise TypeError("a variant is built into a folder, not a PackageSink")
        try:
            picked = variants.named(course, variant)
        except variants.UnknownVariant as exc:
            result.problems.error(f"{source.as_posix().rstrip('/')}/course.yaml", 0, "variants", str(exc))
            return result
        course, templates = variants.apply(course, picked), variants.theme(picked, templates, out)
    chosen = tuple(formats) if formats else course.formats
    controls: dict[Format, Files] = {}
    for fmt in chosen:  # the bundled official schemas, or the --control-files override
        controls[fmt], missing_files = scorm_control_files(FORMATS[fmt].control_files, control_files)
        for message in missing_files:
            result.problems.error(str(control_files), 0, "--control-files", message)
    if not result.ok:
        return result
    from packager.render import Markdown, Renderer, ThemeError  # jinja2 and the catalogues: only a build needs them

    packages: list[Package] = []
    try:
        if session is not None and session.markdown is None:
            session.markdown = Markdown()
        markdown = session.markdown if session is not None else Markdown()  # shared by every renderer below
        renderer = Renderer(course, templates, markdown=markdown)
        for fmt in chosen:
            if progress:
                progress(str(fmt))
            spec, chosen_options = FORMATS[fmt], (options or {}).get(fmt)
            for part in parts(course, fmt, spec.per_site_packages(course, chosen_options)):
                # a site's own package: the course cut to that site, the rest of the trail drawn on its map
                part_renderer = renderer if part.site is None else Renderer(
                    part.course, templates, trail=course, markdown=markdown)
                try:
                    files = spec.package(part.course, part_renderer.files(fmt), chosen_options)
                except ManifestRuleError as exc:  # a bug of ours or of a --templates override
                    for message in exc.problems:
                        result.problems.error(part.name, 0, "imsmanifest.xml", message)
                    continue
                files.update(controls.get(fmt, {}))  # at the root, beside the manifest that names them
                _unsafe_names(files, result.problems)
                packages.append(Package(fmt, files, part.name))
        if result.ok:
            sink = zips(out, cache, session) if isinstance(out, Path) else out
            result.packages.extend(sink(course, packages))
            if cache is not None and result.ok:
                cache.save(result.packages, result.problems.items)
    except ThemeError as exc:
        result.problems.error(exc.file, exc.line, "", exc.message)
    except OSError as exc:  # a file deleted or unreadable between check and copy
        result.problems.error(str(exc.filename or ""), 0, "", (exc.strerror or str(exc)).lower())
    return result


def _checked(source: Path, formats: Sequence[Format] | None, options: Mapping[Format, Options] | None,
             session: Session | None) -> Result:
    """`check()`, once per command for the same source and formats (a session's variants share it)."""
    if session is None:
        return check(source, formats, options)
    key = (source.resolve(), tuple(formats) if formats else None, repr(options))
    if key not in session.checked:
        result = check(source, formats, options)
        session.checked[key] = (result.course, list(result.problems.items))
    course, items = session.checked[key]
    return Result(Problems(list(items)), course)


def theme_problems(templates: Path, problems: Problems) -> ThemeScan:
    """A `--templates` folder by the theme rules (`packager.theme`): links out of it are errors,
    files of other kinds warnings (they are left out); returns what it ships."""
    scan = scan_theme(templates)
    for note in scan.notes:
        (problems.error if note.error else problems.warn)(note.file, 0, "", note.message)
    return scan


def _unsafe_names(files: Files, problems: Problems) -> None:
    """A file no package can carry by that name (a theme's `My Logo.svg`): named at its source."""
    for name in sorted(unsafe_names(files)):  # a theme file is in every format: reported once
        content = files[name]
        where = str(content) if isinstance(content, Path) else name
        message = (f"{name!r} cannot be a file name in a package: use only letters A-Z and a-z, digits, "
                   "'_', '.', '-' and '/' between folders (LMSs and zip tools mangle the rest)")
        if not any(p.file == where and p.message == message for p in problems.items):
            problems.error(where, 0, "", message)
