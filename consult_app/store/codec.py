"""Conversions between database rows / JSON values and domain records."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

from consult_app.domain.models import (
    Amendment,
    Answer,
    Assessment,
    Goal,
    Hope,
    Override,
    Patient,
    PatientDetails,
    Plan,
    PlanStep,
    PlanVersion,
    QuestionnaireResult,
    ReviewOutcome,
    ScreeningAnswer,
    ScreenOutcome,
    Severity,
    StepKind,
    StoredTreatment,
    TreatmentRecord,
    Visit,
)


class RowLike(Protocol):
    """A database row or a dict read from an export file."""

    def __getitem__(self, key: str, /) -> Any: ...


def opt_date(text: str | None) -> date | None:
    """Parse an ISO date or ``None``."""
    return date.fromisoformat(text) if text else None


def opt_datetime(text: str | None) -> datetime | None:
    """Parse an ISO date-time or ``None``."""
    return datetime.fromisoformat(text) if text else None


PATIENT_COLUMNS = (
    "id, given_name, family_name, preferred_name, birth_date, phone, email, language, notes, "
    "created_at, created_by, updated_at, updated_by, archived_at, archived_by"
)


def patient_from_row(row: RowLike) -> Patient:
    """Build a patient from a row selected with :data:`PATIENT_COLUMNS`."""
    return Patient(
        id=row["id"],
        details=PatientDetails(
            given_name=row["given_name"],
            family_name=row["family_name"],
            preferred_name=row["preferred_name"],
            birth_date=opt_date(row["birth_date"]),
            phone=row["phone"],
            email=row["email"],
            language=row["language"],
            notes=row["notes"],
        ),
        created_at=datetime.fromisoformat(row["created_at"]),
        created_by=row["created_by"],
        updated_at=datetime.fromisoformat(row["updated_at"]),
        updated_by=row["updated_by"],
        archived_at=opt_datetime(row["archived_at"]),
        archived_by=row["archived_by"],
    )


def visit_from_row(row: RowLike) -> Visit:
    """Build a visit from a ``visits`` row."""
    return Visit(
        id=row["id"],
        patient_id=row["patient_id"],
        visit_date=date.fromisoformat(row["visit_date"]),
        started_at=datetime.fromisoformat(row["started_at"]),
        started_by=row["started_by"],
        finished_at=opt_datetime(row["finished_at"]),
        finished_by=row["finished_by"],
        note=row["note"],
    )


def answer_from_row(row: RowLike) -> ScreeningAnswer:
    """Build a screening answer from a row."""
    return ScreeningAnswer(row["question_id"], Answer(row["answer"]), row["note"])


def questionnaire_from_row(row: RowLike) -> QuestionnaireResult:
    """Build a questionnaire result from a row."""
    return QuestionnaireResult(
        row["questionnaire_id"],
        row["instrument"],
        ScreenOutcome(row["outcome"]),
        row["note"],
        row["recorded_by"],
        datetime.fromisoformat(row["recorded_at"]),
    )


def override_from_row(row: RowLike) -> Override:
    """Build an override from a row."""
    return Override(
        row["area_id"], row["reason"], row["created_by"], datetime.fromisoformat(row["created_at"])
    )


def goal_from_row(row: RowLike) -> Goal:
    """Build a goal from a row."""
    return Goal(
        area_id=row["area_id"],
        concern=row["concern"],
        severity_at_rest=Severity(row["severity_at_rest"]),
        severity_moving=Severity(row["severity_moving"]),
        hope=Hope(row["hope"]),
        priority=row["priority"],
    )


def treatment_from_row(row: RowLike) -> StoredTreatment:
    """Build a stored treatment from a row."""
    return StoredTreatment(
        id=row["id"],
        record=TreatmentRecord(
            area_id=row["area_id"],
            product_id=row["product_id"],
            units=Decimal(row["units"]),
            batch=row["batch"],
            expiry=date.fromisoformat(row["expiry"]),
            notes=row["notes"],
        ),
        recorded_at=datetime.fromisoformat(row["created_at"]),
        recorded_by=row["created_by"],
    )


def review_from_row(row: RowLike) -> ReviewOutcome:
    """Build a review outcome from a row."""
    return ReviewOutcome(
        area_id=row["area_id"],
        patient_rating=row["patient_rating"],
        assessment=Assessment(row["assessment"]),
        top_up_given=bool(row["top_up_given"]),
        notes=row["notes"],
    )


def amendment_from_row(row: RowLike) -> Amendment:
    """Build an amendment from a row."""
    return Amendment(
        id=row["id"],
        visit_id=row["visit_id"],
        target=row["target"],
        target_id=row["target_id"],
        original=row["original"],
        amended=row["amended"],
        reason=row["reason"],
        actor=row["created_by"],
        at=datetime.fromisoformat(row["created_at"]),
    )


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """Return a JSON-ready dict for ``plan``."""
    return {
        "steps": [
            {
                "kind": s.kind.value,
                "due": s.due.isoformat(),
                "areas": list(s.areas),
                "done": s.done,
                "note": s.note,
            }
            for s in plan.steps
        ],
        "deferred": list(plan.deferred),
        "note": plan.note,
    }


def plan_from_dict(data: dict[str, Any]) -> Plan:
    """Build a plan from :func:`plan_to_dict` output (``KeyError``/``ValueError`` if bad)."""
    steps = tuple(
        PlanStep(
            kind=StepKind(s["kind"]),
            due=date.fromisoformat(s["due"]),
            areas=tuple(str(a) for a in s["areas"]),
            done=bool(s["done"]),
            note=str(s.get("note", "")),
        )
        for s in data["steps"]
    )
    return Plan(steps, tuple(str(a) for a in data["deferred"]), str(data.get("note", "")))


def plan_version_from_row(row: RowLike) -> PlanVersion:
    """Build a plan version from a row."""
    return PlanVersion(
        id=row["id"],
        patient_id=row["patient_id"],
        visit_id=row["visit_id"],
        number=row["number"],
        created_at=datetime.fromisoformat(row["created_at"]),
        created_by=row["created_by"],
        reason=row["reason"],
        plan=plan_from_dict(json.loads(row["plan_json"])),
    )


def record_to_dict(record: TreatmentRecord) -> dict[str, str]:
    """Return a JSON-ready dict for a treatment record (units as a decimal string)."""
    return {
        "area_id": record.area_id,
        "product_id": record.product_id,
        "units": str(record.units),
        "batch": record.batch,
        "expiry": record.expiry.isoformat(),
        "notes": record.notes,
    }
