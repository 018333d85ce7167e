"""Text normalisation for search as you type: case and accents do not matter."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_APOSTROPHES = re.compile(r"['\u2019\u02bc`\u00b4]")
_TOKEN = re.compile(r"\w+")


def fold(text: str) -> str:
    """Casefold ``text`` and strip accents (NFKD, combining marks dropped); drop apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _APOSTROPHES.sub("", unicodedata.normalize("NFC", stripped))


def tokens(text: str) -> list[str]:
    """Return the folded words of ``text`` (letters and digits in any script)."""
    return _TOKEN.findall(fold(text))


def index_text(
    given_name: str, family_name: str, preferred_name: str, phone: str, birth_date: date | None
) -> str:
    """Return the text a patient is found by.

    Names as words (hyphenated names also joined up), the whole name written without spaces
    in either order (as Chinese names are typed: 李小龙), the phone as typed, as bare digits and
    as every ending of at least 3 digits (so the last digits find it), and the birth date as
    ``YYYY MM DD`` and ``DD MM YYYY``.
    """
    parts = [fold(given_name), fold(family_name), fold(preferred_name)]
    for name in (given_name, family_name):
        if "-" in name:
            parts.append(fold(name.replace("-", "")))
    given, family = ("".join(tokens(name)) for name in (given_name, family_name))
    if given and family:
        parts += [family + given, given + family]
    digits = "".join(ch for ch in phone if ch.isdigit())
    parts += [fold(phone), digits]
    parts += [digits[start:] for start in range(1, len(digits) - 2)]
    if birth_date is not None:
        parts.append(f"{birth_date:%Y %m %d}")
        parts.append(f"{birth_date:%d %m %Y}")
    return " ".join(" ".join(_TOKEN.findall(p)) for p in parts if p)


def fts_query(text: str) -> str | None:
    """Turn what the user typed into a safe FTS5 prefix query, or ``None`` if nothing to find.

    Each typed word becomes a quoted phrase whose last token is a prefix, so characters with a
    meaning in FTS5 syntax (quotes, ``*``, ``-``, ``OR``, ``:``) are only ever searched for.
    A date typed as ``1985-03`` or ``07/03`` stays one phrase.
    """
    phrases = []
    for word in fold(text).split():
        parts = _TOKEN.findall(word)
        if parts:
            phrases.append('"' + " ".join(parts) + '"*')
    return " ".join(phrases) or None
