"""The `trail` command: a thin click layer over `packager.build`.

Exit codes: 0 ok, 1 the course has problems, 2 usage error (one line, click's own or
`UsageError`), 3 internal error: a bug of ours, reported in two lines, with the
traceback only under `--debug`, so a script can tell a crash from a bad course.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import click

from packager import __version__
from packager.model import Format
from packager.problems import Problems, UsageError

# Each command imports what it needs when it runs (jinja2, lxml, markdown, the YAML parser,
# the preview server): `trail --version` and `trail --help` start in the time click takes.

EXIT_USAGE, EXIT_BUG = 2, 3
BUG_REPORT = "this is a bug in trail, please report it with the command you ran and this message"


def _report(found: Problems, as_json: bool, extra: dict[str, object] | None = None) -> None:
    problems = found.sorted()
    if as_json:
        payload: dict[str, object] = {
            "ok": not found.errors,
            "errors": len(found.errors),
            "warnings": len(found.warnings),
            "problems": [p.as_dict() for p in problems],
        }
        payload.update(extra or {})
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for problem in problems:
        click.echo(str(problem), err=True)
    errors, warnings = len(found.errors), len(found.warnings)
    if errors or warnings:
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)


def _formats(value: str | None) -> list[Format] | None:
    if not value:
        return None
    formats, bad = Format.parse([v.strip() for v in value.split(",") if v.strip()])
    if bad:
        from packager.build import supported_formats

        known = sorted(str(f) for f in supported_formats())
        raise click.BadParameter(f"{', '.join(bad)}; choose from {', '.join(known)}", param_hint="'--format'")
    return list(formats)


class PreviewFormat(click.Choice):  # type: ignore[type-arg]
    """The formats the preview can launch, looked up only when `preview` parses or shows them."""

    def __init__(self) -> None:
        super().__init__([])

    @property  # type: ignore[override]
    def choices(self) -> list[str]:
        from packager.preview import PREVIEW_FORMATS

        return [str(f) for f in PREVIEW_FORMATS]

    @choices.setter
    def choices(self, _value: object) -> None:
        pass


class TrailGroup(click.Group):
    """Turns every exception into its exit code: usage mistakes one line and 2, bugs 3."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:  # `trail --bad-option`
            _fail(exc.format_message())
            raise  # unreachable: _fail exits

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            _fail(str(exc))
        except click.UsageError as exc:  # click's own: bad option value, unknown command
            _fail(exc.format_message())
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:
            if ctx.params.get("debug") or os.environ.get("TRAIL_DEBUG"):
                traceback.print_exc()
                hint = ""
            else:
                hint = " (run `trail --debug ...` for the traceback)"
            message = str(exc).splitlines()[0][:200] if str(exc) else ""
            click.echo(f"Internal error: {type(exc).__name__}: {message}", err=True)
            click.echo(f"{BUG_REPORT}{hint}", err=True)
            sys.exit(EXIT_BUG)


def _fail(message: str) -> None:
    click.echo(f"Error: {' '.join(message.split())}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(cls=TrailGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="trail")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error (a bug to report).")
def main(debug: bool) -> None:
    """Compile a course written as plain files into SCORM, xAPI, cmi5 and web packages."""


@main.command("check")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path), default="course_source")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A theme folder to check too: it lists what the theme adds to every package.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary for scripts.")
def check_command(source: Path, templates: Path | None, as_json: bool) -> None:
    """Report every problem in the course SOURCE folder, without building."""
    from packager.build import check

    result = check(source)
    extra: dict[str, object] = {"sites": len(result.course.sites) if result.course else 0}
    theme: list[str] = []
    if templates is not None:
        from packager.build import theme_problems

        scan = theme_problems(templates, result.problems)
        extra["theme"] = {"ships": {f"trail/{rel}": str(path) for rel, path in scan.files.items()},
                          "templates": sorted(scan.templates)}
        theme = [f"theme {templates}: {len(scan.files)} file(s) shipped in every package, "
                 f"{len(scan.templates)} template(s) used (never shipped)"]
        theme += [f"  trail/{rel}  from {path}" for rel, path in sorted(scan.files.items())]
        theme += [f"  template {rel}" for rel in sorted(scan.templates)]
    _report(result.problems, as_json, extra)
    if not as_json:
        for line in theme:
            click.echo(line)
        if result.ok:
            click.echo(f"{source}: no errors, {len(result.problems.warnings)} warning(s)")
    sys.exit(0 if result.ok else 1)


@main.command("build")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path), default="course_source")
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("dist"),
              show_default=True, help="Folder for the zips.")
@click.option("--format", "-f", "formats", metavar="LIST", multiple=True,
              help="Comma-separated formats, or the option again per format "
                   "(default: the course's output.formats, else all).")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A theme folder searched before the built-in templates.")
@click.option("--control-files", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Take the official SCORM XSDs from this folder, not trail's own (checked by SHA-256).")
@click.option("--variant", "variant", metavar="NAME|all",
              help="Build the course's variant NAME (or all of them, or names separated by commas) into --out/NAME.")
@click.option("--sco-mode", type=click.Choice(["single", "per-site", "per-site-packages"]),
              help="SCORM 1.2 and 2004: one SCO for the whole trail, one per rest site plus the map, or one zip "
                   "per rest site in <course>-<format>-sites/ (default: the course's output.sco_mode, else single).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary for scripts.")
def build_command(source: Path, out: Path, formats: tuple[str, ...], templates: Path | None,
                  control_files: Path | None, variant: str | None, sco_mode: str | None, as_json: bool) -> None:
    """Build the course SOURCE folder into one zip per format in --out."""
    from packager.archive import timestamp
    from packager.output import writable_folder
    from packager.session import Session

    chosen = _formats(",".join(formats))  # `-f scorm12 -f scorm2004` is both, not the last one
    timestamp()  # a bad SOURCE_DATE_EPOCH is a usage error before anything is written
    names = None if variant is None else _variant_names(source, variant)
    targets = [(None, out)] if names is None else [(name, out / name) for name in names]
    for _, folder in targets:
        writable_folder(folder)
    started = time.perf_counter()
    problems, built, fresh = Problems(), list[Package](), 0
    shared = Session()  # what every variant shares: the course loaded, media read, texts deflated once
    options = None
    if sco_mode is not None:
        from packager.model import ScoMode
        from packager.package import with_option

        options = with_option("sco_mode", ScoMode(sco_mode))
    for name, folder in targets:
        found, packages, up_to_date = _build_one(source, folder, chosen, templates, control_files, name, shared,
                                                 show=not as_json and sys.stderr.isatty(), options=options)
        problems.items.extend(p for p in found.items if p not in problems.items)
        built += packages
        fresh += up_to_date
    seconds = time.perf_counter() - started
    summary = [{"format": fmt, "path": str(path), "bytes": size, "files": files, "written": written}
               for fmt, path, size, files, written in built]
    _report(problems, as_json, {"packages": summary, "seconds": round(seconds, 3),
                                "up_to_date": fresh == len(targets)})
    if not as_json:
        for _, path, size, files, written in built:
            click.echo(f"{path}  {size / 1024:,.0f} KB  {files} files{'' if written else '  (unchanged)'}")
        if fresh == len(targets):
            click.echo(f"nothing changed: {len(built)} package(s) in {out} are up to date; nothing was written")
        elif not problems.errors:
            kept = sum(1 for *_, written in built if not written)
            unchanged = f" ({kept} already up to date)" if kept else ""
            click.echo(f"built {len(built)} package(s) in {seconds:.1f} s{unchanged}")
    sys.exit(1 if problems.errors else 0)


Package = tuple[str, Path, int, int, bool]  # format, zip, bytes, files, written in this build


def _build_one(source: Path, out: Path, chosen: list[Format] | None, templates: Path | None,
               control_files: Path | None, variant: str | None, session: Any, show: bool,
               options: Any = None) -> tuple[Problems, list[Package], bool]:
    """One build into `out`: its problems, its packages, and whether it was up to date."""
    from packager.cache import open_cache
    from packager.output import locked

    with locked(out, waiting=lambda: click.echo(f"waiting for another trail build into {out} ...", err=True)):
        cache = open_cache(source, out, chosen, templates, control_files, options, variant=variant,
                           digests=session.digests)
        fresh = cache.fresh()
        if fresh is not None:
            packages = [(p.format, out / p.name, p.size, p.files, False) for p in fresh]
            return Problems(list(cache.problems)), packages, True
        from packager.build import build  # only now the pipeline's modules: nothing to do costs no more than the above

        result = build(source, out, chosen, templates,
                       progress=(lambda fmt: click.echo(f"  packaging {fmt} ...", err=True)) if show else None,
                       control_files=control_files, options=options, cache=cache, variant=variant, session=session)
    return result.problems, [(str(p.format), p.path, p.size, p.files, p.written) for p in result.packages], False


def _variant_names(source: Path, value: str) -> list[str] | None:
    """`--variant`'s names; `all` from course.yaml's variants (read alone, before any build).
    None when course.yaml has problems: the build then reports them."""
    names = [n.strip() for n in value.split(",") if n.strip()]
    if names != ["all"]:
        return names
    from packager.load.course_file import read_course_file

    found = Problems()
    try:
        settings = read_course_file((source / "course.yaml").read_text(encoding="utf-8"), "course.yaml", found)
    except OSError:
        return None
    if settings is None or found.errors:
        return None
    if not settings.variants:
        raise UsageError(f"--variant all: {source}/course.yaml defines no variants (see docs/authoring.md)")
    return [v.name for v in settings.variants]


@main.command("init")
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
def init_command(target: Path) -> None:
    """Write a small working course into TARGET (a new or empty folder)."""
    from packager.output import writable_folder
    from packager.scaffold import init_course

    if target.is_dir() and any(target.iterdir()):
        raise UsageError(f"{target} is not empty")
    writable_folder(target, "folder")
    try:
        init_course(target)
    except OSError as exc:
        raise UsageError(f"cannot write the course into {target}: {exc.strerror or exc}") from exc
    click.echo(f"wrote a course to {target}; next: trail check {target} && trail build {target}")


@main.command("preview")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path), default="course_source")
@click.option("--format", "-f", "fmt", type=PreviewFormat(), default="scorm2004",
              show_default=True, help="The format the stand-in LMS speaks (switchable in the page).")
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A theme folder searched before the built-in templates.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a web browser.")
def preview_command(source: Path, fmt: str, port: int, host: str, templates: Path | None, open_browser: bool) -> None:
    """Serve SOURCE inside a local LMS stand-in that logs every API call (SCORM) or statement and
    document (xAPI, cmi5, against an LRS stand-in); rebuild on every change."""
    from packager.preview import PreviewError, serve

    try:
        serve(source, Format(fmt), port=port, host=host, templates=templates, open_browser=open_browser)
    except PreviewError as exc:
        raise UsageError(str(exc)) from exc


@main.command("profile")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path), default="course_source")
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("dist"),
              show_default=True, help="Folder for the profile and the guide.")
def profile_command(source: Path, out: Path) -> None:
    """Write the course's xAPI vocabulary as an xAPI Profile (JSON-LD) and a guide for analysts."""
    from packager.build import check
    from packager.output import writable_folder
    from packager.xapi import write_profile

    result = check(source)
    if not result.ok or result.course is None:
        _report(result.problems, False)
        sys.exit(1)
    writable_folder(out)
    try:
        paths = write_profile(result.course, out)
    except OSError as exc:
        raise UsageError(f"cannot write the profile into {out}: {exc.strerror or exc}") from exc
    for path in paths:
        click.echo(str(path))


@main.command("inspect")
@click.argument("package", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON for scripts.")
def inspect_command(package: Path, as_json: bool) -> None:
    """Tell what PACKAGE (a zip, ours or not) is and every problem an LMS import would trip on.

    Exit 1 when a finding would stop an import or must be fixed before publishing."""
    from packager.inspect import inspect_package  # only this command needs it
    from packager.inspect.text import render

    report = inspect_package(package)
    click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if as_json else render(report))
    sys.exit(0 if report.ok else 1)


@main.command("report")
@click.argument("course", type=click.Path(exists=True, path_type=Path), default="course_source")
@click.option("--export", "exports", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A statement export: a JSON array or one statement per line, gzip or not (repeatable).")
@click.option("--lrs", "endpoint", envvar="TRAIL_LRS_ENDPOINT", metavar="URL",
              help="The LRS's xAPI endpoint (or TRAIL_LRS_ENDPOINT).")
@click.option("--lrs-user", envvar="TRAIL_LRS_USERNAME", help="LRS key/username (or TRAIL_LRS_USERNAME).")
@click.option("--lrs-password", envvar="TRAIL_LRS_PASSWORD", help="LRS secret (or TRAIL_LRS_PASSWORD; never printed).")
@click.option("--since", metavar="TIME", help="Only statements from this ISO 8601 time on.")
@click.option("--until", metavar="TIME", help="Only statements up to this ISO 8601 time.")
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("report"),
              show_default=True, help="Folder for report.html and the CSV files.")
@click.option("--salt", envvar="TRAIL_REPORT_SALT",
              help="Salt of the learner pseudonyms (or TRAIL_REPORT_SALT); random per run when not given.")
@click.option("--identify", is_flag=True, help="Name the learners (personal data: keep the report safe).")
@click.option("--include-text", is_flag=True, help="Include the reflection texts (without who wrote them).")
@click.option("--min-group", type=click.IntRange(min=1), default=5, show_default=True,
              help="Groups with fewer learners are suppressed.")
@click.option("--municipality", metavar="IRI", envvar="TRAIL_REPORT_MUNICIPALITY",
              help="The context extension that names the learner's municipality, for the breakdown by municipality.")
def report_command(course: Path, exports: tuple[Path, ...], endpoint: str | None, lrs_user: str | None,
                   lrs_password: str | None, since: str | None, until: str | None, out: Path, salt: str | None,
                   identify: bool, include_text: bool, min_group: int, municipality: str | None) -> None:
    """Report on how learners use COURSE (a source folder or a package zip), from an LRS or exports."""
    if bool(exports) == bool(endpoint):
        raise click.UsageError("give either --lrs URL (or TRAIL_LRS_ENDPOINT) or one or more --export FILE")
    from packager.output import writable_folder
    from packager.report.course import CourseError, read_course
    from packager.report.lrs import Endpoint, LrsError
    from packager.report.run import Options, make_report

    writable_folder(out)
    try:
        model = read_course(course)
    except CourseError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    options = Options(salt=salt, identify=identify, include_text=include_text, min_group=min_group,
                      municipality=municipality, since=since, until=until)
    lrs = Endpoint(endpoint, lrs_user, lrs_password) if endpoint and not exports else None
    try:
        result = make_report(model, out, exports=list(exports), endpoint=lrs, options=options)
    except LrsError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{result.html}  {result.learners} learners, {result.statements} statements")
    for path in result.csvs:
        click.echo(str(path))


def _setting(value: str) -> tuple[str, str]:
    key, sep, text = value.partition("=")
    if not sep or not key.strip():
        raise click.BadParameter(f"expected KEY=VALUE, got {value!r}")
    return key.strip(), text


@main.command("configure")
@click.argument("package", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--set", "changes", multiple=True, metavar="KEY=VALUE", required=True,
              help="A setting to change (repeatable): common_room_url, title, language, logo, lrs_platform.")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The configured package to write (PACKAGE itself is left as it is).")
def configure_command(package: Path, changes: tuple[str, ...], out: Path) -> None:
    """Change settings of a package trail built, without the course source.

    Only trail/settings.json changes; every other file of the zip is kept byte for byte."""
    from packager.configure import ConfigureError, SettingError, configure
    from packager.settings import describe

    if out.resolve() == package.resolve():
        raise click.UsageError("--out must be a new file; PACKAGE is kept as it is")
    try:
        new = configure(package, out, [_setting(c) for c in changes])
    except SettingError as exc:
        for line in str(exc).splitlines():
            click.echo(f"{package.name}: --set {line}", err=True)
        sys.exit(1)
    except ConfigureError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {out}")
    for line in describe(new):
        click.echo(f"  {line}")
