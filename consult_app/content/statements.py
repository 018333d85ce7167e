"""Every patient-facing statement of the content, with its source, for the doctor to review.

The walk is driven by the schema's audience marks (:mod:`consult_app.content.schema`): every
key marked :attr:`~consult_app.content.schema.Audience.PATIENT` in the clinic profile, the
areas and the general information is visited, so a patient-facing key added to the schema is
reviewed without a change here. Where a statement comes from is looked up by
:func:`statement_source` alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from consult_app.content.models import Area, Content, Text
from consult_app.content.schema import RECORDS, Audience, Key

__all__ = [
    "AFTERCARE",
    "CLINIC",
    "GENERAL",
    "NAMED_BY_CLINIC",
    "URGENT_HELP",
    "Statement",
    "area_section",
    "patient_statements",
    "statement_source",
]

CLINIC = "The clinic"
GENERAL = "General information"
URGENT_HELP = "Urgent help"
AFTERCARE = "Aftercare"

#: General information keys printed in a section of their own (the rest go under GENERAL).
_OWN_SECTION = {"urgent_help": URGENT_HELP, "aftercare": AFTERCARE}


@dataclass(frozen=True)
class Statement:
    """One thing the content tells patients, where it is, and where it comes from.

    ``source`` is empty when the content names none. ``language`` is the language code of
    ``text`` (one statement per language the clinic writes in).
    """

    section: str
    label: str
    text: str
    source: str
    language: str


def area_section(area: Area) -> str:
    """Return the heading an area's statements are listed under."""
    return f"{area.name.get()} ({area.id})"


#: The source of an area's name: the clinic chooses the words patients know it by.
NAMED_BY_CLINIC = "clinic (the name patients know the area by)"


def statement_source(value: object, key: str, inherited: str = "") -> str:
    """Return the source of field ``key`` of the content record ``value``.

    A record with ``sources`` (an area, the general information) names one per field; a record
    with a ``source`` (a treatment family, the consent wording, the urgent help) names one for
    all its fields; anything else keeps the source of the record it is in (``inherited``).
    """
    sources = getattr(value, "sources", None)
    # A lead-in ("..._intro") shares the source of the list it introduces.
    per_key = getattr(sources, key, getattr(sources, key.removesuffix("_intro"), None))
    if isinstance(per_key, str) and per_key:
        return per_key
    own = getattr(value, "source", None)
    if isinstance(own, str) and own:
        return own
    if isinstance(value, Area) and key == "name":
        return NAMED_BY_CLINIC
    return inherited


def patient_statements(content: Content) -> tuple[Statement, ...]:
    """Return every patient-facing statement: the clinic, each area, then the general text."""
    found: list[Statement] = list(_record("Clinic", content.clinic, _Place(CLINIC, "")))
    for area in content.areas:
        found += _record("Area", area, _Place(area_section(area), ""))
    general: dict[str, list[Statement]] = {GENERAL: [], URGENT_HELP: [], AFTERCARE: []}
    for key in RECORDS["GeneralInfo"].keys:
        if key.audience is Audience.PATIENT:
            section = _OWN_SECTION.get(key.name, GENERAL)
            place = _Place(section, statement_source(content.info, key.name))
            value = getattr(content.info, key.name)
            general[section] += _value(key.type, value, place, _label(key))
    for statements in general.values():
        found += statements
    return tuple(found)


@dataclass(frozen=True)
class _Place:
    """Where the walk is: the section, and the source of what is found there."""

    section: str
    source: str


def _record(record: str, value: object, place: _Place, prefix: str = "") -> Iterator[Statement]:
    """Yield the statements of the patient-facing keys of ``value``, a ``record``."""
    for key in RECORDS[record].keys:
        if key.audience is not Audience.PATIENT:
            continue
        here = _Place(place.section, statement_source(value, key.name, place.source))
        label = f"{prefix}, {key.name.replace('_', ' ')}" if prefix else _label(key)
        yield from _value(key.type, getattr(value, key.name), here, label)


def _value(type_name: str, value: object, place: _Place, label: str) -> Iterator[Statement]:
    """Yield the statements held in ``value``, of schema type ``type_name``."""
    if type_name.startswith("list[") and isinstance(value, tuple):
        inner = type_name[len("list[") : -1]
        for number, item in enumerate(value, start=1):
            yield from _value(inner, item, place, f"{label} {number}" if len(value) > 1 else label)
    elif type_name in RECORDS:
        yield from _record(type_name, value, place, label)
    elif isinstance(value, Text):
        for language, text in value.values:
            yield Statement(place.section, label, text, place.source, language)
    elif isinstance(value, str) and value:
        yield Statement(place.section, label, value, place.source, "")


def _label(key: Key) -> str:
    return key.name.replace("_", " ").capitalize()
