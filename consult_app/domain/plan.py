"""The iterative plan: treat, review at about 2 weeks, repeat no sooner than the minimum interval.

A plan is derived from the goals and the timing rules, and can then be adjusted by the
practitioner. After a treatment, and after a review, a new version is made; versions are
kept so the plan can be shown as a timeline.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from datetime import date

from consult_app.content.models import Timing
from consult_app.domain.dates import plan_dates
from consult_app.domain.models import (
    Assessment,
    Goal,
    Plan,
    PlanStep,
    ReviewOutcome,
    Severity,
    StepKind,
)


def areas_by_priority(goals: Iterable[Goal]) -> tuple[str, ...]:
    """Return the goal areas, most important first, leaving out areas that bother not at all."""
    wanted = [
        g
        for g in goals
        if not (g.severity_at_rest is Severity.NONE and g.severity_moving is Severity.NONE)
    ]
    wanted.sort(key=lambda g: (g.priority, g.area_id))
    return tuple(dict.fromkeys(g.area_id for g in wanted))


def _cycle(
    day: date, treated: Sequence[str], later: Sequence[str], timing: Timing, done: bool
) -> tuple[PlanStep, ...]:
    review, earliest_next = plan_dates(day, timing)
    steps = []
    if treated:
        steps.append(PlanStep(StepKind.TREAT, day, tuple(treated), done=done))
        steps.append(PlanStep(StepKind.REVIEW, review, tuple(treated)))
        repeat_areas = tuple(dict.fromkeys((*treated, *later)))
        steps.append(PlanStep(StepKind.REPEAT, earliest_next, repeat_areas))
    elif later:
        steps.append(PlanStep(StepKind.TREAT, day, tuple(later)))
    return tuple(steps)


def derive_plan(
    goals: Iterable[Goal],
    timing: Timing,
    today: date,
    *,
    blocked_areas: Collection[str] = (),
    first_areas: int | None = None,
) -> Plan:
    """Derive a plan from the goals: treat today, review, repeat.

    ``first_areas`` keeps today's treatment to the most important few areas (a first,
    conservative subset); the rest wait for the next treatment. Blocked areas are not treated
    today and are listed as ``deferred``.
    """
    ordered = areas_by_priority(goals)
    blocked = [a for a in ordered if a in blocked_areas]
    allowed = [a for a in ordered if a not in blocked_areas]
    today_areas = allowed if first_areas is None else allowed[: max(first_areas, 0)]
    later = [a for a in allowed if a not in today_areas]
    if not today_areas:
        note = "Nothing is planned for today." if ordered else "No goals recorded yet."
        return Plan((), deferred=tuple(ordered), note=note)
    return Plan(_cycle(today, today_areas, later, timing, done=False), deferred=tuple(blocked))


def plan_after_treatment(
    plan: Plan | None, treated_areas: Sequence[str], day: date, timing: Timing
) -> Plan:
    """Return the plan once ``treated_areas`` were treated on ``day``.

    The new cycle's review and earliest next treatment are counted from ``day``. Areas the
    old plan still wanted but were not treated move to the next treatment.
    """
    treated = tuple(dict.fromkeys(treated_areas))
    wanted: list[str] = []
    if plan is not None:
        for step in plan.steps:
            if not step.done:
                wanted.extend(step.areas)
    later = [a for a in dict.fromkeys(wanted) if a not in treated]
    deferred = tuple(plan.deferred) if plan is not None else ()
    return Plan(_cycle(day, treated, later, timing, done=True), deferred=deferred)


_ADVICE = {
    Assessment.TOO_LITTLE: "less effect than planned: consider a little more next time",
    Assessment.TOO_MUCH: "more effect than planned: consider less next time",
    Assessment.UNEVEN: "uneven result: adjust the pattern next time",
    Assessment.SIDE_EFFECT: "side effect at review: reconsider this area",
}


def apply_review(
    plan: Plan, outcomes: Iterable[ReviewOutcome], review_day: date, timing: Timing
) -> Plan:
    """Return the plan after the review on ``review_day``.

    The review step is marked done. A top-up is a treatment, so it moves the earliest next
    treatment to the minimum interval after the review. Advice for each area that did not go
    as planned is written into the next treatment's note.
    """
    results = list(outcomes)
    _, earliest_after_top_up = plan_dates(review_day, timing)
    any_top_up = any(o.top_up_given for o in results)
    advice = [f"{o.area_id}: {_ADVICE[o.assessment]}" for o in results if o.assessment in _ADVICE]
    steps: list[PlanStep] = []
    for step in plan.steps:
        if step.kind is StepKind.REVIEW and not step.done:
            steps.append(replace(step, done=True, due=review_day))
        elif step.kind is StepKind.REPEAT and not step.done:
            due = max(step.due, earliest_after_top_up) if any_top_up else step.due
            note = "; ".join([*([step.note] if step.note else []), *advice])
            steps.append(replace(step, due=due, note=note))
        else:
            steps.append(step)
    return replace(plan, steps=tuple(steps))


def move_step(plan: Plan, kind: StepKind, due: date, timing: Timing) -> Plan:
    """Return the plan with its next ``kind`` step moved to ``due`` (the practitioner's choice).

    A repeat may not come sooner than the minimum interval after the last treatment done:
    ``ValueError`` says so, with the earliest allowed date.
    """
    done_treatments = [s.due for s in plan.steps if s.kind is StepKind.TREAT and s.done]
    if kind is StepKind.REPEAT and done_treatments:
        _, earliest = plan_dates(max(done_treatments), timing)
        if due < earliest:
            raise ValueError(
                f"The next treatment cannot be before {earliest.isoformat()}: keep at least "
                f"{timing.min_interval_days} days between treatments."
            )
    steps = list(plan.steps)
    for n, step in enumerate(steps):
        if step.kind is kind and not step.done:
            steps[n] = replace(step, due=due)
            return replace(plan, steps=tuple(steps))
    raise ValueError(f"The plan has no {kind.value} step still to do.")
