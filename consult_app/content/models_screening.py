"""Screening questions, checks worked out from the record, and the questionnaire."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from consult_app.content.models_common import AppliesTo, Rule


@dataclass(frozen=True)
class ScreeningQuestion:
    """A question asked at each visit. Practitioner-only wording.

    A *yes* answer triggers :attr:`rule` for areas in :attr:`applies_to`, with :attr:`reason`
    shown to the practitioner. *Unsure* counts as a finding too (it must be resolved).
    :attr:`applies_to_areas`, when given, narrows the rule to those named areas;
    :attr:`products`, when given, limits it to treatment with those product ids (screening
    happens before the product is chosen, so the rule is applied when a treatment is
    recorded). With :attr:`note_prompt`, a *yes* answer needs a note saying what it asks.
    Neighbouring questions with the same :attr:`topic` are shown as one group.
    """

    id: str
    question: str
    rule: Rule
    applies_to: AppliesTo
    reason: str
    source: str = ""
    applies_to_areas: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    note_prompt: str = ""
    topic: str = ""


class DerivedCheckKind(StrEnum):
    """Checks computed from the record rather than asked."""

    MINIMUM_AGE = "minimum_age"
    AGE_AT_LEAST = "age_at_least"
    RECENT_TREATMENT = "recent_treatment"


@dataclass(frozen=True)
class DerivedCheck:
    """A screening rule computed from the record (age from birth date, last treatment date).

    For ``minimum_age``, ``value`` is the age in years below which the rule applies; for
    ``age_at_least`` the age in years from which it applies (the birthday included).
    ``recent_treatment`` has no value: it applies to each area whose own minimum interval
    (:attr:`AreaTiming.min_interval_days`) has not passed since the last toxin treatment.
    ``products`` names the product ids the rule concerns (empty: any).
    """

    id: str
    kind: DerivedCheckKind
    value: int | None
    rule: Rule
    applies_to: AppliesTo
    reason: str
    source: str = ""
    products: tuple[str, ...] = ()

    @property
    def from_birth_date(self) -> bool:
        """Return whether the check is worked out from the birth date."""
        return self.kind in (DerivedCheckKind.MINIMUM_AGE, DerivedCheckKind.AGE_AT_LEAST)


@dataclass(frozen=True)
class Questionnaire:
    """Practitioner-only: a validated short questionnaire done on its own form at the visit.

    Only its result is recorded (the instrument's name, positive, negative or declined). A
    positive or declined result, or none recorded, gives :attr:`rule` for areas in
    :attr:`applies_to`, with the matching reason.
    """

    id: str
    title: str
    instruments: tuple[str, ...]
    applies_to: AppliesTo
    rule: Rule
    positive_reason: str
    declined_reason: str
    missing_reason: str
    source: str = ""
