"""A returning patient: earlier answers confirmed at once, and what the record already knows."""

from dataclasses import replace
from datetime import date

import pytest
from factories import all_no, consent_to, details, make_content, treatment

from consult_app.content.models import AppliesTo, Rule, ScreeningQuestion
from consult_app.domain.models import Answer, ScreeningAnswer
from consult_app.store import StoreError, ValidationError

FIRST = date(2025, 6, 15)
RECENT = ScreeningQuestion(
    "recent_toxin", "Toxin in the last 4 months?", Rule.TAKE_CARE, AppliesTo.ALL, "Interval."
)


@pytest.fixture
def content():
    base = make_content()
    return replace(base, screening=(*base.screening, RECENT))


def screened(store, content, patient_id, day, **yes):
    visit = store.visits.start_visit(patient_id, day)
    for answer in all_no(content):
        if answer.question_id in yes:
            answer = ScreeningAnswer(answer.question_id, Answer.YES, yes[answer.question_id])
        store.visits.save_screening_answer(visit.id, answer, content)
    return visit


@pytest.fixture
def treated(store, content):
    """A patient treated on FIRST (blood thinners noted), that visit finished."""
    patient_id = store.patients.create_patient(details(), FIRST).id
    visit = screened(store, content, patient_id, FIRST, blood_thinners="aspirin")
    consent_to(store, visit.id, content, ("glabella",))
    store.visits.record_treatment(visit.id, treatment("glabella"), content)
    store.visits.finish_visit(visit.id, content)
    return patient_id


def test_earlier_answers_are_those_of_the_latest_screened_visit(store, content, treated):
    later = store.visits.start_visit(treated, date(2025, 6, 25))
    earlier = store.visits.earlier_screening(later.id)
    assert earlier is not None
    assert earlier.visit_date == FIRST
    assert earlier.answer_to("blood_thinners") == ScreeningAnswer(
        "blood_thinners", Answer.YES, "aspirin"
    )
    assert len(earlier.answers) == len(content.screening)


def test_a_first_visit_has_no_earlier_answers_to_confirm(store, content):
    patient_id = store.patients.create_patient(details(), FIRST).id
    visit = store.visits.start_visit(patient_id, FIRST)
    assert store.visits.earlier_screening(visit.id) is None
    with pytest.raises(StoreError, match="no earlier safety check"):
        store.visits.confirm_screening_unchanged(visit.id, content)
    assert store.visits.visit_record(visit.id).answers == ()


def test_nothing_changed_copies_the_answers_but_the_record_knows_the_recent_toxin(
    store, content, treated
):
    later = store.visits.start_visit(treated, date(2025, 6, 25))
    # Answered already today: kept as it is.
    store.visits.save_screening_answer(
        later.id, ScreeningAnswer("pregnancy", Answer.UNSURE), content
    )
    copied = store.visits.confirm_screening_unchanged(later.id, content)
    assert copied == len(content.screening) - 1
    answers = {a.question_id: a for a in store.visits.visit_record(later.id).answers}
    assert answers["pregnancy"].answer is Answer.UNSURE
    assert answers["blood_thinners"] == ScreeningAnswer("blood_thinners", Answer.YES, "aspirin")
    assert answers["recent_toxin"] == ScreeningAnswer(
        "recent_toxin", Answer.YES, "Treated here on 2025-06-15, 10 days ago."
    )
    assert store.visits.screening_result(later.id, content).complete
    assert store.visits.confirm_screening_unchanged(later.id, content) == 0


def test_no_recent_toxin_is_refused_when_a_treatment_was_recorded(store, content, treated):
    later = store.visits.start_visit(treated, date(2025, 6, 25))
    for wrong in (Answer.NO, Answer.UNSURE):
        with pytest.raises(ValidationError, match="Treated here on 2025-06-15, 10 days ago"):
            store.visits.save_screening_answer(
                later.id, ScreeningAnswer("recent_toxin", wrong), content
            )
    assert store.visits.visit_record(later.id).answers == ()
    store.visits.save_screening_answer(
        later.id, ScreeningAnswer("recent_toxin", Answer.YES), content
    )


def test_an_old_treatment_leaves_the_question_to_the_patient(store, content, treated):
    later = store.visits.start_visit(treated, date(2025, 10, 14))  # 121 days on
    store.visits.save_screening_answer(
        later.id, ScreeningAnswer("recent_toxin", Answer.NO), content
    )
    store.visits.finish_visit(later.id, content)
    again = store.visits.start_visit(treated, date(2025, 10, 20))
    store.visits.confirm_screening_unchanged(again.id, content)
    answers = {a.question_id: a for a in store.visits.visit_record(again.id).answers}
    assert answers["recent_toxin"].answer is Answer.NO


def test_an_earlier_yes_to_recent_toxin_is_asked_again_once_out_of_the_window(
    store, content, treated
):
    later = store.visits.start_visit(treated, date(2025, 6, 25))
    store.visits.confirm_screening_unchanged(later.id, content)  # yes, from the record
    store.visits.finish_visit(later.id, content)
    months_on = store.visits.start_visit(treated, date(2025, 11, 1))
    copied = store.visits.confirm_screening_unchanged(months_on.id, content)
    assert copied == len(content.screening) - 1
    answers = {a.question_id for a in store.visits.visit_record(months_on.id).answers}
    assert "recent_toxin" not in answers
    assert store.visits.screening_result(months_on.id, content).unanswered == ("recent_toxin",)


def test_none_of_these_answers_only_the_unanswered_and_the_record_answers_recent_toxin(
    store, content, treated
):
    later = store.visits.start_visit(treated, date(2025, 6, 25))
    store.visits.save_screening_answer(later.id, ScreeningAnswer("pregnancy", Answer.YES), content)
    group = ["pregnancy", "blood_thinners", "recent_toxin"]

    assert store.visits.answer_none_of(later.id, group, content) == 2

    answers = {a.question_id: a for a in store.visits.visit_record(later.id).answers}
    assert answers["pregnancy"].answer is Answer.YES, "an answer given today is kept"
    assert answers["blood_thinners"] == ScreeningAnswer("blood_thinners", Answer.NO)
    assert answers["recent_toxin"].answer is Answer.YES, "the record knows better than 'none'"
    assert set(answers) == set(group)
    # Pressed again: nothing is left to answer, nothing changes.
    assert store.visits.answer_none_of(later.id, group, content) == 0
    entries = [e for e in store.audit.audit_trail() if e.action == "answer_none_of"]
    assert [e.detail["count"] for e in entries] == [2]


def test_none_of_these_refuses_unknown_questions_and_finished_visits(store, content, treated):
    later = store.visits.start_visit(treated, date(2025, 6, 25))
    with pytest.raises(ValidationError, match="Unknown question 'nonsense'"):
        store.visits.answer_none_of(later.id, ["pregnancy", "nonsense"], content)
    assert store.visits.visit_record(later.id).answers == ()
    first = store.visits.patient_file(treated).visits[-1].visit
    assert first.visit_date == FIRST
    with pytest.raises(StoreError):
        store.visits.answer_none_of(first.id, ["pregnancy"], content)
