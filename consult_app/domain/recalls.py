"""The front desk's recall work: which recalls to list, contacts made, snoozes, the CSV export.

A recall names the patient, their phone, the due date and its kind (review or repeat) and
nothing clinical: no goals, screening or notes, on screen or in a file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from consult_app.domain.models import StepKind

#: The longest contact note, in characters: a line for the next caller, not a record.
MAX_CONTACT_NOTE_LENGTH = 200


class ContactMethod(StrEnum):
    """How the patient was contacted about a recall."""

    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"
    LETTER = "letter"
    IN_PERSON = "in person"


@dataclass(frozen=True)
class RecallFilter:
    """Which recalls to list: due from ``due_from`` (``None``: overdue ones too) to ``due_to``.

    ``areas`` keeps recalls whose next step treats one of these areas (an area family's
    areas; ``None`` for all); ``practitioner`` keeps the recalls of plans that user name
    agreed (``None`` for all). Snoozed recalls are left out until their date.
    """

    due_to: date
    due_from: date | None = None
    areas: frozenset[str] | None = None
    practitioner: str | None = None


@dataclass(frozen=True)
class RecallContact:
    """One contact about a recall: how, when, by whom, a short note; or a snooze to a date."""

    patient_id: int
    due: date
    method: ContactMethod | None
    contacted_on: date
    note: str
    snoozed_until: date | None
    recorded_by: str


@dataclass(frozen=True)
class DeskRecall:
    """A recall as the front desk works it: who, their phone, when, what kind, last contact."""

    patient_id: int
    name: str
    phone: str
    kind: StepKind
    due: date
    practitioner: str
    last_contact: RecallContact | None


def contact_problem(
    method: ContactMethod | None, on: date, note: str, today: date, snooze_to: date | None
) -> str | None:
    """Return why a contact or snooze cannot be recorded, or ``None`` if it can."""
    if method is None and snooze_to is None:
        return "Choose how the patient was contacted, or a date to snooze the recall to."
    if on > today:
        return "The contact date is in the future. Use today's date or an earlier one."
    if snooze_to is not None and snooze_to <= today:
        return "Snooze to a date after today."
    if len(note) > MAX_CONTACT_NOTE_LENGTH:
        return f"The note is too long: use at most {MAX_CONTACT_NOTE_LENGTH} characters."
    if any(ord(c) < 32 for c in note):
        return "Keep the note on one line."
    return None


CSV_HEADER = ("patient_id", "name", "phone", "due", "kind")


def recalls_csv(recalls: Iterable[DeskRecall]) -> str:
    """Return the recalls as CSV for an SMS or email tool: id, name, phone, due date, kind."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for r in recalls:
        writer.writerow(
            (r.patient_id, _cell(r.name), _phone_cell(r.phone), r.due.isoformat(), r.kind.value)
        )
    return out.getvalue()


def _phone_cell(phone: str) -> str:
    # An international number starts with "+": kept as typed when it is only a number.
    return phone if all(c in "0123456789 +()-." for c in phone) else _cell(phone)


def _cell(value: str) -> str:
    # A spreadsheet runs a cell starting with these as a formula: quote it as text.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
