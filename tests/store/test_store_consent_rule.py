"""A treatment needs the patient's signed consent for its area, on the content on screen."""

import json
from dataclasses import replace
from datetime import date

import pytest
from factories import SIGNATURE, all_no, consent_to, details, treatment

from consult_app.store import ConsentMissingError, StoreError, ValidationError
from consult_app.store.documents import CONSENT_OVERRIDE_NOTE

TODAY = date(2025, 6, 15)


@pytest.fixture
def visit_id(store, content):
    patient_id = store.patients.create_patient(details(), TODAY).id
    visit = store.visits.start_visit(patient_id)
    for answer in all_no(content):
        store.visits.save_screening_answer(visit.id, answer, content)
    return visit.id


def test_no_consent_refuses_the_treatment_and_saves_nothing(store, content, visit_id):
    with pytest.raises(ConsentMissingError, match="not signed consent for this area"):
        store.visits.record_treatment(visit_id, treatment("glabella"), content)
    assert store.visits.visit_record(visit_id).treatments == ()
    assert issubclass(ConsentMissingError, StoreError)


def test_consent_covers_only_its_own_areas(store, content, visit_id):
    consent_to(store, visit_id, content, ("glabella",))
    store.visits.record_treatment(visit_id, treatment("glabella"), content)
    with pytest.raises(ConsentMissingError):
        store.visits.record_treatment(visit_id, treatment("forehead"), content)
    assert [t.record.area_id for t in store.visits.visit_record(visit_id).treatments] == [
        "glabella"
    ]


def test_consent_signed_on_other_content_does_not_count(store, content, visit_id):
    store.documents.record_consent(visit_id, ("glabella",), SIGNATURE, "test-0")
    with pytest.raises(ConsentMissingError, match="content version changed to test-1"):
        store.visits.record_treatment(visit_id, treatment("glabella"), content)
    consent_to(store, visit_id, content, ("glabella",))
    store.visits.record_treatment(visit_id, treatment("glabella"), content)


def test_consent_at_another_visit_does_not_count(store, content, visit_id, clock):
    consent_to(store, visit_id, content, ("glabella",))
    store.visits.record_treatment(visit_id, treatment("glabella"), content)
    store.visits.finish_visit(visit_id, content)
    patient_id = store.visits.get_visit(visit_id).patient_id
    later = store.visits.start_visit(patient_id, date(2025, 10, 1))
    for answer in all_no(content):
        store.visits.save_screening_answer(later.id, answer, content)
    with pytest.raises(ConsentMissingError):
        store.visits.record_treatment(later.id, treatment("glabella"), content)


def test_a_reason_records_the_treatment_and_keeps_the_reason(store, content, visit_id):
    with pytest.raises(ConsentMissingError):
        store.visits.record_treatment(visit_id, treatment("glabella"), content, "   ")
    record = replace(treatment("glabella"), notes="3 points")
    stored = store.visits.record_treatment(
        visit_id, record, content, " Patient cannot hold a pen; verbal consent witnessed "
    )
    reason = "Patient cannot hold a pen; verbal consent witnessed"
    assert stored.record.notes == f"{CONSENT_OVERRIDE_NOTE}{reason}\n3 points"
    [row] = store._conn.execute(
        "SELECT detail FROM audit_log WHERE action = 'record_treatment'"
    ).fetchall()
    # Marked in the trail; the words stay in the clinical record only.
    assert json.loads(row[0])["without_consent"] is True
    assert "pen" not in row[0]


def test_a_reason_is_not_noted_when_consent_was_signed(store, content, visit_id):
    consent_to(store, visit_id, content, ("glabella",))
    stored = store.visits.record_treatment(visit_id, treatment("glabella"), content, "not needed")
    assert stored.record.notes == ""
    [row] = store._conn.execute(
        "SELECT detail FROM audit_log WHERE action = 'record_treatment'"
    ).fetchall()
    assert "without_consent" not in json.loads(row[0])


def test_a_too_long_reason_is_refused(store, content, visit_id):
    with pytest.raises(ValidationError, match="reason is too long"):
        store.visits.record_treatment(visit_id, treatment("glabella"), content, "x" * 2001)
    assert store.visits.visit_record(visit_id).treatments == ()


def test_screening_refusal_comes_before_the_consent_question(store, content):
    patient_id = store.patients.create_patient(details(), TODAY).id
    visit = store.visits.start_visit(patient_id)
    with pytest.raises(StoreError, match="not complete"):
        store.visits.record_treatment(visit.id, treatment("glabella"), content, "reason")
    assert store.visits.visit_record(visit.id).treatments == ()
