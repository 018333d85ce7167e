"""The building blocks of the content models: patient wording and the content's enums."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Text:
    """One piece of patient-facing wording in each of the clinic's languages.

    ``values`` is ordered: the first entry is the clinic's default language.
    """

    values: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, text: str, language: str = "en") -> Text:
        """Make a single-language text."""
        return cls(((language, text),))

    def get(self, language: str | None = None) -> str:
        """Return the wording in ``language``, falling back to the default language."""
        if language is not None:
            for lang, value in self.values:
                if lang == language:
                    return value
        return self.values[0][1]

    def __str__(self) -> str:
        return self.get()


class DiagramView(StrEnum):
    """Which diagram an area is drawn on."""

    FACE = "face"
    BODY = "body"


class AreaKind(StrEnum):
    """Cosmetic (lines and muscles) or medical (sweating) treatment area."""

    COSMETIC = "cosmetic"
    SWEATING = "sweating"


class Rule(StrEnum):
    """What a screening finding means for treatment today."""

    DO_NOT_TREAT = "do_not_treat"
    TAKE_CARE = "take_care"
    INFORMATION = "information"


class AppliesTo(StrEnum):
    """Which areas a screening rule applies to."""

    COSMETIC = "cosmetic"
    SWEATING = "sweating"
    ALL = "all"

    def covers(self, kind: AreaKind) -> bool:
        """Return whether this scope includes areas of ``kind``."""
        return self is AppliesTo.ALL or self.value == kind.value


class ApprovalStatus(StrEnum):
    """Regulatory status of an area's use, for one product in one country."""

    APPROVED = "approved"
    OFF_LABEL = "off_label"


class Country(StrEnum):
    """Countries whose rules the content can follow."""

    AU = "AU"
    UK = "UK"
    US = "US"


class PaperSize(StrEnum):
    """Paper sizes the clinic can print on."""

    A4 = "A4"
    LETTER = "Letter"
