"""Issuing handouts from a patient's record: the right content, kept, re-printed identically."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from consult_app.content.models import Content
from consult_app.demo import seed_demo
from consult_app.domain.access import system_user
from consult_app.domain.models import (
    Goal,
    Hope,
    PatientDetails,
    PlanStep,
    Severity,
    StepKind,
)
from consult_app.domain.plan import derive_plan
from consult_app.domain.visit_areas import areas_for_today
from consult_app.handout import HandoutError, pdf_sha256
from consult_app.services.handouts import (
    issue_generic,
    issue_sheet,
    prepare_sheet,
    record_consent,
    reprint,
    sheet_request_from,
)
from consult_app.store import Store, StoreError

TODAY = date(2026, 11, 30)


@pytest.fixture
def store(tmp_path: Path, content: Content) -> Store:
    opened = Store.open(tmp_path / "data", user=system_user("reception"))
    seed_demo(opened, content, TODAY)
    return opened


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def planned_patient(store: Store) -> int:
    for patient in store.patients.search_patients("", limit=None):
        record = store.visits.patient_file(patient.id)
        if record.current_plan is not None and any(v.goals for v in record.visits):
            return patient.id
    raise AssertionError("the demo data has a patient with a plan")


def test_sheet_has_the_patients_areas_goals_and_dates(store: Store, content: Content) -> None:
    patient_id = planned_patient(store)
    record = store.visits.patient_file(patient_id)
    request = sheet_request_from(content, store.documents.sheet_facts(patient_id), TODAY, "REF-1")
    issued = issue_sheet(store, content, patient_id, TODAY)
    text = " ".join(text_of(issued.pdf).split())
    assert record.patient.details.family_name in text
    for area_id in request.area_ids:
        assert content.area(area_id).name.get() in text
    assert "soles" not in request.area_ids
    assert content.area("soles").name.get() not in text
    plan = record.current_plan
    assert plan is not None
    review = [s for s in plan.plan.steps if s.kind.value == "review"]
    if review:
        assert str(review[0].due.day) in text
    assert issued.record.reference in text


def test_issued_sheet_is_kept_and_reprinted_byte_for_byte(store: Store, content: Content) -> None:
    patient_id = planned_patient(store)
    issued = issue_sheet(store, content, patient_id, TODAY)
    [kept] = store.documents.handouts_for(patient_id)
    assert kept.sha256 == pdf_sha256(issued.pdf)
    assert kept.content_version == content.clinic.content_version
    assert kept.issued_by == "reception"
    assert reprint(store, kept.id) == issued.pdf
    second = issue_sheet(store, content, patient_id, TODAY)
    assert second.record.reference != issued.record.reference


def test_patient_without_goals_gets_a_clear_message(store: Store, content: Content) -> None:
    patient = store.patients.create_patient(PatientDetails("Ann", "Lee", date(1990, 1, 1)), TODAY)
    with pytest.raises(HandoutError, match="generic handout"):
        issue_sheet(store, content, patient.id, TODAY)
    assert store.documents.handouts_for(patient.id) == []


def test_generic_handout_has_no_patient_data_and_checks_areas(
    store: Store, content: Content
) -> None:
    issued = issue_generic(store, content, ("underarms",), TODAY)
    text = text_of(issued.pdf)
    assert content.area("underarms").name.get() in text
    assert "Zoë" not in text
    with pytest.raises(HandoutError, match="Unknown area nose"):
        issue_generic(store, content, ("nose",), TODAY)


def test_consent_is_kept_with_its_record(store: Store, content: Content) -> None:
    patient = store.patients.create_patient(PatientDetails("Ann", "Lee", date(1990, 1, 1)), TODAY)
    visit = store.visits.start_visit(patient.id, TODAY)
    with pytest.raises(StoreError, match="not signed"):
        record_consent(store, content, visit.id, ("glabella",), b"")
    png = (Path(__file__).parent.parent.parent / "resources" / "icons" / "logo.png").read_bytes()
    consent, issued = record_consent(store, content, visit.id, ("glabella",), png)
    assert consent.area_ids == ("glabella",)
    assert store.documents.consents_for(visit.id) == [consent]
    assert "Ann Lee" in text_of(issued.pdf)
    assert store.documents.handouts_for(patient.id)[0].kind.value == "consent"


def test_letters_no_font_has_are_reported_with_the_prepared_sheet(
    store: Store, content: Content
) -> None:
    patient_id = planned_patient(store)
    details = store.patients.get_patient(patient_id).details

    def renamed(given: str, family: str) -> int:
        store.patients.update_patient(
            patient_id, replace(details, given_name=given, family_name=family), TODAY
        )
        return patient_id

    assert prepare_sheet(store, content, renamed("هالة", "李"), TODAY).unprintable == ""
    prepared = prepare_sheet(store, content, renamed("தமிழ்", "Rao"), TODAY)
    assert prepared.unprintable == "தமழ"
    assert store.documents.handouts_for(patient_id) == []  # preparing keeps nothing


def test_sheet_covers_the_areas_planned_today_not_every_goal(
    store: Store, content: Content
) -> None:
    patient = store.patients.create_patient(PatientDetails("Ann", "Lee", date(1990, 1, 1)), TODAY)
    visit = store.visits.start_visit(patient.id, TODAY)
    goals = [
        Goal(area, "lines", Severity.MILD, Severity.MODERATE, Hope.SOFTER, n)
        for n, area in enumerate(("glabella", "forehead", "crows_feet"), start=1)
    ]
    for goal in goals:
        store.visits.save_goal(visit.id, goal, content)
    plan = derive_plan(goals, content.timings, TODAY, blocked_areas={"crows_feet"}, first_areas=1)
    store.visits.save_plan(patient.id, plan, "agreed", visit.id)
    facts = store.documents.sheet_facts(patient.id)
    assert facts.latest_visit_date == TODAY
    request = sheet_request_from(content, facts, TODAY, "REF-1")
    # Forehead waits for the next treatment and crow's feet are deferred: only mentioned.
    assert request.area_ids == ("glabella",)
    assert [g.area_id for g in request.goals] == ["glabella"]


def test_areas_for_today_are_the_treated_and_the_due_ones() -> None:
    today = date(2026, 3, 3)
    steps = (
        PlanStep(StepKind.TREAT, today, ("glabella",)),
        PlanStep(StepKind.REVIEW, date(2026, 3, 17), ("glabella",)),
        PlanStep(StepKind.REPEAT, date(2026, 6, 1), ("glabella", "forehead")),
    )
    assert areas_for_today(steps, ["underarms"], today) == ("underarms", "glabella")
    done = (replace(steps[0], done=True), *steps[1:])
    assert areas_for_today(done, ["glabella"], today) == ("glabella",)
    # A review day treats nothing: the plan's next treatment is what the patient reads about.
    assert areas_for_today(done, [], date(2026, 3, 17)) == ("glabella", "forehead")
    assert areas_for_today((), [], today) == ()
