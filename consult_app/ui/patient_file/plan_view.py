"""Plain-text descriptions of plans and plan versions (no widgets)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from consult_app.content.models import PlanStepLabels
from consult_app.domain.dates import earliest_next
from consult_app.domain.models import PatientFile, Plan, PlanStep
from consult_app.domain.plan import Timings
from consult_app.ui.patient_file.common import show_date

DONE = "\u2713"
OPEN = "\u25cb"


def step_text(step: PlanStep, area_name: Callable[[str], str], steps: PlanStepLabels) -> str:
    """Describe one step, e.g. "Review visit 15 Mar 2025: Frown lines"."""
    names = ", ".join(area_name(a) for a in step.areas)
    mark = DONE if step.done else OPEN
    text = f"{mark} {steps.of(step.kind).get()} {show_date(step.due)}: {names}"
    if step.note:
        text += f" ({step.note})"
    return text


def plan_html(plan: Plan, area_name: Callable[[str], str], steps: PlanStepLabels) -> str:
    """Describe a plan's steps, deferred areas and note."""
    lines = [escape(step_text(s, area_name, steps)) for s in plan.steps]
    if plan.deferred:
        waiting = ", ".join(area_name(a) for a in plan.deferred)
        lines.append(escape(f"Not this time: {waiting}"))
    if plan.note:
        lines.append(f"<i>{escape(plan.note)}</i>")
    return "<br>".join(lines) or "<i>No steps.</i>"


def next_step_text(
    plan: Plan, area_name: Callable[[str], str], today: date, steps: PlanStepLabels
) -> str:
    """Say what comes next, and whether it is overdue."""
    step = plan.next_step
    if step is None:
        return "Nothing more is planned."
    text = step_text(step, area_name, steps)[2:]
    if step.due < today:
        text += " (overdue)"
    return f"Next: {text}"


def area_timelines_html(plan: Plan, area_name: Callable[[str], str], steps: PlanStepLabels) -> str:
    """Describe the plan as one line per area: what happens there, and when, in date order."""
    areas = list(dict.fromkeys(a for s in plan.steps for a in s.areas))
    parts: list[str] = []
    for area_id in areas:
        events = sorted((s for s in plan.steps if area_id in s.areas), key=lambda s: s.due)
        line = " \u2192 ".join(
            f"{DONE if s.done else OPEN} {steps.of(s.kind).get()} {show_date(s.due)}"
            for s in events
        )
        parts.append(f"<b>{escape(area_name(area_id))}</b>: {escape(line)}")
    waiting = [a for a in plan.deferred if a not in areas]
    if waiting:
        names = ", ".join(area_name(a) for a in waiting)
        parts.append(escape(f"Not this time: {names}"))
    return "<br>".join(parts)


def timeline_html(
    record: PatientFile, area_name: Callable[[str], str], today: date, steps: PlanStepLabels
) -> str:
    """Describe every plan version, oldest first, with the visit it came from."""
    if not record.plan_versions:
        return "<i>No plan saved yet.</i>"
    visit_dates = {v.visit.id: v.visit.visit_date for v in record.visits}
    parts: list[str] = []
    current = record.current_plan
    if current is not None:
        parts.append(f"<b>{escape(next_step_text(current.plan, area_name, today, steps))}</b>")
        # Each area's own timeline first: what is done there and what comes next, by date.
        parts.append(f"<p>{area_timelines_html(current.plan, area_name, steps)}</p>")
        parts.append("<b>Plan versions</b>")
    for version in record.plan_versions:
        where = ""
        if version.visit_id is not None and version.visit_id in visit_dates:
            where = f", visit of {show_date(visit_dates[version.visit_id])}"
        reason = f": {version.reason}" if version.reason else ""
        head = (
            f"Version {version.number} ({show_date(version.created_at.date())}{where}, "
            f"by {version.created_by}){reason}"
        )
        label = " (current)" if version is current else ""
        parts.append(
            f"<p><b>{escape(head)}</b>{label}<br>{plan_html(version.plan, area_name, steps)}</p>"
        )
    return "".join(parts)


def timing_html(
    plan: Plan | None,
    timings: Timings,
    area_name: Callable[[str], str],
    last_treated: dict[str, date],
    day: date,
) -> str:
    """Each planned area's review day and minimum interval, and any interval still running."""
    areas = tuple(dict.fromkeys(a for s in plan.steps for a in s.areas)) if plan else ()
    groups: dict[tuple[int, int], list[str]] = {}
    for area_id in areas:
        timing = timings.get(area_id)
        if timing is not None:
            key = (timing.review_after_days, timing.min_interval_days)
            groups.setdefault(key, []).append(area_name(area_id))
    parts = [
        f"{escape(', '.join(names))}: review at about {review} days, next treatment no "
        f"sooner than {interval} days after this one."
        for (review, interval), names in groups.items()
    ]
    waits = []
    for area_id, last in last_treated.items():
        timing = timings.get(area_id)
        if timing is not None and area_id in areas and earliest_next(last, timing) > day:
            waits.append(
                f"{escape(area_name(area_id))} was treated on {show_date(last)}: "
                f"the next can be no sooner than {show_date(earliest_next(last, timing))}."
            )
    return "".join(f"<b>{w}</b> " for w in waits) + " ".join(parts)


def last_treatments(record: PatientFile | None, visit_id: int | None, day: date) -> dict[str, date]:
    """The last day each area was treated before visit ``visit_id`` (on or before ``day``)."""
    last: dict[str, date] = {}
    if record is None:
        return last
    for v in record.visits:
        if v.visit.id == visit_id or v.visit.visit_date > day:
            continue
        for stored in v.treatments:
            area_id = stored.record.area_id
            seen = last.get(area_id)
            if seen is None or v.visit.visit_date > seen:
                last[area_id] = v.visit.visit_date
    return last
