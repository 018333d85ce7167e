"""What a role sees of a patient: the front desk's summary, the facts a sheet is made from."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from consult_app.domain.models import Goal, Hope, Patient, StepKind
from consult_app.store.codec import plan_version_from_row


@dataclass(frozen=True)
class PlanDate:
    """One step of the plan as reception sees it: what, when, for which areas."""

    kind: StepKind
    due: date
    areas: tuple[str, ...]
    done: bool


@dataclass(frozen=True)
class PatientSummary:
    """What the front desk sees: contact details, plan dates, handouts. Nothing clinical."""

    patient: Patient
    plan_dates: tuple[PlanDate, ...]

    @property
    def next_step(self) -> PlanDate | None:
        """Return the first plan step not yet done."""
        return next((step for step in self.plan_dates if not step.done), None)


@dataclass(frozen=True)
class SheetGoal:
    """A goal as the sheet prints it: the area, the patient's words and the hoped result.

    The practitioner's severity grades are not printed, so reception never receives them.
    """

    area_id: str
    concern: str
    hope: Hope
    priority: int

    @classmethod
    def of(cls, goal: Goal) -> SheetGoal:
        """Return the part of ``goal`` that the sheet prints."""
        return cls(goal.area_id, goal.concern, goal.hope, goal.priority)


@dataclass(frozen=True)
class SheetFacts:
    """What a personal information sheet is made from (all of it is printed on the sheet)."""

    patient: Patient
    goals: tuple[SheetGoal, ...]
    plan_dates: tuple[PlanDate, ...]
    latest_visit_id: int | None
    #: (area id, product id, batch) of what was injected at the latest visit.
    treated: tuple[tuple[str, str, str], ...] = ()
    #: The day of the latest visit: the sheet covers what was planned or treated then.
    latest_visit_date: date | None = None


def plan_dates(conn: sqlite3.Connection, patient_id: int) -> tuple[PlanDate, ...]:
    """Return the steps of the patient's current plan, or none without a plan."""
    row = conn.execute(
        "SELECT * FROM plan_versions WHERE patient_id = ? ORDER BY number DESC LIMIT 1",
        (patient_id,),
    ).fetchone()
    if row is None:
        return ()
    plan = plan_version_from_row(row).plan
    return tuple(PlanDate(s.kind, s.due, s.areas, s.done) for s in plan.steps)
