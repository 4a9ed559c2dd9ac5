"""The learner UI's catalogues (packager/i18n.py): bokmål by default, nynorsk and English."""

from __future__ import annotations

import pytest

from packager.i18n import translations


@pytest.mark.parametrize(("language", "text"), [("nb", "Hopp til innholdet"), ("nn", "Hopp til innhaldet"),
                                                 ("en", "Skip to content")])
def test_each_language_has_its_own_words(language: str, text: str) -> None:
    assert translations(language).gettext("Skip to content") == text


def test_a_language_without_a_catalogue_falls_back_to_the_english_text() -> None:
    assert translations("sv").gettext("Skip to content") == "Skip to content"


def test_every_message_is_translated_in_nb_and_nn() -> None:
    from babel.messages.pofile import read_po

    from packager.i18n import LOCALE_DIR

    for language in ("nb", "nn"):
        with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            catalog = read_po(handle)
        missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
        assert missing == [], (language, missing[:5])
