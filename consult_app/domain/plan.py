"""The iterative plan: treat, review, repeat no sooner than each area's minimum interval.

A plan is derived from the goals and each area's timing (review day and minimum interval come
from the content, per area: the jaw is reviewed at about 3 months, the face at 2 weeks, the
underarms may be treated again after 16 weeks). It can then be adjusted by the practitioner.
After a treatment, and after a review, a new version is made; versions are kept so the plan
can be shown as a timeline.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from consult_app.content.models import AreaTiming
from consult_app.domain.models import (
    Assessment,
    Goal,
    Plan,
    PlanStep,
    ReviewOutcome,
    Severity,
    StepKind,
)

#: Each area's timing by area id (``Content.timings``).
Timings = Mapping[str, AreaTiming]


def timing_of(timings: Timings, area_id: str) -> AreaTiming:
    """Return the timing of ``area_id``; ``ValueError`` if the content has no such area."""
    try:
        return timings[area_id]
    except KeyError:
        raise ValueError(
            f"The clinic's content has no area '{area_id}', so its dates cannot be worked "
            "out. Remove the area from the plan, or restore it in the content files."
        ) from None


def _grouped(
    areas: Sequence[str], due: Callable[[str], date]
) -> list[tuple[date, tuple[str, ...]]]:
    """Group ``areas`` by their due date, earliest first, keeping the areas' order."""
    groups: dict[date, list[str]] = {}
    for area in areas:
        groups.setdefault(due(area), []).append(area)
    return [(day, tuple(groups[day])) for day in sorted(groups)]


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
    day: date, treated: Sequence[str], later: Sequence[str], timings: Timings, done: bool
) -> tuple[PlanStep, ...]:
    if not treated:
        return (PlanStep(StepKind.TREAT, day, tuple(later)),) if later else ()
    steps = [PlanStep(StepKind.TREAT, day, tuple(treated), done=done)]
    for due, areas in _grouped(
        treated, lambda a: day + timedelta(days=timing_of(timings, a).review_after_days)
    ):
        steps.append(PlanStep(StepKind.REVIEW, due, areas))
    repeats = _grouped(
        treated, lambda a: day + timedelta(days=timing_of(timings, a).min_interval_days)
    )
    # Areas not treated this time may be treated at the first next treatment.
    waiting = tuple(a for a in later if a not in treated)
    for index, (due, areas) in enumerate(repeats):
        steps.append(PlanStep(StepKind.REPEAT, due, areas + (waiting if index == 0 else ())))
    return tuple(steps)


def derive_plan(
    goals: Iterable[Goal],
    timings: Timings,
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
    return Plan(_cycle(today, today_areas, later, timings, done=False), deferred=tuple(blocked))


def plan_after_treatment(
    plan: Plan | None, treated_areas: Sequence[str], day: date, timings: Timings
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
    return Plan(_cycle(day, treated, later, timings, done=True), deferred=deferred)


_ADVICE = {
    Assessment.TOO_LITTLE: "less effect than planned: consider a little more next time",
    Assessment.TOO_MUCH: "more effect than planned: consider less next time",
    Assessment.UNEVEN: "uneven result: adjust the pattern next time",
    Assessment.SIDE_EFFECT: "side effect at review: reconsider this area",
}


def apply_review(
    plan: Plan, outcomes: Iterable[ReviewOutcome], review_day: date, timings: Timings
) -> Plan:
    """Return the plan after the review on ``review_day``.

    The review steps of the reviewed areas are marked done (the first open review when no area
    was assessed). A top-up is a treatment, so it moves that area's next treatment to its
    minimum interval after the review. Advice for each area that did not go as planned is
    written into the note of the next treatment of that area.
    """
    results = list(outcomes)
    reviewed = {o.area_id for o in results}
    topped_up = {
        o.area_id: review_day + timedelta(days=timing_of(timings, o.area_id).min_interval_days)
        for o in results
        if o.top_up_given
    }
    advice = {o.area_id: _ADVICE[o.assessment] for o in results if o.assessment in _ADVICE}
    first_open_review = next(
        (n for n, s in enumerate(plan.steps) if s.kind is StepKind.REVIEW and not s.done), None
    )
    steps: list[PlanStep] = []
    for n, step in enumerate(plan.steps):
        if step.kind is StepKind.REVIEW and not step.done:
            if reviewed & set(step.areas) or (not reviewed and n == first_open_review):
                step = replace(step, done=True, due=review_day)
        elif step.kind is StepKind.REPEAT and not step.done:
            due = max([step.due, *(topped_up[a] for a in step.areas if a in topped_up)])
            notes = [f"{a}: {advice[a]}" for a in step.areas if a in advice]
            note = "; ".join([*([step.note] if step.note else []), *notes])
            step = replace(step, due=due, note=note)
        steps.append(step)
    return replace(plan, steps=tuple(steps))


def earliest_repeat(plan: Plan, areas: Iterable[str], timings: Timings) -> date | None:
    """Return the first day all of ``areas`` may be treated again, from the treatments done.

    ``None`` when none of them has been treated in this plan.
    """
    dates = []
    for area in areas:
        done = [
            s.due for s in plan.steps if s.kind is StepKind.TREAT and s.done and area in s.areas
        ]
        if done:
            dates.append(max(done) + timedelta(days=timing_of(timings, area).min_interval_days))
    return max(dates) if dates else None


def move_step(plan: Plan, kind: StepKind, due: date, timings: Timings) -> Plan:
    """Return the plan with its next ``kind`` step moved to ``due`` (the practitioner's choice).

    A repeat may not come sooner than each of its areas' minimum interval after that area's
    last treatment: ``ValueError`` says so, with the earliest allowed date.
    """
    steps = list(plan.steps)
    for n, step in enumerate(steps):
        if step.kind is kind and not step.done:
            if kind is StepKind.REPEAT:
                earliest = earliest_repeat(plan, step.areas, timings)
                if earliest is not None and due < earliest:
                    raise ValueError(
                        f"The next treatment cannot be before {earliest.isoformat()}: each "
                        "area needs its minimum interval since its last treatment."
                    )
            steps[n] = replace(step, due=due)
            return replace(plan, steps=tuple(steps))
    raise ValueError(f"The plan has no {kind.value} step still to do.")
