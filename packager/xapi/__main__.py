"""`python -m packager.xapi`: rewrite docs/xapi-vocabulary.md from the scaffold course."""

from __future__ import annotations

from pathlib import Path

from packager.load import load
from packager.xapi.guide import render_guide

PACKAGER = Path(__file__).resolve().parents[1]

scaffold = load(PACKAGER / "scaffold" / "course").course
assert scaffold is not None
(PACKAGER.parent / "docs" / "xapi-vocabulary.md").write_text(render_guide(scaffold), encoding="utf-8")
