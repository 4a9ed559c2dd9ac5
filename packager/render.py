"""Stage 3, render: the course → the learner app's files, shared by every format.

Markdown is rendered once per build; `index.html` once for every format whose
page can differ only in its data JSON (`packager.render_share`), which is put in
per format.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from packager import ids
from packager.files import Files
from packager.i18n import translations
from packager.model import (
    CalloutBlock,
    Course,
    Format,
    QuizBlock,
    ReflectionBlock,
    SourcesBlock,
    TextBlock,
    VideoBlock,
)
from packager.package import output_format
from packager.paths import is_local, package_target
from packager.render_blocks import callout_html, figures, focusable_tables, sources_html
from packager.render_share import SharedPage
from packager.runtime_data import CourseData, course_data, outline, script_json, site_payload, site_script
from packager.runtime_files import joined, source
from packager.settings import SETTINGS_PATH, course_settings, encode_settings
from packager.theme import default_templates, scan_theme, template_cache
from packager.trail_map import MAP_HEIGHT, MAP_WIDTH, map_point, marker_labels, stage_groups, trail_path

TEMPLATE_NAME = "index.html.j2"


def site_path(slug: str) -> str:
    """A site's own file in the package, loaded by trail.js when the site opens."""
    return f"sites/{slug}.js"


def adapter_source(fmt: Format) -> bytes:
    """`trail/adapter.js` of a format: its adapter and the shared code it needs."""
    return joined(output_format(fmt).adapter)


EMPTY = Markup("")


class ThemeError(Exception):
    """A template of the theme (ours or a `--templates` folder's) that does not render."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file, self.line, self.message = file, line, message


def theme_error(exc: jinja2.TemplateError) -> ThemeError:
    """The template file and line of a jinja2 error (a syntax error knows them; a runtime
    error, e.g. an undefined name, is found in the traceback frame jinja2 gives the template)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return ThemeError(exc.filename or exc.name or TEMPLATE_NAME, exc.lineno, exc.message or str(exc))
    file, line = TEMPLATE_NAME, 0
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            file, line = name, tb.tb_lineno
        tb = tb.tb_next
    return ThemeError(file, line, exc.message or str(exc))


@dataclass(frozen=True)
class View:
    """A rendered block or page, as the template sees it."""

    kind: str
    html: Markup = EMPTY
    title: str = ""
    slug: str = ""
    src: str | None = None
    url: str | None = None
    captions: str | None = None
    transcript_html: Markup = EMPTY
    prompt_html: Markup = EMPTY
    dom_id: str = ""
    id: str = ""
    attempts: int = 0
    questions: tuple[Any, ...] = ()
    question: Any = None
    data: Any = None
    site: Any = None
    blocks: tuple[View, ...] = ()
    index: int = 0  # a video's index in its site's "videos" (what the tracker reports on)
    poster: str = ""  # a video's still before it plays: the designer's file, or a drawn one (a data: URI)
    x: float = 0.0  # a site's place on the trail map
    y: float = 0.0


class Markdown:
    """CommonMark without raw HTML, with local links rewritten to package paths; each text
    rendered once however many renderers (a command's variants) ask for it."""

    def __init__(self) -> None:
        self.md = MarkdownIt("commonmark", {"html": False}).enable("table")
        self.done: dict[tuple[str, str, bool], Markup] = {}

    def __call__(self, text: str, slug: str = "pages", inline: bool = False) -> Markup:
        key = (text, slug, inline)
        if key not in self.done:
            self.done[key] = self._render(text, slug, inline)
        return self.done[key]

    def _render(self, text: str, slug: str, inline: bool) -> Markup:
        tokens = self.md.parseInline(text) if inline else self.md.parse(text)
        figures(tokens)
        focusable_tables(tokens)
        for token in tokens:
            for child in token.children or ():
                for attr in ("href", "src"):
                    ref = child.attrGet(attr)
                    if isinstance(ref, str) and is_local(ref):
                        child.attrSet(attr, package_target(slug, ref).as_posix())
                if child.type == "link_open" and not is_local(str(child.attrGet("href") or "#")):
                    child.attrSet("rel", "noopener")
        html = self.md.renderer.render(tokens, self.md.options, {})
        return Markup(html.strip())


def _xml_text(text: str) -> str:
    """XML character data (xml.sax.saxutils.escape, whose import pulls in urllib.request, http and ssl)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def drawn_poster(title: str) -> str:
    """A still for a video without a poster: the theme's landscape, a play sign and the title.

    Without one the player is a black box saying 0:00 until it plays. Drawn as an SVG data: URI,
    so no file is added to the package.
    """
    size = 44 if len(title) <= 40 else 30
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1280 720'>"
        "<rect width='1280' height='720' fill='#1f4f38'/>"
        "<path d='M0 560C240 470 420 520 640 590S1040 500 1280 450V720H0Z' fill='#2d6a4d'/>"
        "<path d='M0 640C300 580 520 650 800 660S1100 600 1280 590V720H0Z' fill='#275d44'/>"
        "<circle cx='640' cy='230' r='84' fill='#fff'/><path d='M612 185v90l78-45z' fill='#1f4f38'/>"
        f"<text x='640' y='400' text-anchor='middle' font-family='system-ui,sans-serif' font-size='{size}' "
        f"font-weight='700' fill='#fff'>{_xml_text(title)}</text></svg>"
    )
    return "data:image/svg+xml," + quote(svg, safe="=:/,'")


def stable_shuffle(items: Any, seed: str) -> list[Any]:
    """A shuffle that is the same on every build, and never the original order."""
    out = list(items)
    if len(out) < 2:
        return out
    rng = random.Random(seed)
    original = list(out)
    for _ in range(10):
        rng.shuffle(out)
        if out != original:
            break
    return out


class Renderer:
    """`trail`: the whole course when `course` is one site's part of it (`sco_mode: per-site-packages`):
    the map then draws the trail's other sites as places found in the LMS, not links. `markdown`: a
    `Markdown` other renderers of the command use too (its texts rendered once for all)."""

    def __init__(self, course: Course, templates: Path | None = None, trail: Course | None = None,
                 markdown: Markdown | None = None) -> None:
        self.course = course
        self.trail = trail
        self.search = [p for p in (templates, default_templates()) if p is not None]
        md = markdown or Markdown()
        self.pages = tuple(View("page", md(p.markdown), p.title, p.slug) for p in course.pages)
        # Format-independent HTML, rendered once: per (site, block), and per (site, block, question).
        self.block_html: dict[tuple[int, int], Markup] = {}
        self.prompt_html: dict[tuple[int, int, int], Markup] = {}
        for site in course.sites:
            for b, block in enumerate(site.blocks):
                key, dom = (site.number, b), f"s{site.number:02d}-b{b + 1}"
                if isinstance(block, TextBlock):
                    self.block_html[key] = md(block.markdown, site.slug)
                elif isinstance(block, VideoBlock):
                    self.block_html[key] = md(block.transcript, site.slug)
                elif isinstance(block, ReflectionBlock):
                    self.block_html[key] = md(block.prompt, site.slug)
                elif isinstance(block, CalloutBlock):
                    self.block_html[key] = callout_html(block, md(block.markdown, site.slug), f"{dom}-title")
                elif isinstance(block, SourcesBlock):
                    self.block_html[key] = sources_html(block, str(course.language), f"{dom}-title")
                else:
                    for q, question in enumerate(block.questions):
                        self.prompt_html[(site.number, b, q)] = md(question.prompt, site.slug, inline=True)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(p) for p in self.search]),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            extensions=["jinja2.ext.i18n"],
            keep_trailing_newline=True,
            bytecode_cache=template_cache(),
        )
        self.env.install_gettext_translations(translations(str(course.language)), newstyle=True)  # type: ignore[attr-defined]
        self.env.filters["stable_shuffle"] = stable_shuffle
        self._page: SharedPage | None = None

    def site_views(self, data: CourseData) -> tuple[View, ...]:
        """The sites as the template sees them, with the ids and answers of the format's `data`."""
        views = []
        for site, site_blocks in zip(self.course.sites, data.blocks, strict=True):
            blocks: list[View] = []
            videos = 0
            for b, (block, block_data) in enumerate(zip(site.blocks, site_blocks, strict=True)):
                html = self.block_html.get((site.number, b), Markup(""))
                dom = f"s{site.number:02d}-b{b + 1}"
                if isinstance(block, TextBlock | CalloutBlock | SourcesBlock):
                    blocks.append(View("text", html=html))
                elif isinstance(block, VideoBlock):
                    blocks.append(View("video", title=block.title, src=block.src, url=block.url,
                                       poster=block.poster or drawn_poster(block.title),
                                       captions=block.captions, transcript_html=html, dom_id=dom,
                                       data=block_data.video, index=videos))
                    videos += 1
                elif isinstance(block, ReflectionBlock):
                    blocks.append(View("reflection", id=block.id, prompt_html=html, dom_id=dom,
                                       data=block_data.reflection))
                elif isinstance(block, QuizBlock):
                    questions = tuple(
                        View("question", question=q, dom_id=f"{dom}-{q.id}",
                             prompt_html=self.prompt_html[(site.number, b, i)], data=question_json)
                        for i, (q, question_json) in enumerate(zip(block.questions, block_data.questions, strict=True))
                    )
                    blocks.append(View("quiz", questions=questions, attempts=block.attempts, dom_id=dom))
            x, y = map_point(site.position)
            views.append(View("site", site=site, id=ids.site_iri(self.course, site),
                              dom_id=f"site-{site.slug}", blocks=tuple(blocks), x=x, y=y))
        return tuple(views)

    def pages_of(self, fmt: Format) -> dict[str, bytes]:
        """`index.html` (the first view: map, pages, the course outline) and `sites/<slug>.js` (each
        site's markup and full data, loaded when it opens) for one format; a template mistake raises
        `ThemeError` naming its file and line."""
        try:
            return self._pages_of(fmt)
        except jinja2.TemplateError as exc:
            raise theme_error(exc) from exc

    def _pages_of(self, fmt: Format) -> dict[str, bytes]:
        page, site_html, data = self._markup(fmt)
        out = {"index.html": page.encode("utf-8")}
        for entry, html in zip(data.json["sites"], site_html, strict=True):
            out[site_path(entry["slug"])] = site_script(site_payload(entry), html)
        return out

    def index_html(self, fmt: Format) -> bytes:
        """The page alone (no site inside: each is in its own file)."""
        return self.pages_of(fmt)["index.html"]

    def markup(self, fmt: Format) -> str:
        """The page with every site's section after it: all the markup a learner can be shown."""
        try:
            page, site_html, _ = self._markup(fmt)
        except jinja2.TemplateError as exc:
            raise theme_error(exc) from exc
        return "\n".join((page, *site_html))

    def _markup(self, fmt: Format) -> tuple[str, tuple[str, ...], CourseData]:
        """The page (no site inside, the outline as its data) and each site's section, from the
        same template: `site_only` renders nothing but the `site` block, for `shown_sites`."""
        if self._page is None:
            self._page = SharedPage(self.env, TEMPLATE_NAME)
        data = course_data(self.course, fmt, site_package=self.trail is not None)
        data_json = script_json(outline(data.json))
        made: dict[str, dict[str, Any]] = {}

        def context(part: tuple[Any, ...] = ()) -> dict[str, Any]:  # made once, and only if a part is rendered
            if "all" not in made:
                made["all"] = self._context(fmt, data, data_json)
            shown = tuple(made["all"]["sites"][i] for i in part)
            return {**made["all"], "site_only": bool(part), "shown_sites": shown}

        page = self._page.render(data, data_json, context, part="page")
        site_html = tuple(self._page.render(data, data_json, partial(context, (i,)), part=site.slug).strip()
                          for i, site in enumerate(self.course.sites))
        return page, site_html, data

    def _context(self, fmt: Format, data: CourseData, data_json: Markup) -> dict[str, Any]:
        """What the template sees for one format (made only when the page is rendered for it)."""
        sites = self.site_views(data)
        here = {s.slug for s in self.course.sites}
        elsewhere = tuple(View("site", site=s, x=map_point(s.position)[0], y=map_point(s.position)[1])
                          for s in (self.trail.sites if self.trail else ()) if s.slug not in here)
        whole = sorted(sites + elsewhere, key=lambda v: v.site.number)
        labels = marker_labels([(v.x, v.y) for v in whole], [v.site.title for v in whole])
        return dict(
            course=self.course,
            lang=str(self.course.language),
            format=str(fmt),
            pages=self.pages,
            page_by={page.slug: page for page in self.pages},
            sites=sites,
            trail_path=trail_path([(s.x, s.y) for s in whole]),
            elsewhere=elsewhere,
            map_size=(MAP_WIDTH, MAP_HEIGHT),
            map_labels=dict(zip((v.site.slug for v in whole), labels, strict=True)),
            stages=stage_groups(self.course.stages, sites),
            data_json=data_json,
            common_room_url=self.course.common_room_url,
        )

    def files(self, fmt: Format) -> Files:
        """Every file of the learner app for one format, by package path."""
        files: Files = {}
        for folder in reversed(self.search):  # the user's templates override ours
            for rel, path in scan_theme(folder).files.items():  # stylesheets, images, fonts: never secrets
                files[f"trail/{rel}"] = path
        files["trail/trail.js"] = source("trail.js")  # with its parts joined in (map, quiz, reflections, video)
        files["trail/tracker.js"] = source("tracker.js")  # with the state codec joined in
        files["trail/adapter.js"] = adapter_source(fmt)
        for asset in self.course.assets:
            files[asset.target.as_posix()] = Path(asset.source)
        files.update(self.pages_of(fmt))  # index.html, sites/<slug>.js
        files[SETTINGS_PATH] = encode_settings(course_settings(self.course))  # what `trail configure` changes
        return files
