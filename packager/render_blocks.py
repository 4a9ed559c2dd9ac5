"""HTML for the text-like blocks a designer writes: callouts, sources, figures.

They reach the template as ready HTML (kind "text"), so the theme needs no new
block types: a callout is an `<aside>` named by its title, the sources a
`<section>` with a level-2 heading in the course's language, and an image that
stands alone in a paragraph with a title becomes a `<figure>` with that title as
its caption. A table can take keyboard focus, since it scrolls on a narrow screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.token import Token
from markupsafe import Markup

from packager.model import CalloutBlock, SourcesBlock

SOURCES_HEADING = {
    "nb": "Kilder og videre lesing", "nn": "Kjelder og vidare lesing", "en": "Sources and further reading",
}


def callout_html(block: CalloutBlock, body: Markup, dom_id: str) -> Markup:
    return Markup('<aside class="callout" aria-labelledby="{id}"><p class="callout-title" id="{id}">{title}</p>'
                  "{body}</aside>").format(id=dom_id, title=block.title, body=body)


def sources_html(block: SourcesBlock, language: str, dom_id: str) -> Markup:
    items = Markup("").join(
        Markup("<li>{title}{publisher}</li>").format(
            title=Markup('<a href="{0}" rel="noopener">{1}</a>').format(s.url, s.title) if s.url else s.title,
            publisher=Markup(", {0}").format(s.publisher) if s.publisher else "")
        for s in block.items
    )
    heading = SOURCES_HEADING.get(language, SOURCES_HEADING["en"])
    return Markup('<section class="sources" aria-labelledby="{id}"><h2 id="{id}">{heading}</h2><ul>{items}</ul>'
                  "</section>").format(id=dom_id, heading=heading, items=items)


def focusable_tables(tokens: Sequence[Token]) -> None:
    """A table scrolls sideways on a narrow screen (trail.css), so keyboard users must be able to focus it."""
    for token in tokens:
        if token.type == "table_open":
            token.attrSet("tabindex", "0")


def figures(tokens: Sequence[Token]) -> None:
    """`![alt](file.svg "Caption")` alone in a paragraph → `<figure>` with a `<figcaption>` (in place)."""
    for i in range(1, len(tokens) - 1):
        opening, inline, closing = tokens[i - 1], tokens[i], tokens[i + 1]
        children = inline.children or []
        if (opening.type != "paragraph_open" or closing.type != "paragraph_close" or len(children) != 1
                or children[0].type != "image" or not children[0].attrGet("title")):
            continue
        image = children[0]
        caption = str(image.attrGet("title"))
        del image.attrs["title"]
        opening.tag = closing.tag = "figure"
        figcaption = Token("html_inline", "", 0)
        figcaption.content = str(Markup("<figcaption>{0}</figcaption>").format(caption))
        children.append(figcaption)
