"""Where a patient gets help and reports a side effect (help.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from consult_app.content.models_common import Country


@dataclass(frozen=True)
class EmergencyNumber:
    """The number to call for an ambulance in one country, with its source."""

    phone: str
    source: str
    checked: date


@dataclass(frozen=True)
class AdviceLine:
    """A health advice line for when the clinic is closed; no ``states`` means the whole country."""

    name: str
    phone: str
    source: str
    checked: date
    states: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Regulator:
    """Where a patient can report a side effect in one country."""

    name: str
    source: str
    checked: date
    web: str = ""
    note: str = ""


@dataclass(frozen=True)
class CountryHelp:
    """The help numbers of one country (help.yaml)."""

    country: Country
    emergency: EmergencyNumber
    regulator: Regulator
    advice_lines: tuple[AdviceLine, ...] = ()


@dataclass(frozen=True)
class LocalHelp:
    """The help numbers for the clinic's own country and state, chosen when content is checked.

    ``advice_line`` is ``None`` where help.yaml gives none for the country (the patient is
    then sent to the nearest emergency department out of hours).
    """

    country: Country
    emergency: EmergencyNumber
    regulator: Regulator
    advice_line: AdviceLine | None = None
