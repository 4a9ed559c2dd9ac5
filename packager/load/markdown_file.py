"""Split a Markdown source file into front matter, text and `::: kind` blocks.

Only the fences are parsed here; the YAML inside them is read by the callers,
who get the line each piece starts on so their errors point into this file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from packager.problems import Problems

FENCE_OPEN = re.compile(r"^:::\s*([A-Za-z-]+)\s*$")
FENCE_CLOSE = re.compile(r"^:::\s*$")


@dataclass(frozen=True)
class Segment:
    kind: str  # "text" or a block kind such as "video"
    text: str
    offset: int  # lines in the file before this segment's first line
    fence_line: int = 0  # 1-based line of the opening fence, for blocks


@dataclass(frozen=True)
class MarkdownFile:
    front_matter: str | None
    front_offset: int
    segments: tuple[Segment, ...]
    front_closed: bool = True  # False: '---' opened front matter that never closed (reported)


def split_markdown(text: str, file: str, problems: Problems) -> MarkdownFile:
    """`text` has '\n' line ends (`files.decode_text`): lines are counted as editors count
    them, never split at U+2028 or a form feed as `str.splitlines` would."""
    lines = text.split("\n")
    front: str | None = None
    front_offset = 1
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                front = "\n".join(lines[1:i])
                start = i + 1
                break
        else:
            problems.error(file, 1, "", "front matter starts with '---' but has no closing '---' line")
            start = len(lines)

    segments: list[Segment] = []
    buffer: list[str] = []
    buffer_start = start
    i = start
    while i < len(lines):
        opening = FENCE_OPEN.match(lines[i])
        if not opening:
            buffer.append(lines[i])
            i += 1
            continue
        if any(line.strip() for line in buffer):
            segments.append(Segment("text", "\n".join(buffer), buffer_start))
        kind, fence = opening.group(1).lower(), i + 1
        body: list[str] = []
        i += 1
        while i < len(lines) and not FENCE_CLOSE.match(lines[i]):
            body.append(lines[i])
            i += 1
        if i >= len(lines):
            problems.error(file, fence, "", f"the '::: {kind}' block is never closed; expected a line ':::'")
        segments.append(Segment(kind, "\n".join(body), fence, fence))
        i += 1
        buffer, buffer_start = [], i
    if any(line.strip() for line in buffer):
        segments.append(Segment("text", "\n".join(buffer), buffer_start))
    return MarkdownFile(front, front_offset, tuple(segments), front_closed=start < len(lines) or front is not None)


_strict = MarkdownIt("commonmark", {"html": True}).enable("table")


def check_markdown(text: str, offset: int, file: str, problems: Problems) -> None:
    """Rules for text the learner reads: alt text on every image, no level-1 heading, no raw HTML.

    The renderer escapes HTML, so without this check a `<br>` would reach learners as
    literal text; a `#` heading would give the page a second h1 beside the site's title.
    """
    for token in _strict.parse(text):
        line = offset + (token.map[0] + 1 if token.map else 1)
        if token.type == "heading_open" and token.tag == "h1":
            problems.error(file, line, "", "a level-1 heading (# ...) in the text; the title is the page's only "
                           "level-1 heading, so start headings at level 2 (## ...)")
        elif token.type == "html_block":
            problems.error(file, line, "", f"raw HTML {_snippet(token.content)} is not allowed; write it in Markdown "
                           "(tables, images, callout and sources blocks are described in docs/authoring.md)")
        breaks = 0
        for child in token.children or ():
            if child.type in ("softbreak", "hardbreak"):
                breaks += 1
            elif child.type == "html_inline":
                problems.error(file, line + breaks, "", f"raw HTML {_snippet(child.content)} is not allowed; write "
                               "it in Markdown (see docs/authoring.md)")
            elif child.type == "image" and not child.content.strip():
                problems.error(file, line + breaks, "image", f"the image {child.attrGet('src')!r} has no alt text; "
                               "say what it shows: ![what the image shows](file.svg)")


def _snippet(html: str) -> str:
    first = html.strip().splitlines()[0] if html.strip() else html
    return repr(first if len(first) <= 40 else first[:37] + "...")
