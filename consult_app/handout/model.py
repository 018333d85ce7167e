"""What a handout is built from: plain frozen dataclasses, independent of the store.

Every text field may hold anything a person typed (markup, ampersands, accents, very long
words); the builders escape it before layout, so it prints exactly as typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from consult_app.domain.signoff import SignOffNote


class HandoutError(ValueError):
    """A handout cannot be built; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class GoalLine:
    """One of the patient's goals for an area, in their own words."""

    area_id: str
    in_own_words: str
    hoped_result: str = ""


@dataclass(frozen=True)
class PlanEntry:
    """One dated step of the plan ("Treatment today", "Review visit", ...)."""

    label: str
    date: date


@dataclass(frozen=True)
class TreatedLine:
    """What was used in one area: the product (generic name) and its batch."""

    area_id: str
    product_id: str
    product_name: str
    batch: str


@dataclass(frozen=True)
class SheetRequest:
    """A personalised information sheet for one patient.

    ``issued_on`` is also the PDF's creation date, so that a re-print is byte-identical.
    ``patient_preferred_name`` (may be empty) is used to greet the patient.
    ``content_sign_off`` is the doctor's sign-off of this content (``None``: not signed off).
    """

    patient_name: str
    patient_preferred_name: str
    issued_on: date
    practitioner: str
    area_ids: tuple[str, ...]
    goals: tuple[GoalLine, ...]
    plan: tuple[PlanEntry, ...]
    reference: str
    language: str = "en"
    treated: tuple[TreatedLine, ...] = ()
    content_sign_off: SignOffNote | None = None


@dataclass(frozen=True)
class GenericRequest:
    """A generic handout for reception: the chosen areas (empty means all), no patient data.

    ``content_sign_off`` is as for :class:`SheetRequest`.
    """

    area_ids: tuple[str, ...]
    issued_on: date
    reference: str
    language: str = "en"
    content_sign_off: SignOffNote | None = None


@dataclass(frozen=True)
class ConsentRequest:
    """A printable record of the patient's consent for the chosen areas at one visit.

    ``signature_png`` is the patient's signature as PNG bytes (empty when not signed);
    ``practitioner_confirmed`` is the practitioner's confirmation that the risks were
    discussed and questions answered. ``content_sign_off`` is as for :class:`SheetRequest`.
    """

    patient_name: str
    visit_date: date
    practitioner: str
    area_ids: tuple[str, ...]
    signature_png: bytes
    practitioner_confirmed: bool
    reference: str
    patient_date_of_birth: date | None = None
    language: str = "en"
    treated: tuple[TreatedLine, ...] = ()
    content_sign_off: SignOffNote | None = None
    #: The practitioner's own signature picture (PNG or JPEG, checked when it was saved).
    practitioner_signature: bytes | None = None


@dataclass(frozen=True)
class ReviewRequest:
    """The content review: the content's fingerprint, and the day it is printed."""

    fingerprint: str
    printed_on: date
