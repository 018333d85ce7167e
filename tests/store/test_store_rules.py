"""Rules the store enforces itself, whichever screen or command calls it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from factories import details

from consult_app.content.models import Content
from consult_app.domain.access import system_user
from consult_app.domain.models import Plan, PlanStep, StepKind
from consult_app.store import OpenVisitError, Store, ValidationError
from consult_app.store.audit import AuditFilter

TODAY = date(2025, 6, 15)


def test_a_second_open_visit_is_refused_and_nothing_is_saved(
    store: Store, content: Content
) -> None:
    patient = store.patients.create_patient(details(), TODAY)
    first = store.visits.start_visit(patient.id, TODAY)
    with pytest.raises(OpenVisitError, match=r"still open\. Finish it") as refused:
        store.visits.start_visit(patient.id, date(2025, 6, 16))
    assert refused.value.visit_id == first.id
    assert "2025-06-15" in str(refused.value)
    assert [v.visit.id for v in store.visits.patient_file(patient.id).visits] == [first.id]
    assert len(store.audit.audit_trail(AuditFilter(action="start_visit"))) == 1
    store.visits.finish_visit(first.id, content)
    second = store.visits.start_visit(patient.id, date(2025, 6, 16))
    assert second.id != first.id


def test_open_visits_of_other_patients_do_not_block(store: Store) -> None:
    one = store.patients.create_patient(details(given="One"), TODAY)
    two = store.patients.create_patient(details(given="Two"), TODAY)
    store.visits.start_visit(one.id, TODAY)
    assert store.visits.start_visit(two.id, TODAY).patient_id == two.id


def test_changes_are_recorded_under_the_store_user(tmp_path: Path) -> None:
    with Store.open(tmp_path, user=system_user("clinic-pc")) as command_line:
        patient = command_line.patients.create_patient(details(), TODAY)
        visit = command_line.for_user(system_user("Dr Hala")).visits.start_visit(patient.id, TODAY)
        trail = [(e.actor, e.action) for e in command_line.audit.audit_trail()]
    assert patient.created_by == "clinic-pc"
    assert visit.started_by == "Dr Hala"
    assert trail[:2] == [("Dr Hala", "start_visit"), ("clinic-pc", "create_patient")]


def test_a_plan_without_steps_is_refused(store: Store) -> None:
    patient = store.patients.create_patient(details(), TODAY)
    with pytest.raises(ValidationError, match="no steps") as refused:
        store.visits.save_plan(patient.id, Plan(()), "Agreed")
    assert set(refused.value.errors) == {"plan"}
    assert store.visits.plan_history(patient.id) == []


def test_a_plan_is_not_tied_to_another_patients_visit(store: Store) -> None:
    one = store.patients.create_patient(details(given="One"), TODAY)
    two = store.patients.create_patient(details(given="Two"), TODAY)
    visit = store.visits.start_visit(one.id, TODAY)
    plan = Plan((PlanStep(StepKind.TREAT, TODAY, ("glabella",)),))
    with pytest.raises(ValidationError, match="another patient's"):
        store.visits.save_plan(two.id, plan, "Agreed", visit.id)
    assert store.visits.plan_history(two.id) == []
    assert store.visits.save_plan(one.id, plan, "Agreed", visit.id).plan == plan


def test_an_override_names_its_area(store: Store) -> None:
    patient = store.patients.create_patient(details(), TODAY)
    visit = store.visits.start_visit(patient.id, TODAY)
    with pytest.raises(ValidationError, match="Choose the area"):
        store.visits.record_override(visit.id, " ", "Discussed with the patient")
    assert store.visits.visit_record(visit.id).overrides == ()
