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


def statement_source(area: Area | None, key: str) -> str:
    """Return the source of field ``key`` of ``area`` (``area`` is ``None`` for general text).

    Each area has one ``source`` for all its fields; the general information names none.
    """
    del key  # every field of an area shares the area's one source
    return area.source if area is not None else ""


def patient_statements(content: Content) -> tuple[Statement, ...]:
    """Return every patient-facing statement: the clinic, each area, then the general text."""
    found: list[Statement] = list(_record("Clinic", content.clinic, _Place(CLINIC, None, "")))
    for area in content.areas:
        found += _record("Area", area, _Place(area_section(area), area, ""))
    general: dict[str, list[Statement]] = {GENERAL: [], URGENT_HELP: [], AFTERCARE: []}
    for key in RECORDS["GeneralInfo"].keys:
        if key.audience is Audience.PATIENT:
            section = _OWN_SECTION.get(key.name, GENERAL)
            place = _Place(section, None, key.name)
            value = getattr(content.info, key.name)
            general[section] += _value(key.type, value, place, _label(key))
    for statements in general.values():
        found += statements
    return tuple(found)


@dataclass(frozen=True)
class _Place:
    """Where the walk is: the section, the area (if any) and the top-level key."""

    section: str
    area: Area | None
    key: str


def _record(record: str, value: object, place: _Place, prefix: str = "") -> Iterator[Statement]:
    """Yield the statements of the patient-facing keys of ``value``, a ``record``."""
    for key in RECORDS[record].keys:
        if key.audience is not Audience.PATIENT:
            continue
        here = place if prefix else _Place(place.section, place.area, key.name)
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
        source = statement_source(place.area, place.key)
        for language, text in value.values:
            yield Statement(place.section, label, text, source, language)
    elif isinstance(value, str) and value:
        yield Statement(place.section, label, value, statement_source(place.area, place.key), "")


def _label(key: Key) -> str:
    return key.name.replace("_", " ").capitalize()
