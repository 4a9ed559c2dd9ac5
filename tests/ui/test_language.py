"""The UI speaks the course's language: bokmål, nynorsk or English, catalogues complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from playwright.sync_api import Page

from tests.ui.conftest import UrlFn
from tests.ui.ui import open_app

REPO = Path(__file__).resolve().parents[2]
LOCALE = REPO / "packager" / "locale"


@pytest.mark.parametrize(
    ("lang", "skip", "status", "answer"),
    [
        ("nn", "Hopp til innhaldet", "Ikkje besøkt", "Svar"),
        ("en", "Skip to content", "Not visited", "Answer"),
    ],
)
def test_built_in_other_language(page: Page, app_url: UrlFn, lang: str, skip: str, status: str, answer: str) -> None:
    open_app(page, app_url("web", lang), "#/")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("a.skip").inner_text() == skip
    # a string trail.js writes, from the template's catalogue
    assert page.locator(".stops [data-status]").first.inner_text() == status
    page.evaluate("location.hash = '#/site/forste-stopp'")
    q = page.locator('.view-site:not([hidden]) .question[data-q="velg-en"]')
    assert q.locator("[data-submit]").inner_text().startswith(answer)
    q.locator("[data-submit]").click()
    hint = {"nn": "Vel eit svar først.", "en": "Choose an answer first."}[lang]
    assert q.locator("[data-feedback]").inner_text() == hint


def template_msgids() -> set[str]:
    method_map = [("templates/**.j2", "jinja2")]
    options = {"templates/**.j2": {"extensions": "jinja2.ext.i18n"}}
    found = extract_from_dir(str(REPO), method_map, options)
    return {str(m[2]) for m in found}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_catalogue_translates_every_template_string(lang: str) -> None:
    ids = template_msgids()
    assert len(ids) > 50
    with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    for msgid in sorted(ids):
        message = catalog.get(msgid)
        assert message is not None and message.string, f"{lang}: no translation for {msgid!r}"
        assert not message.fuzzy, f"{lang}: fuzzy translation for {msgid!r}"
        placeholders = set(re.findall(r"\{\w+\}", msgid))
        assert set(re.findall(r"\{\w+\}", str(message.string))) == placeholders, msgid
