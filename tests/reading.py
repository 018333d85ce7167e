"""The Flesch-Kincaid grade, used to keep patient wording at a reading age of about 11."""

from __future__ import annotations

import re


def _syllables(word: str) -> int:
    letters = re.sub(r"[^a-z]", "", word.lower())
    groups = len(re.findall(r"[aeiouy]+", letters))
    if letters.endswith("e") and not letters.endswith("le") and groups > 1:
        groups -= 1
    return max(1, groups)


def grade_level(texts: list[str]) -> float:
    """Flesch-Kincaid grade of ``texts`` read together (school years; reading age = grade + 5)."""
    words = sentences = syllables = 0
    for text in texts:
        sentences += max(1, len([s for s in re.split(r"[.!?]+", text) if s.strip()]))
        found = re.findall(r"[A-Za-z']+", text)
        words += len(found)
        syllables += sum(_syllables(w) for w in found)
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59
