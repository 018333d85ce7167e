"""Frozen records of a patient's file: identity, visits, screening, goals, plan, treatments.

These are plain values. The store builds them from the database and the rules in this
package work on them; neither side needs to know about the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from consult_app.content.models import Rule


@dataclass(frozen=True)
class PatientDetails:
    """What the practitioner or reception types in the patient form."""

    given_name: str
    family_name: str
    birth_date: date | None
    preferred_name: str = ""
    phone: str = ""
    email: str = ""
    language: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Patient:
    """A stored patient. ``archived_at`` is set instead of deleting the patient."""

    id: int
    details: PatientDetails
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    archived_at: datetime | None = None
    archived_by: str = ""

    @property
    def display_name(self) -> str:
        """Return "Given Family" (with the preferred name in brackets if it differs)."""
        d = self.details
        name = f"{d.given_name} {d.family_name}".strip()
        if d.preferred_name and d.preferred_name != d.given_name:
            name = f"{name} ({d.preferred_name})"
        return name

    @property
    def archived(self) -> bool:
        """Return whether the patient has been archived."""
        return self.archived_at is not None


class Answer(StrEnum):
    """An answer to a screening question."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


@dataclass(frozen=True)
class ScreeningAnswer:
    """The answer to one screening question at one visit."""

    question_id: str
    answer: Answer
    note: str = ""


class ScreenOutcome(StrEnum):
    """The result of a screening questionnaire done on its own form."""

    POSITIVE = "positive"
    NEGATIVE = "negative"
    DECLINED = "declined"


@dataclass(frozen=True)
class QuestionnaireResult:
    """A questionnaire's result recorded at one visit: which instrument, what, who and when."""

    questionnaire_id: str
    instrument: str
    outcome: ScreenOutcome
    note: str = ""
    recorded_by: str = ""
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class Finding:
    """A screening rule that applies today, with the reason to show and the areas it affects.

    ``products`` limits a rule to treatment with those product ids (empty: any product).
    """

    check_id: str
    rule: Rule
    reason: str
    areas: tuple[str, ...]
    unsure: bool = False
    products: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScreeningResult:
    """Everything the screening rules say about treatment today."""

    findings: tuple[Finding, ...]
    unanswered: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Return whether every question is answered and every derived check could run."""
        return not self.unanswered

    @property
    def blocked_areas(self) -> frozenset[str]:
        """Return the areas that a do-not-treat finding blocks whatever the product."""
        return frozenset(
            area
            for f in self.findings
            if f.rule is Rule.DO_NOT_TREAT and not f.products
            for area in f.areas
        )

    @property
    def areas_with_blocks(self) -> frozenset[str]:
        """Return the areas with any do-not-treat finding, product-limited ones included."""
        return frozenset(
            area for f in self.findings if f.rule is Rule.DO_NOT_TREAT for area in f.areas
        )

    def blocked_products(self, area_id: str) -> frozenset[str]:
        """Return the products a product-limited do-not-treat finding rules out for the area."""
        return frozenset(
            product
            for f in self.findings_for(area_id)
            if f.rule is Rule.DO_NOT_TREAT
            for product in f.products
        )

    @property
    def caution_areas(self) -> frozenset[str]:
        """Return the areas with a take-care finding."""
        return frozenset(
            area for f in self.findings if f.rule is Rule.TAKE_CARE for area in f.areas
        )

    def findings_for(self, area_id: str) -> tuple[Finding, ...]:
        """Return the findings that affect ``area_id``."""
        return tuple(f for f in self.findings if area_id in f.areas)


@dataclass(frozen=True)
class Override:
    """The practitioner's recorded decision to treat an area despite a do-not-treat finding."""

    area_id: str
    reason: str
    actor: str
    at: datetime


class Severity(StrEnum):
    """How much an area bothers the patient."""

    NONE = "none"
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class Hope(StrEnum):
    """The result the patient hopes for."""

    SOFTER = "softer"  # softer lines, natural movement kept
    SMOOTHER = "smoother"  # smoother, less movement
    DRIER = "drier"  # less sweating (sweating areas)


@dataclass(frozen=True)
class Goal:
    """What bothers the patient about one area, in their own words, and what they hope for.

    ``priority`` 1 is the most important.
    """

    area_id: str
    concern: str
    severity_at_rest: Severity
    severity_moving: Severity
    hope: Hope
    priority: int


@dataclass(frozen=True)
class TreatmentRecord:
    """What was injected in one area. Units belong to ``product_id`` only."""

    area_id: str
    product_id: str
    units: Decimal
    batch: str
    expiry: date
    notes: str = ""


class Assessment(StrEnum):
    """The practitioner's assessment of an area at review."""

    AS_PLANNED = "as_planned"
    TOO_LITTLE = "too_little"
    TOO_MUCH = "too_much"
    UNEVEN = "uneven"
    SIDE_EFFECT = "side_effect"


@dataclass(frozen=True)
class ReviewOutcome:
    """How one area went, recorded at the review. ``patient_rating`` is 1 (unhappy) to 5."""

    area_id: str
    patient_rating: int
    assessment: Assessment
    top_up_given: bool
    notes: str = ""


class StepKind(StrEnum):
    """The kinds of step in a plan."""

    TREAT = "treat"
    REVIEW = "review"
    REPEAT = "repeat"


@dataclass(frozen=True)
class PlanStep:
    """One dated step of the plan. For a repeat, ``due`` is the earliest allowed date."""

    kind: StepKind
    due: date
    areas: tuple[str, ...]
    done: bool = False
    note: str = ""


@dataclass(frozen=True)
class Plan:
    """The iterative plan: today's treatment, the review, the next treatment.

    ``deferred`` holds areas the patient wants treated but not in this cycle.
    """

    steps: tuple[PlanStep, ...]
    deferred: tuple[str, ...] = ()
    note: str = ""

    @property
    def next_step(self) -> PlanStep | None:
        """Return the first step not yet done."""
        for step in self.steps:
            if not step.done:
                return step
        return None


@dataclass(frozen=True)
class PlanVersion:
    """One saved version of a patient's plan. Versions are never changed or deleted."""

    id: int
    patient_id: int
    visit_id: int | None
    number: int
    created_at: datetime
    created_by: str
    reason: str
    plan: Plan


@dataclass(frozen=True)
class Amendment:
    """A correction to a finished visit: the original and new values, who, when and why."""

    id: int
    visit_id: int
    target: str
    target_id: str
    original: str
    amended: str
    reason: str
    actor: str
    at: datetime


@dataclass(frozen=True)
class Visit:
    """A visit. Once ``finished_at`` is set, the visit is locked."""

    id: int
    patient_id: int
    visit_date: date
    started_at: datetime
    started_by: str
    finished_at: datetime | None = None
    finished_by: str = ""
    note: str = ""

    @property
    def locked(self) -> bool:
        """Return whether the visit is finished and so can only be amended."""
        return self.finished_at is not None


@dataclass(frozen=True)
class StoredTreatment:
    """A treatment record with its database id (needed to amend it)."""

    id: int
    record: TreatmentRecord
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True)
class VisitRecord:
    """Everything recorded at one visit."""

    visit: Visit
    answers: tuple[ScreeningAnswer, ...]
    overrides: tuple[Override, ...]
    goals: tuple[Goal, ...]
    treatments: tuple[StoredTreatment, ...]
    reviews: tuple[ReviewOutcome, ...]
    amendments: tuple[Amendment, ...]
    questionnaires: tuple[QuestionnaireResult, ...] = ()


@dataclass(frozen=True)
class PatientFile:
    """A patient's whole record, newest visit first; plan versions oldest first (a timeline)."""

    patient: Patient
    visits: tuple[VisitRecord, ...]
    plan_versions: tuple[PlanVersion, ...]

    @property
    def current_plan(self) -> PlanVersion | None:
        """Return the latest plan version, if any."""
        return self.plan_versions[-1] if self.plan_versions else None


@dataclass(frozen=True)
class Recall:
    """A patient due for a review or a repeat treatment."""

    patient_id: int
    name: str
    phone: str
    kind: StepKind
    due: date
