"""Stage 1, load: the course folder → a frozen `Course`, plus every problem found.

Loading never stops at the first problem; it reads as much as it can so that
one `trail check` shows the designer everything to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from packager.load.course_file import read_course_file
from packager.load.files import is_leftover
from packager.load.markdown_file import check_markdown, split_markdown
from packager.load.reader import MapReader, Source, parse_yaml
from packager.load.sites import SiteContext, check_markdown_links, read_site, site_order
from packager.load.stages import check_stages
from packager.model import Course, Page
from packager.problems import Problems

REQUIRED_PAGES = ("welcome", "how-it-works")
OPTIONAL_PAGES = ("about",)


@dataclass(frozen=True)
class Loaded:
    course: Course | None
    problems: Problems
    # Where things were read, for checks that span files: "course" and "<slug>" → (file, line).
    where: dict[str, tuple[str, int]] = field(default_factory=dict)
    # Every folder named like a site, read or not: (number, slug, folder as shown).
    site_folders: tuple[tuple[int, str, str], ...] = ()


def load(source: Path) -> Loaded:
    problems = Problems()
    root = source.resolve()
    display_root = source.as_posix().rstrip("/") or "."
    ctx = SiteContext(root, display_root, problems)
    course_yaml = root / "course.yaml"
    if not course_yaml.exists() and not course_yaml.is_symlink():
        problems.error(f"{display_root}/course.yaml", 0, "", "not found: a course folder needs a course.yaml")
        return Loaded(None, problems)
    text = ctx.read(course_yaml)
    if text is None:
        return Loaded(None, problems)
    settings = read_course_file(text, f"{display_root}/course.yaml", problems, root)

    pages = _read_pages(root / "pages", ctx)
    folders = sorted((p for p in _entries(root / "sites", ctx) if p.is_dir()), key=site_order)
    if not folders:
        problems.error(f"{display_root}/sites", 0, "", "expected at least one site folder such as sites/01-first-site/")
    sites = [s for s in (read_site(f, ctx) for f in folders) if s is not None]

    if settings is None:
        return Loaded(None, problems)
    course = Course(
        id=settings.id,
        slug=settings.slug,
        title=settings.title,
        description=settings.description,
        language=settings.language,
        version=settings.version,
        completion=settings.completion,
        passing_score=settings.passing_score,
        common_room_url=settings.common_room_url,
        formats=settings.formats,
        variants=settings.variants,
        pages=tuple(pages),
        sites=tuple(sites),
        assets=tuple(sorted(ctx.assets.values(), key=lambda a: a.target.as_posix())),
        scoring=settings.scoring,
        stages=settings.stages,
        sco_mode=settings.sco_mode,
    )
    course_file = f"{display_root}/course.yaml"
    check_stages(settings.stages, settings.stage_lines, [n for n, _, _ in ctx.folders], course_file, problems)
    where = {f"course.{key}": (course_file, line) for key, line in settings.lines.items()}
    where.update(ctx.where)
    return Loaded(course, problems, where, tuple(ctx.folders))


def _entries(folder: Path, ctx: SiteContext) -> list[Path]:
    """The entries of a course folder, sorted, without editor and OS leftovers; an unreadable
    folder is a problem."""
    if not folder.is_dir():
        return []
    try:
        entries = sorted(p for p in folder.iterdir() if not is_leftover(p.name))
    except OSError as exc:
        ctx.problems.error(ctx.display(folder), 0, "", f"cannot be read: {(exc.strerror or str(exc)).lower()}")
        return []
    return entries


def _read_pages(folder: Path, ctx: SiteContext) -> list[Page]:
    pages: list[Page] = []
    known = REQUIRED_PAGES + OPTIONAL_PAGES
    for name in REQUIRED_PAGES:
        page = folder / f"{name}.md"
        if not page.exists() and not page.is_symlink():
            ctx.problems.error(f"{ctx.display_root}/pages/{name}.md", 0, "", "not found: this page is required")
    found = [p for p in _entries(folder, ctx) if p.suffix == ".md"]
    for path in sorted(found, key=lambda p: (known.index(p.stem) if p.stem in known else 99, p.name)):
        file = ctx.display(path)
        if path.stem not in known:
            ctx.problems.error(file, 0, "", f"unknown page; expected one of {', '.join(known)}")
            continue
        text = ctx.read(path)
        if text is None:
            continue
        doc = split_markdown(text, file, ctx.problems)
        source = Source(file, doc.front_offset)
        front = MapReader.of(parse_yaml(doc.front_matter or "", source, ctx.problems), source, ctx.problems, line=1)
        title = front.text("title", required=True) if front else ""
        if front:
            front.finish()
        body = []
        for seg in doc.segments:
            if seg.kind != "text":
                ctx.problems.error(file, seg.fence_line, "", "pages hold text only; blocks belong in sites")
                continue
            check_markdown_links(seg.text, seg.offset, "pages", "pages", file, ctx)
            check_markdown(seg.text, seg.offset, file, ctx.problems)
            body.append(seg.text.strip("\n"))
        pages.append(Page(path.stem, title, "\n\n".join(body)))
    return pages
