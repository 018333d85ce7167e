"""The plan agreed at a visit: its dates stand at finishing; afterwards it changes by addendum."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from factories import goal, treatment

from consult_app.domain.models import StepKind
from consult_app.domain.plan import derive_plan
from consult_app.store.errors import ValidationError, VisitLockedError
from store.test_store_visits import patient_id, screened_visit

DAY = date(2025, 3, 3)
__all__ = ["patient_id"]


def agreed_plan(store, content, patient_id, review_day):
    """Start a visit with one goal and save the proposal with the review moved to a day."""
    visit = screened_visit(store, content, patient_id, day=DAY)
    store.visits.save_goal(visit.id, goal("glabella", 1), content)
    plan = derive_plan(store.visits.visit_record(visit.id).goals, content.timings, DAY)
    steps = tuple(
        replace(s, due=review_day) if s.kind is StepKind.REVIEW else s for s in plan.steps
    )
    store.visits.save_plan(patient_id, replace(plan, steps=steps), "Plan agreed", visit.id)
    return visit


def test_finishing_keeps_the_review_date_agreed_at_the_visit(store, content, patient_id):
    visit = agreed_plan(store, content, patient_id, DAY + timedelta(days=17))
    store.visits.record_treatment(visit.id, treatment("glabella"), content)
    store.visits.finish_visit(visit.id, content)
    current = store.visits.current_plan(patient_id)
    review = next(s for s in current.plan.steps if s.kind is StepKind.REVIEW)
    assert review.due == DAY + timedelta(days=17)  # not the default 14 days


def test_a_finished_visits_plan_changes_only_by_an_addendum_with_a_reason(
    store, content, patient_id
):
    visit = agreed_plan(store, content, patient_id, DAY + timedelta(days=14))
    store.visits.record_treatment(visit.id, treatment("glabella"), content)
    store.visits.finish_visit(visit.id, content)
    before = store.visits.current_plan(patient_id)
    history = store.visits.plan_history(patient_id)
    moved = replace(
        before.plan,
        steps=tuple(
            replace(s, due=DAY + timedelta(days=21)) if s.kind is StepKind.REVIEW else s
            for s in before.plan.steps
        ),
    )
    with pytest.raises(VisitLockedError, match="addendum"):
        store.visits.save_plan(patient_id, moved, "Moved", visit.id)
    with pytest.raises(ValidationError) as refused:
        store.visits.amend_plan(visit.id, moved, "  ")
    assert "why" in refused.value.errors["reason"]
    assert store.visits.current_plan(patient_id) == before  # nothing saved

    version = store.visits.amend_plan(visit.id, moved, "Patient away on the 17th")
    assert version.number == before.number + 1
    assert version.reason == "Addendum: Patient away on the 17th"
    assert version.visit_id == visit.id
    (amendment,) = store.visits.visit_record(visit.id).amendments
    assert amendment.target == "plan" and amendment.reason == "Patient away on the 17th"
    assert "2025-03-24" in amendment.amended
    assert "2025-03-17" in amendment.original
    assert store.visits.plan_history(patient_id)[:-1] == history  # earlier versions kept


def test_an_open_visits_plan_is_not_amended(store, content, patient_id):
    visit = agreed_plan(store, content, patient_id, DAY + timedelta(days=14))
    plan = store.visits.current_plan(patient_id).plan
    with pytest.raises(VisitLockedError, match="still open"):
        store.visits.amend_plan(visit.id, plan, "Why not")
