"""Input checks. Each returns ``{field: message}``; an empty dict means the input is good.

Messages say what is wrong and what to do, so the form can show them next to the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from consult_app.content.models import Content
from consult_app.domain.dates import age_on, parse_date
from consult_app.domain.models import (
    Goal,
    PatientDetails,
    QuestionnaireResult,
    ReviewOutcome,
    TreatmentRecord,
)

MAX_AGE_YEARS = 120
MAX_NAME_LENGTH = 100
MAX_UNITS = Decimal(1000)
#: Free text limits: room for real notes, but a paste of a whole document is refused.
MAX_NOTES_LENGTH = 20_000
MAX_CONCERN_LENGTH = 1_000
MAX_SHORT_TEXT_LENGTH = 2_000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PHONE = re.compile(r"^\+?[0-9 ()./-]+$")

PATIENT_FIELDS = (
    "given_name",
    "family_name",
    "preferred_name",
    "birth_date",
    "phone",
    "email",
    "language",
    "notes",
)


def _name_error(value: str, label: str, required: bool) -> str | None:
    if not value.strip():
        return f"Enter the {label}." if required else None
    if len(value) > MAX_NAME_LENGTH:
        return f"The {label} is too long: use at most {MAX_NAME_LENGTH} characters."
    if any(ord(ch) < 32 for ch in value):
        return f"The {label} has a hidden control character. Type it again."
    return None


def text_too_long(value: str, limit: int, label: str) -> str | None:
    """Return a message when ``value`` is longer than ``limit`` characters."""
    if len(value) <= limit:
        return None
    return (
        f"The {label} is too long ({len(value):,} characters): use at most {limit:,}. "
        "Shorten it; nothing was saved."
    )


def validate_patient(details: PatientDetails, today: date) -> dict[str, str]:
    """Check a patient's details; return ``{field: message}`` for each problem."""
    errors: dict[str, str] = {}
    for field, label, required in (
        ("given_name", "given name", True),
        ("family_name", "family name", True),
        ("preferred_name", "preferred name", False),
    ):
        message = _name_error(getattr(details, field), label, required)
        if message:
            errors[field] = message
    birth = details.birth_date
    if birth is None:
        errors["birth_date"] = "Enter the date of birth, for example 1985-03-07."
    elif birth > today:
        errors["birth_date"] = "The date of birth is in the future. Check the year."
    elif age_on(birth, today) >= MAX_AGE_YEARS:
        errors["birth_date"] = (
            f"The date of birth is more than {MAX_AGE_YEARS} years ago. Check the year."
        )
    phone = details.phone.strip()
    if phone and (not _PHONE.match(phone) or sum(ch.isdigit() for ch in phone) < 6):
        errors["phone"] = "The phone number looks wrong. Use digits, spaces and a leading +."
    email = details.email.strip()
    if email and not _EMAIL.match(email):
        errors["email"] = "The email address looks wrong. It should look like name@example.com."
    if len(details.language) > 35:
        errors["language"] = "The language is too long: use at most 35 characters."
    notes = text_too_long(details.notes, MAX_NOTES_LENGTH, "note")
    if notes:
        errors["notes"] = notes
    return errors


def patient_details_from_form(
    form: Mapping[str, str], today: date
) -> tuple[PatientDetails | None, dict[str, str]]:
    """Build details from the form's text fields and check them.

    The birth date may be typed as ``YYYY-MM-DD`` or ``DD/MM/YYYY``. Returns the details
    (``None`` if there are errors) and ``{field: message}``.
    """
    raw_birth = form.get("birth_date", "").strip()
    birth = parse_date(raw_birth) if raw_birth else None
    details = PatientDetails(
        given_name=form.get("given_name", "").strip(),
        family_name=form.get("family_name", "").strip(),
        preferred_name=form.get("preferred_name", "").strip(),
        birth_date=birth,
        phone=form.get("phone", "").strip(),
        email=form.get("email", "").strip(),
        language=form.get("language", "").strip(),
        notes=form.get("notes", ""),
    )
    errors = validate_patient(details, today)
    if raw_birth and birth is None:
        errors["birth_date"] = "This is not a date. Type it like 1985-03-07 or 07/03/1985."
    return (None if errors else details), errors


def parse_units(text: str) -> Decimal | None:
    """Parse a typed number of units (``"2.5"``), or return ``None``."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def validate_treatment(record: TreatmentRecord, content: Content, day: date) -> dict[str, str]:
    """Check a treatment record for a visit on ``day``. An expired batch is refused."""
    errors: dict[str, str] = {}
    if not content.has_area(record.area_id):
        errors["area_id"] = f"Unknown area '{record.area_id}'. Choose an area from the list."
    if record.product_id not in {p.id for p in content.clinic.products}:
        errors["product_id"] = "Choose a product the clinic stocks."
    if not record.units.is_finite() or record.units <= 0:
        errors["units"] = "Enter the number of units, more than 0."
    elif record.units > MAX_UNITS:
        errors["units"] = f"That is more than {MAX_UNITS} units. Check the number."
    if not record.batch.strip():
        errors["batch"] = "Enter the batch or lot number from the vial."
    if record.expiry < day:
        errors["expiry"] = (
            f"This batch expired on {record.expiry.isoformat()}. Do not use it: "
            "choose an in-date batch."
        )
    for field, value, label in (
        ("batch", record.batch, "batch number"),
        ("notes", record.notes, "note"),
    ):
        message = text_too_long(value, 100 if field == "batch" else MAX_SHORT_TEXT_LENGTH, label)
        if message:
            errors[field] = message
    return errors


def validate_goal(goal: Goal, content: Content) -> dict[str, str]:
    """Check a goal before it is saved."""
    errors: dict[str, str] = {}
    if not content.has_area(goal.area_id):
        errors["area_id"] = f"Unknown area '{goal.area_id}'. Choose an area from the diagram."
    if not goal.concern.strip():
        errors["concern"] = "Write what bothers the patient, in their own words."
    else:
        message = text_too_long(goal.concern, MAX_CONCERN_LENGTH, "description")
        if message:
            errors["concern"] = message
    if goal.priority < 1:
        errors["priority"] = "Priority starts at 1 (the most important)."
    return errors


def validate_review(outcome: ReviewOutcome, content: Content) -> dict[str, str]:
    """Check a review outcome before it is saved."""
    errors: dict[str, str] = {}
    if not content.has_area(outcome.area_id):
        errors["area_id"] = f"Unknown area '{outcome.area_id}'."
    if not 1 <= outcome.patient_rating <= 5:
        errors["patient_rating"] = "The patient's rating goes from 1 (unhappy) to 5 (very happy)."
    message = text_too_long(outcome.notes, MAX_SHORT_TEXT_LENGTH, "note")
    if message:
        errors["notes"] = message
    return errors


def totals_by_product(records: Iterable[TreatmentRecord]) -> dict[str, Decimal]:
    """Return total units per product. Units of different products are never added together."""
    totals: dict[str, Decimal] = {}
    for record in records:
        totals[record.product_id] = totals.get(record.product_id, Decimal(0)) + record.units
    return totals


def validate_questionnaire_result(result: QuestionnaireResult, content: Content) -> dict[str, str]:
    """Return ``{field: message}`` for what is wrong with a questionnaire result."""
    questionnaire = content.questionnaire
    if questionnaire is None or questionnaire.id != result.questionnaire_id:
        return {
            "questionnaire_id": f"Unknown questionnaire '{result.questionnaire_id}'. "
            "Check the clinic's screening content."
        }
    errors: dict[str, str] = {}
    if result.instrument not in questionnaire.instruments:
        errors["instrument"] = (
            f"Choose the questionnaire used: {', '.join(questionnaire.instruments)}."
        )
    too_long = text_too_long(result.note, MAX_SHORT_TEXT_LENGTH, "note")
    if too_long:
        errors["note"] = too_long
    return errors
