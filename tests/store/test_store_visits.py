"""A visit end to end: screening, overrides, treatments, locking, amendments, the plan."""

import json
import sqlite3
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from factories import all_no, consent_to, details, goal, treatment

from consult_app.domain.models import (
    Answer,
    Assessment,
    ReviewOutcome,
    ScreeningAnswer,
    StepKind,
)
from consult_app.domain.plan import derive_plan
from consult_app.store import (
    TreatmentBlockedError,
    ValidationError,
    VisitLockedError,
)

TODAY = date(2025, 6, 15)
HALA = "Dr Hala"


@pytest.fixture
def patient_id(store):
    return store.patients.create_patient(details(), TODAY).id


def screened_visit(store, content, patient_id, day=None, **yes):
    visit = store.visits.start_visit(patient_id, day)
    for answer in all_no(content):
        if answer.question_id in yes:
            answer = ScreeningAnswer(answer.question_id, Answer(yes[answer.question_id]))
        store.visits.save_screening_answer(visit.id, answer, content)
    consent_to(store, visit.id, content)
    return visit


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (datetime(2025, 6, 16, 0, 30, tzinfo=timezone(timedelta(hours=10))), date(2025, 6, 16)),
        (datetime(2025, 6, 15, 23, 30, tzinfo=timezone(timedelta(hours=-5))), date(2025, 6, 15)),
    ],
)
def test_visit_late_at_night_is_dated_by_the_local_day(store, patient_id, clock, moment, day):
    # In UTC the first is still the 15th and the second already the 16th.
    clock.now = moment
    assert store.visits.start_visit(patient_id).visit_date == day


def test_screening_is_saved_per_answer_and_incomplete_until_all_answered(
    store, content, patient_id
):
    visit = store.visits.start_visit(patient_id)
    store.visits.save_screening_answer(
        visit.id, ScreeningAnswer("blood_thinners", Answer.YES, "aspirin"), content
    )
    result = store.visits.screening_result(visit.id, content, ("glabella",))
    assert not result.complete
    assert [f.check_id for f in result.findings] == ["blood_thinners"]
    with pytest.raises(TreatmentBlockedError, match="not complete"):
        store.visits.record_treatment(visit.id, treatment(), content)
    assert store.visits.visit_record(visit.id).treatments == ()


def test_unknown_question_is_refused(store, content, patient_id):
    visit = store.visits.start_visit(patient_id)
    with pytest.raises(ValidationError):
        store.visits.save_screening_answer(visit.id, ScreeningAnswer("nope", Answer.NO), content)


def test_do_not_treat_blocks_the_area_until_an_override_with_reason(store, content, patient_id):
    visit = screened_visit(store, content, patient_id, site_infection="yes")
    with pytest.raises(TreatmentBlockedError, match="Reason for site_infection"):
        store.visits.record_treatment(visit.id, treatment("glabella"), content)
    with pytest.raises(ValidationError):
        store.visits.record_override(visit.id, "glabella", "  ")
    store.visits.record_override(visit.id, "glabella", "Infection is on the chin, far away")
    stored = store.visits.record_treatment(visit.id, treatment("glabella"), content)
    assert stored.record.area_id == "glabella"
    with pytest.raises(TreatmentBlockedError):  # the override covers only its own area
        store.visits.record_treatment(visit.id, treatment("forehead"), content)
    record = store.visits.visit_record(visit.id)
    assert [(o.area_id, o.actor) for o in record.overrides] == [("glabella", HALA)]


def test_under_18_blocks_cosmetic_but_not_sweating(store, content):
    teen = store.patients.create_patient(details(birth=date(2008, 1, 1)), TODAY).id
    visit = screened_visit(store, content, teen)
    with pytest.raises(TreatmentBlockedError, match="Under 18"):
        store.visits.record_treatment(visit.id, treatment("glabella"), content)
    store.visits.record_treatment(visit.id, treatment("underarms", units="50"), content)


def test_expired_batch_is_refused_and_nothing_saved(store, content, patient_id):
    visit = screened_visit(store, content, patient_id)
    with pytest.raises(ValidationError, match="expired on 2025-06-14"):
        store.visits.record_treatment(visit.id, treatment(expiry=date(2025, 6, 14)), content)
    assert store.visits.visit_record(visit.id).treatments == ()


def test_recent_treatment_comes_from_previous_visits(store, content, patient_id):
    first = screened_visit(store, content, patient_id, day=date(2025, 5, 1))
    store.visits.record_treatment(first.id, treatment(), content)
    store.visits.finish_visit(first.id, content)
    second = screened_visit(store, content, patient_id, day=TODAY)
    result = store.visits.screening_result(second.id, content, ("glabella",))
    assert [f.check_id for f in result.findings] == ["recent_treatment"]
    assert "2025-05-01, 45 days ago" in result.findings[0].reason


def test_finished_visit_is_locked(store, content, patient_id):
    visit = screened_visit(store, content, patient_id)
    store.visits.save_goal(visit.id, goal(), content)
    store.visits.finish_visit(visit.id, content)
    attempts = [
        lambda: store.visits.save_goal(visit.id, goal(concern="changed"), content),
        lambda: store.visits.save_screening_answer(
            visit.id, ScreeningAnswer("pregnancy", Answer.YES), content
        ),
        lambda: store.visits.record_treatment(visit.id, treatment(), content),
        lambda: store.visits.record_override(visit.id, "glabella", "x"),
        lambda: store.visits.set_visit_note(visit.id, "x"),
        lambda: store.visits.remove_goal(visit.id, "glabella"),
        lambda: store.visits.finish_visit(visit.id, content),
    ]
    for attempt in attempts:
        with pytest.raises(VisitLockedError, match="amendment"):
            attempt()
    assert store.visits.visit_record(visit.id).goals == (goal(),)


def test_amendment_keeps_the_original_with_who_when_why(store, content, patient_id, clock):
    visit = screened_visit(store, content, patient_id)
    stored = store.visits.record_treatment(visit.id, treatment(units="20"), content)
    store.visits.finish_visit(visit.id, content)
    with pytest.raises(ValidationError):
        store.visits.amend_treatment(stored.id, treatment(units="18"), " ", content)
    clock.now += timedelta(days=1)
    store.visits.amend_treatment(stored.id, treatment(units="18"), "Typed 20, gave 18", content)
    record = store.visits.visit_record(visit.id)
    assert record.treatments[0].record.units == Decimal("18")
    [amendment] = record.amendments
    assert json.loads(amendment.original)["units"] == "20"
    assert json.loads(amendment.amended)["units"] == "18"
    assert (amendment.actor, amendment.reason) == ("Dr Hala", "Typed 20, gave 18")
    assert amendment.at.date() == date(2025, 6, 16)
    with pytest.raises(sqlite3.IntegrityError):
        store._conn.execute("DELETE FROM amendments")


def test_other_amendments(store, content, patient_id):
    visit = screened_visit(store, content, patient_id)
    store.visits.set_visit_note(visit.id, "first note")
    with pytest.raises(VisitLockedError, match="still open"):
        store.visits.amend_visit_note(visit.id, "x", "why")
    store.visits.finish_visit(visit.id, content)
    order = [a.question_id for a in store.visits.visit_record(visit.id).answers]
    store.visits.amend_visit_note(visit.id, "second note", "wrong patient's note")
    store.visits.amend_screening_answer(
        visit.id, ScreeningAnswer("pregnancy", Answer.UNSURE), "patient rang back"
    )
    record = store.visits.visit_record(visit.id)
    assert record.visit.note == "second note"
    assert [a.target for a in record.amendments] == ["visit_note", "screening_answer"]
    assert json.loads(record.amendments[0].original) == {"note": "first note"}
    assert json.loads(record.amendments[1].original)["answer"] == "no"
    # The corrected answer stays in its place in the questionnaire.
    assert [a.question_id for a in record.answers] == order
    assert {a.question_id: a.answer for a in record.answers}["pregnancy"] is Answer.UNSURE


def test_plan_versions_form_a_timeline_across_visits(store, content, patient_id):
    first = screened_visit(store, content, patient_id, day=date(2025, 3, 3))
    store.visits.save_goal(first.id, goal("glabella", 1), content)
    store.visits.save_goal(first.id, goal("forehead", 2), content)
    plan = derive_plan(
        store.visits.visit_record(first.id).goals, content.timings, date(2025, 3, 3), first_areas=1
    )
    store.visits.save_plan(patient_id, plan, "Agreed at consultation", first.id)
    store.visits.record_treatment(first.id, treatment("glabella"), content)
    store.visits.finish_visit(first.id, content)
    after = store.visits.current_plan(patient_id)
    assert after.plan.next_step.kind is StepKind.REVIEW
    assert after.plan.next_step.due == date(2025, 3, 17)

    review = store.visits.start_visit(patient_id, date(2025, 3, 18))
    outcome = ReviewOutcome("glabella", 3, Assessment.TOO_LITTLE, top_up_given=False)
    store.visits.save_review(review.id, outcome, content)
    store.visits.finish_visit(review.id, content)

    history = store.visits.plan_history(patient_id)
    assert [v.number for v in history] == [1, 2, 3]
    assert [v.reason for v in history] == [
        "Agreed at consultation",
        "Treatment recorded",
        "Review recorded",
    ]
    latest = history[-1].plan.next_step
    interval = content.area("glabella").timing.min_interval_days
    assert (latest.kind, latest.due) == (StepKind.REPEAT, date(2025, 3, 3) + timedelta(interval))
    assert latest.areas == ("glabella", "forehead")
    assert history[0].plan == plan  # the first version is unchanged
    with pytest.raises(sqlite3.IntegrityError):
        store._conn.execute("UPDATE plan_versions SET reason = 'x'")


def test_patient_file_has_everything(store, content, patient_id):
    visit = screened_visit(store, content, patient_id, day=date(2025, 6, 1))
    store.visits.save_goal(visit.id, goal(), content)
    store.visits.record_treatment(visit.id, treatment(), content)
    store.visits.record_treatment(visit.id, treatment("forehead", "product_b", "10"), content)
    store.visits.finish_visit(visit.id, content)
    later = store.visits.start_visit(patient_id, date(2025, 6, 15))
    file = store.visits.patient_file(patient_id)
    assert [v.visit.id for v in file.visits] == [later.id, visit.id]
    assert len(file.visits[1].answers) == len(content.screening)
    assert [t.record.product_id for t in file.visits[1].treatments] == ["product_a", "product_b"]
    assert file.current_plan.plan.next_step.kind is StepKind.REVIEW


def test_recalls_list_due_reviews_and_repeats_in_the_window(store, content):
    def treated(name, day, phone):
        pid = store.patients.create_patient(details(name, "Test", phone=phone), TODAY).id
        visit = screened_visit(store, content, pid, day=day)
        store.visits.record_treatment(visit.id, treatment(), content)
        store.visits.finish_visit(visit.id, content)
        return pid

    review_soon = treated("Review", date(2025, 6, 10), "0400 000 001")  # review 06-24
    repeat_soon = treated("Repeat", date(2025, 4, 1), "0400 000 002")  # review 04-15 overdue
    not_yet = treated("Later", date(2025, 6, 14), "0400 000 003")  # review 06-28
    archived = treated("Gone", date(2025, 6, 10), "0400 000 004")
    store.patients.archive_patient(archived)
    recalls = store.patients.recalls(TODAY, within_days=10)
    assert [(r.patient_id, r.kind, r.due) for r in recalls] == [
        (repeat_soon, StepKind.REVIEW, date(2025, 4, 15)),
        (review_soon, StepKind.REVIEW, date(2025, 6, 24)),
    ]
    assert recalls[1].phone == "0400 000 001"
    assert not_yet in [r.patient_id for r in store.patients.recalls(TODAY, within_days=30)]


def test_archived_patient_cannot_start_a_visit(store, patient_id):
    store.patients.archive_patient(patient_id)
    with pytest.raises(Exception, match="Restore the patient"):
        store.visits.start_visit(patient_id)


def test_clock_is_recorded_for_who_and_when(store, content, patient_id, clock):
    clock.now = datetime(2025, 6, 15, 8, 0, tzinfo=clock.now.tzinfo)
    visit = store.visits.start_visit(patient_id)
    assert (visit.started_by, visit.started_at.hour) == ("Dr Hala", 8)


def test_latest_goals_come_from_the_most_recent_visit_with_goals(store, content, patient_id):
    first = store.visits.start_visit(patient_id, date(2025, 1, 1))
    store.visits.save_goal(first.id, goal("forehead", 2), content)
    store.visits.save_goal(first.id, goal("glabella", 1), content)
    assert [g.area_id for g in store.visits.latest_goals(patient_id)] == ["glabella", "forehead"]
    store.visits.finish_visit(first.id, content)
    second = store.visits.start_visit(patient_id, date(2025, 2, 1))
    store.visits.save_goal(second.id, goal("crows_feet"), content)
    store.visits.finish_visit(second.id, content)
    store.visits.start_visit(patient_id, date(2025, 3, 1))  # no goals at this one
    assert [g.area_id for g in store.visits.latest_goals(patient_id)] == ["crows_feet"]
