"""The learner UI's gettext catalogues (nb, nn, en), read straight from .po files.

Compiling the .po in memory keeps binary .mo files out of the repository
while the catalogues stay editable with any gettext tool.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


@lru_cache(maxsize=8)
def translations(language: str) -> Translations:
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return Translations()  # English msgids are the fallback text
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language if language != "en" else "en")
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)
