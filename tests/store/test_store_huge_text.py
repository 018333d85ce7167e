"""A paste of a whole document into a text field is refused clearly and saves nothing."""

import dataclasses
from datetime import date

import pytest
from factories import all_no, details, goal

from consult_app.domain.validation import MAX_CONCERN_LENGTH, MAX_NOTES_LENGTH
from consult_app.store import ValidationError

TODAY = date(2025, 6, 15)
HALA = "Dr Hala"
HUGE = "word " * 100_000  # 500,000 characters


def test_huge_patient_notes_are_refused_with_the_length(store) -> None:
    with pytest.raises(ValidationError) as caught:
        store.patients.create_patient(details(notes=HUGE), TODAY)
    assert "too long (500,000 characters)" in caught.value.errors["notes"]
    assert store.patients.search_patients("", limit=None) == []
    kept = store.patients.create_patient(details(notes="n" * MAX_NOTES_LENGTH), TODAY)
    assert len(kept.details.notes) == MAX_NOTES_LENGTH


def test_huge_visit_text_is_refused_and_the_visit_is_unchanged(store, content) -> None:
    patient = store.patients.create_patient(details(), TODAY)
    visit = store.visits.start_visit(patient.id, TODAY)
    store.visits.set_visit_note(visit.id, "Short note")
    with pytest.raises(ValidationError, match="too long"):
        store.visits.set_visit_note(visit.id, HUGE)
    long_goal = dataclasses.replace(goal("glabella"), concern="x" * (MAX_CONCERN_LENGTH + 1))
    with pytest.raises(ValidationError, match="too long"):
        store.visits.save_goal(visit.id, long_goal, content)
    with pytest.raises(ValidationError, match="too long"):
        store.visits.record_override(visit.id, "glabella", HUGE)
    record = store.visits.visit_record(visit.id)
    assert record.visit.note == "Short note"
    assert record.goals == () and record.overrides == ()
    for answer in all_no(content):
        store.visits.save_screening_answer(visit.id, answer, content)
    store.visits.finish_visit(visit.id, content)
    with pytest.raises(ValidationError, match="too long"):
        store.visits.amend_visit_note(visit.id, "Better note", HUGE)
    assert store.visits.get_visit(visit.id).note == "Short note"
