"""The learner UI's gettext catalogues (nb, nn, en), read straight from .po files.

Compiling the .po in memory keeps binary .mo files out of the repository
while the catalogues stay editable with any gettext tool. The compiled
catalogue is kept in trail's user cache, named by the .po's SHA-256, so a
build whose catalogues did not change reads the .mo with the standard library
and never imports babel (a tenth of a small build's CPU).
"""

from __future__ import annotations

import gettext
import hashlib
import io
import os
from functools import lru_cache
from pathlib import Path

from packager.theme import cache_folder

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


@lru_cache(maxsize=8)
def translations(language: str) -> gettext.NullTranslations:
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return gettext.NullTranslations()  # English msgids are the fallback text
    source = po.read_bytes()
    folder = cache_folder("catalogues")
    cached = folder / f"{language}-{hashlib.sha256(source).hexdigest()[:32]}.mo" if folder else None
    if cached is not None and cached.is_file():
        return gettext.GNUTranslations(io.BytesIO(cached.read_bytes()))
    mo = _compile(source, language)
    if cached is not None:
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")
        partial.write_bytes(mo)
        partial.replace(cached)
    return gettext.GNUTranslations(io.BytesIO(mo))


def _compile(po: bytes, language: str) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po), locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()
