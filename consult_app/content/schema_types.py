"""The building blocks of the content schema: who a key is for, a key and a record."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Audience(StrEnum):
    """Who a key is for."""

    #: Shown on patient-facing screens and PDFs.
    PATIENT = "patient"
    #: Never shown on a patient-facing screen or PDF.
    PRACTITIONER = "practitioner"
    #: Settings and clinic details (the contact details are printed on handouts).
    CLINIC = "clinic"


@dataclass(frozen=True)
class Key:
    """One key of a record."""

    name: str
    type: str
    audience: Audience
    doc: str
    required: bool = True
    #: For ``str``: the only values allowed (empty means any).
    choices: tuple[str, ...] = ()
    #: For ``int``: the smallest value allowed.
    minimum: int | None = None
    #: For lists: the fewest items allowed.
    min_items: int = 0
    #: For lists of records: the key whose values must be unique within the list.
    unique: str = ""
    #: Whether an optional key that is absent is passed as ``None`` (otherwise the
    #: dataclass default is used).
    absent_is_none: bool = False


@dataclass(frozen=True)
class Record:
    """A mapping with fixed keys, built into ``builds`` (or a plain dict when ``None``)."""

    label: str
    doc: str
    keys: tuple[Key, ...]
    builds: type | None = None

    def key(self, name: str) -> Key | None:
        """Return the key called ``name``, if the record has one."""
        for key in self.keys:
            if key.name == name:
                return key
        return None


P = Audience.PATIENT
D = Audience.PRACTITIONER
C = Audience.CLINIC

#: Shared wording of the key descriptions.
ID_DOC = "snake_case id"
SOURCE = "Where the fact comes from, so the clinic can check it."
CLINIC_SOURCE = " Write 'clinic' for a number or address the clinical facts do not give."
CHECKED = "When it was last checked (YYYY-MM-DD)."
