"""Designer text as the standards want it in reports: one line, no Markdown marks."""

from __future__ import annotations


def plain(text: str) -> str:
    """Markdown-ish designer text as one line of plain text (for LMS reports)."""
    return " ".join(text.replace("**", "").replace("`", "").split())
