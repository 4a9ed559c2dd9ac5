"""One rest site: `sites/NN-slug/site.md` with its blocks, quiz file and media."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from packager.load.files import read_bytes, read_text
from packager.load.markdown_file import Segment, check_markdown, split_markdown
from packager.load.media import HEAD, WHOLE_FILE_CHECKS, content_problems
from packager.load.questions import QUESTION_ID, read_questions
from packager.load.reader import MapReader, Source, item_line, parse_yaml
from packager.model import (
    Asset,
    Block,
    CalloutBlock,
    MapPosition,
    QuizBlock,
    ReflectionBlock,
    Site,
    SourceRef,
    SourcesBlock,
    TextBlock,
    VideoBlock,
)
from packager.paths import is_local, leaves_its_folder, link_problem, package_target, source_relative, unsafe_name_part
from packager.problems import Problems

SITE_FOLDER = re.compile(r"^(\d{2,})-([a-z0-9]+(?:-[a-z0-9]+)*)$")
VIDEO_TYPES = (".mp4", ".webm")
POSTER_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
_md = MarkdownIt("commonmark").enable("table")


@dataclass
class SiteContext:
    """What reading one file needs: the course root, where to report, what to collect."""

    root: Path
    display_root: str
    problems: Problems
    assets: dict[str, Asset] = field(default_factory=dict)
    where: dict[str, tuple[str, int]] = field(default_factory=dict)
    ids: list[tuple[str, str, int]] = field(default_factory=list)  # this site's (id, file, line)
    # Every folder named like a site, loaded or not: (number, slug, folder as shown), so the
    # numbering check never blames the next site for one whose site.md could not be read.
    folders: list[tuple[int, str, str]] = field(default_factory=list)

    def display(self, path: Path) -> str:
        try:
            return f"{self.display_root}/{path.relative_to(self.root).as_posix()}"
        except ValueError:  # a resolved link that left the course
            return path.as_posix()

    def read(self, path: Path) -> str | None:
        """A course text file (see `files`), or None after reporting why it cannot be read."""
        return read_text(path, self.root, self.display(path), self.problems)

    def link(self, url: str, file: str, line: int, key: str) -> None:
        """A web address a learner can follow: https, or http with a warning."""
        problem = link_problem(url)
        if problem is not None:
            (self.problems.error if problem[0] else self.problems.warn)(file, line, key, problem[1])

    def media(self, ref: str, folder: str, slug: str, file: str, line: int, key: str,
              suffixes: tuple[str, ...] = ()) -> str | None:
        """Check a local file reference and register it; return its package path."""
        if not is_local(ref):
            if not ref.startswith("#"):
                self.link(ref, file, line, key)
            return ref
        bad = unsafe_name_part(ref)
        if bad is not None:
            self.problems.error(
                file, line, key, f"file names must be lower-case ASCII (a-z, 0-9, -, _, .), got {bad!r}"
            )
            return None
        if leaves_its_folder(ref):
            self.problems.error(file, line, key, f"{ref!r} leaves the site's folder; keep the file beside site.md, "
                                "or put a shared file in the course's media/ folder and write /media/<name>")
            return None
        path = self.root / source_relative(folder, ref).as_posix()
        if not path.exists() and not path.is_symlink():
            self.problems.error(file, line, key, f"file {ref!r} does not exist (looked for {self.display(path)})")
            return None
        if suffixes and path.suffix.lower() not in suffixes:
            self.problems.error(file, line, key, f"expected a {' or '.join(suffixes)} file, got {ref!r}")
            return None
        suffix = path.suffix.lower()
        data = read_bytes(path, self.root, file, self.problems, line, key, subject=repr(ref),
                          limit=-1 if suffix in WHOLE_FILE_CHECKS else HEAD)
        if data is None:
            return None
        problems = content_problems(data, suffix, ref)
        for message in problems:
            self.problems.error(file, line, key, f"{ref!r} {message}")
        if problems:
            return None
        target = package_target(slug, ref)
        self.assets.setdefault(target.as_posix(), Asset(str(path.resolve()), target))
        return target.as_posix()


def site_order(folder: Path) -> tuple[int, str]:
    """Folders by their number, whatever its width (09 before 10, 99 before 100), then by name."""
    number = folder.name.split("-", 1)[0]
    return (int(number) if number.isdigit() else -1, folder.name)


def read_site(folder: Path, ctx: SiteContext) -> Site | None:
    match = SITE_FOLDER.match(folder.name)
    if match is None:
        ctx.problems.error(
            ctx.display(folder), 0, "", "site folders are named NN-slug, e.g. 01-first-site (lower-case ASCII)"
        )
        return None
    number, slug = int(match.group(1)), match.group(2)
    ctx.folders.append((number, slug, ctx.display(folder)))
    site_md = folder / "site.md"
    file = ctx.display(site_md)
    if not site_md.exists() and not site_md.is_symlink():
        ctx.problems.error(file, 0, "", "every site folder needs a site.md")
        return None
    text = ctx.read(site_md)
    if text is None:
        return None
    doc = split_markdown(text, file, ctx.problems)
    if doc.front_matter is None:
        if doc.front_closed:
            ctx.problems.error(
                file, 1, "", "expected front matter between '---' lines with title, summary, minutes and map"
            )
        return None
    front = MapReader.of(parse_yaml(doc.front_matter, Source(file, doc.front_offset), ctx.problems),
                         Source(file, doc.front_offset), ctx.problems, line=1)
    if front is None:
        return None
    title = front.text("title", required=True)
    summary = front.text("summary", required=True)
    minutes = front.integer("minutes", required=True, low=1, high=600)
    position = MapPosition(0, 0)
    where = front.mapping("map", required=True)
    if where is not None:
        position = MapPosition(where.number("x", required=True), where.number("y", required=True))
        where.finish()
    front.finish()

    folder_rel = folder.relative_to(ctx.root).as_posix()
    ctx.where[slug] = (file, 1)
    ctx.where[f"{slug}/folder"] = (ctx.display(folder), 0)
    blocks: list[Block] = []
    ctx.ids = []
    for segment in doc.segments:
        block = _block(segment, folder_rel, slug, file, ctx)
        if block is not None:
            blocks.append(block)
    _unique_ids(ctx)
    return Site(number, slug, title, summary, minutes, position, tuple(blocks))


def check_markdown_links(text: str, offset: int, folder: str, slug: str, file: str, ctx: SiteContext) -> None:
    if "[" not in text and "<" not in text:  # every CommonMark link, image or autolink needs one: skip the parse
        return
    for token in _md.parse(text):
        for child in token.children or ():
            ref = child.attrGet("href") if child.type == "link_open" else child.attrGet("src")
            if child.type in ("link_open", "image") and isinstance(ref, str):
                line = offset + (token.map[0] + 1 if token.map else 1)
                ctx.media(ref, folder, slug, file, line, "link")


def _block(seg: Segment, folder: str, slug: str, file: str, ctx: SiteContext) -> Block | None:
    if seg.kind == "text":
        check_markdown_links(seg.text, seg.offset, folder, slug, file, ctx)
        check_markdown(seg.text, seg.offset, file, ctx.problems)
        return TextBlock(seg.text.strip("\n"))
    source = Source(file, seg.offset)
    if seg.kind == "sources":
        return _sources(parse_yaml(seg.text, source, ctx.problems), source, seg.fence_line, ctx.problems)
    reader = MapReader.of(parse_yaml(seg.text, source, ctx.problems), source, ctx.problems, seg.kind, seg.fence_line)
    if reader is None:
        return None
    if seg.kind == "video":
        return _video(reader, folder, slug, file, ctx)
    if seg.kind == "quiz":
        return _quiz(reader, folder, slug, file, ctx)
    if seg.kind == "reflection":
        rid = reader.text("id", required=True)
        if rid and not QUESTION_ID.match(rid):
            reader.error("id", f"expected lower-case letters, digits and '-', got {rid!r}")
        prompt = reader.text("prompt", required=True)
        check_markdown(prompt, reader.line_of("prompt"), file, ctx.problems)
        reader.finish()
        ctx.ids.append((rid, file, reader.line_of("id")))
        return ReflectionBlock(rid, prompt)
    if seg.kind == "callout":
        title = reader.text("title", required=True)
        text = reader.text("text", required=True)
        reader.finish()
        check_markdown_links(text, reader.line_of("text"), folder, slug, file, ctx)
        check_markdown(text, reader.line_of("text"), file, ctx.problems)
        return CalloutBlock(title, text)
    ctx.problems.error(file, seg.fence_line, "", f"unknown block '::: {seg.kind}'; "
                       "expected video, quiz, reflection, callout or sources")
    return None


def _sources(value: Any, source: Source, fence: int, problems: Problems) -> SourcesBlock | None:
    """`::: sources`: a YAML list of {title, url, publisher}; a book may have no url, an address is absolute."""
    if not isinstance(value, list) or not value:
        problems.error(source.file, fence, "sources", "expected a list of sources, each with title: and url:")
        return None
    items = []
    for i, item in enumerate(value):
        r = MapReader.of(item, source, problems, f"sources[{i}]", item_line(value, i, source, fence))
        if r is None:
            continue
        title, url = r.text("title", required=True), r.text("url")
        publisher = r.text("publisher")
        problem = link_problem(url) if url else None
        if problem is not None:
            (r.error if problem[0] else r.warn)("url", problem[1])
        r.finish()
        items.append(SourceRef(title, url, publisher))
    return SourcesBlock(tuple(items))


def _video(r: MapReader, folder: str, slug: str, file: str, ctx: SiteContext) -> VideoBlock:
    title = r.text("title", required=True)
    src, url = r.text("src") or None, r.text("url") or None
    names_src = src is not None  # a poster's error is its own mistake, not a bad src's echo
    if (src is None) == (url is None):
        r.error("src", "a video needs either src (a local file) or url (an external page), not both")
    if src is not None:
        if not is_local(src):
            r.error("src", f"src is a local file; put web addresses in url, got {src!r}")
            src = None
        else:
            src = ctx.media(src, folder, slug, file, r.line_of("src"), r.key_path("src"), VIDEO_TYPES)
    if url is not None:
        ctx.link(url, file, r.line_of("url"), r.key_path("url"))
    captions = r.text("captions") or None
    if captions is not None:
        captions = ctx.media(captions, folder, slug, file, r.line_of("captions"), r.key_path("captions"), (".vtt",))
    elif src is not None:
        r.warn("src", "this video has no captions; add a WebVTT file with captions:")
    poster = r.text("poster") or None
    if poster is not None:
        if not names_src:
            r.error("poster", "a poster is shown in the player; only a video with src has one")
        poster = ctx.media(poster, folder, slug, file, r.line_of("poster"), r.key_path("poster"), POSTER_TYPES)
    transcript = r.text("transcript", required=True)
    check_markdown(transcript, r.line_of("transcript"), file, ctx.problems)
    r.finish()
    return VideoBlock(title, src, url, captions, transcript, poster)


def _quiz(r: MapReader, folder: str, slug: str, file: str, ctx: SiteContext) -> QuizBlock | None:
    attempts = r.integer("attempts", low=0, high=10)
    quiz_file = r.text("file") or None
    value: Any = r.raw("questions")
    if (quiz_file is None) == (value is None):
        r.error("file", "a quiz needs either file: (a YAML file beside site.md) or questions:, not both")
        r.finish()
        return None
    r.finish()
    if value is not None:
        return QuizBlock(read_questions(value, r.line_of("questions"), "quiz.questions",
                                        r.source, ctx.problems, ctx.ids, ctx.where, f"{slug}/questions/"), attempts)
    assert quiz_file is not None
    path = ctx.root / folder / quiz_file
    if "/" in quiz_file or "\\" in quiz_file or not (path.exists() or path.is_symlink()):
        r.error("file", f"expected a YAML file beside site.md, {quiz_file!r} does not exist")
        return None
    text = ctx.read(path)
    if text is None:
        return None
    qfile = ctx.display(path)
    qsource = Source(qfile)
    data = parse_yaml(text, qsource, ctx.problems)
    if isinstance(data, dict):
        qr = MapReader.of(data, qsource, ctx.problems)
        assert qr is not None
        if qr.has("attempts"):
            attempts = qr.integer("attempts", low=0, high=10)
        value = qr.raw("questions", required=True)
        questions = () if value is None else read_questions(value, qr.line_of("questions"), "questions", qsource,
                                                            ctx.problems, ctx.ids, ctx.where, f"{slug}/questions/")
        qr.finish()
        return QuizBlock(questions, attempts)
    questions = read_questions(data, 1, "", qsource, ctx.problems, ctx.ids, ctx.where, f"{slug}/questions/")
    return QuizBlock(questions, attempts)


def _unique_ids(ctx: SiteContext) -> None:
    """Question and reflection ids share one namespace in a site: both become interaction ids."""
    first: dict[str, tuple[str, int]] = {}
    for local_id, file, line in ctx.ids:
        if local_id and local_id in first:
            where = first[local_id]
            ctx.problems.error(file, line, "id", f"{local_id!r} is already used at {where[0]}:{where[1]}; "
                               "question and reflection ids must be unique in a site")
        first.setdefault(local_id, (file, line))
