"""Which areas a visit is about: the consent and the sheet cover these, not every area named."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

from consult_app.domain.models import StepKind


class DatedStep(Protocol):
    """A plan step as the plan and the sheet's facts both hold it."""

    @property
    def kind(self) -> StepKind:
        """What the step is."""
        ...

    @property
    def due(self) -> date:
        """When it is due (for a repeat, the earliest day)."""
        ...

    @property
    def areas(self) -> tuple[str, ...]:
        """The areas it covers."""
        ...

    @property
    def done(self) -> bool:
        """Whether it was done."""
        ...


def areas_for_today(
    steps: Iterable[DatedStep], treated: Iterable[str], day: date | None
) -> tuple[str, ...]:
    """Return the areas treated on ``day`` and those the plan has to treat by then.

    Areas the patient only mentioned, deferred ones and later cycles are left out. A review
    day with nothing treated falls back to the plan's next treatment.
    """
    areas = dict.fromkeys(treated)
    todo = [s for s in steps if not s.done and s.kind is not StepKind.REVIEW]
    due = [s for s in todo if day is not None and s.due <= day]
    if not due and not areas:
        due = todo[:1]
    for step in due:
        areas.update(dict.fromkeys(step.areas))
    return tuple(areas)
