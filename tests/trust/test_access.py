"""Who may do what, enforced by the store: reception reaches no clinical data through it."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from argon2 import Type

from consult_app.content.models import Content
from consult_app.domain.access import ROLE_PERMISSIONS, Permission, Role, User
from consult_app.domain.models import (
    Answer,
    Goal,
    Hope,
    PatientDetails,
    ScreeningAnswer,
    Severity,
    TreatmentRecord,
)
from consult_app.domain.plan import derive_plan
from consult_app.services.handouts import issue_generic, issue_sheet, reprint
from consult_app.store import Store, StoreError, ValidationError, users
from consult_app.store.access import AccessDeniedError, required_permissions
from consult_app.store.transfer import export_patient, import_patient
from consult_app.store.users import SignInError

TODAY = date.today()
PASSWORD = "correct horse battery"
BATCH = "LOT-7731X"
SCREENING_NOTE = "Mentioned a heart condition"
VISIT_NOTE = "Asymmetry on the left brow"
PATIENT_NOTE = "Allergic to plasters"
REAL_HASHER = users._hasher


def test_passwords_are_hashed_with_argon2id_at_a_real_cost() -> None:
    hasher = REAL_HASHER()
    assert hasher.type is Type.ID
    assert hasher.memory_cost >= 65536
    assert hasher.time_cost >= 2


@dataclass
class Clinic:
    system: Store
    admin: Store
    hala: Store
    desk: Store
    patient_id: int
    visit_id: int
    treatment_id: int
    content: Content


def _make_clinic(folder: Path, content: Content) -> Clinic:
    system = Store.open(folder)
    system.create_first_admin("owner", "Clinic Owner", PASSWORD)
    admin = system.sign_in("owner", PASSWORD)
    admin.add_user("hala", "Dr Hala", Role.PRACTITIONER, PASSWORD, "owner")
    admin.add_user("desk", "Front Desk", Role.RECEPTION, PASSWORD, "owner")
    hala = system.sign_in("hala", PASSWORD)
    desk = system.sign_in("desk", PASSWORD)
    details = PatientDetails(
        "Zoë", "Quill", date(1980, 1, 2), phone="07700 900123", notes=PATIENT_NOTE
    )
    patient = hala.create_patient(details, "hala", TODAY)
    visit = hala.start_visit(patient.id, "hala")
    for question in content.screening:
        note = SCREENING_NOTE if question is content.screening[0] else ""
        hala.save_screening_answer(
            visit.id, ScreeningAnswer(question.id, Answer.NO, note), "hala", content
        )
    area = content.areas[0].id
    goal = Goal(area, "I look tired", Severity.MILD, Severity.MODERATE, Hope.SOFTER, 1)
    hala.save_goal(visit.id, goal, "hala", content)
    hala.save_plan(patient.id, derive_plan([goal], content.timings, TODAY), "hala", "", visit.id)
    product = content.clinic.products[0].id
    stored = hala.record_treatment(
        visit.id,
        TreatmentRecord(area, product, Decimal(10), BATCH, TODAY + timedelta(days=300)),
        "hala",
        content,
    )
    hala.set_visit_note(visit.id, VISIT_NOTE, "hala")
    hala.finish_visit(visit.id, "hala", content)
    return Clinic(system, admin, hala, desk, patient.id, visit.id, stored.id, content)


@pytest.fixture
def clinic(tmp_path: Path, content: Content) -> Iterator[Clinic]:
    made = _make_clinic(tmp_path / "data", content)
    yield made
    made.system.close()


@pytest.fixture(scope="module")
def shared_clinic(tmp_path_factory: pytest.TempPathFactory, content: Content) -> Iterator[Clinic]:
    """One clinic for tests that only read or are refused."""
    made = _make_clinic(tmp_path_factory.mktemp("shared") / "data", content)
    yield made
    made.system.close()


def _public_methods() -> list[str]:
    return [name for name in dir(Store) if not name.startswith("_")]


def _unwrap(name: str) -> object:
    attribute = inspect.getattr_static(Store, name)
    if isinstance(attribute, classmethod | staticmethod):
        return attribute.__func__
    if isinstance(attribute, property):
        return attribute.fget
    return attribute


@pytest.mark.parametrize("name", _public_methods())
def test_every_public_store_method_is_guarded(name: str) -> None:
    assert required_permissions(_unwrap(name)) is not None, (
        f"Store.{name} has neither @requires(...) nor @open_to_all"
    )


def _denied_to_reception() -> list[str]:
    allowed = ROLE_PERMISSIONS[Role.RECEPTION]
    names = []
    for name in _public_methods():
        needed = required_permissions(_unwrap(name))
        if needed and not needed <= allowed:
            names.append(name)
    return names


def test_the_clinical_methods_are_among_those_refused_to_reception() -> None:
    refused = set(_denied_to_reception())
    clinical = {
        "patient_file", "open_patient_file", "visit_record", "get_visit", "screening_result",
        "latest_goals", "previous_treatment_dates", "plan_history", "current_plan",
        "consents_for", "start_visit", "set_visit_note", "save_screening_answer",
        "record_override", "save_goal", "remove_goal", "record_treatment", "save_review",
        "save_plan", "finish_visit", "amend_treatment", "amend_screening_answer",
        "amend_visit_note", "record_consent", "archive_patient", "add_user", "audit_trail",
        "verify_audit", "for_user",
    }  # fmt: skip
    assert clinical <= refused


@pytest.mark.parametrize("name", _denied_to_reception())
def test_reception_is_refused_before_anything_is_read_or_written(
    shared_clinic: Clinic, name: str
) -> None:
    # The guard runs before the method looks at its arguments.
    with pytest.raises(AccessDeniedError, match=r"Your account \(reception\) may not"):
        getattr(shared_clinic.desk, name)()


def _row_counts(store: Store) -> dict[str, int]:
    tables = ("visits", "screening_answers", "goals", "treatments", "plan_versions", "amendments")
    return {t: store._conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_reception_cannot_read_screening_notes_doses_or_batches(clinic: Clinic) -> None:
    desk, pid, vid = clinic.desk, clinic.patient_id, clinic.visit_id
    for read in (
        lambda: desk.patient_file(pid),
        lambda: desk.open_patient_file(pid),
        lambda: desk.visit_record(vid),
        lambda: desk.get_visit(vid),
        lambda: desk.screening_result(vid, clinic.content),
        lambda: desk.current_plan(pid),
        lambda: export_patient(desk, pid),
    ):
        with pytest.raises(AccessDeniedError):
            read()
    # What reception may read carries none of it.
    seen = repr(
        (
            desk.get_patient(pid),
            desk.search_patients(""),
            desk.patient_summary(pid),
            desk.sheet_facts(pid),
            desk.recalls(TODAY, 365),
        )
    )
    for secret in (BATCH, SCREENING_NOTE, VISIT_NOTE, PATIENT_NOTE, "Decimal("):
        assert secret not in seen
    # The practitioner reads them all.
    everything = repr(clinic.hala.patient_file(pid))
    for secret in (BATCH, SCREENING_NOTE, VISIT_NOTE, PATIENT_NOTE):
        assert secret in everything


def test_reception_cannot_change_any_clinical_record(clinic: Clinic) -> None:
    desk, content, vid = clinic.desk, clinic.content, clinic.visit_id
    before = _row_counts(clinic.system)
    area, product = content.areas[0].id, content.clinic.products[0].id
    record = TreatmentRecord(area, product, Decimal(99), "FAKE", TODAY + timedelta(days=30))
    for write in (
        lambda: desk.start_visit(clinic.patient_id, "desk"),
        lambda: desk.set_visit_note(vid, "x", "desk"),
        lambda: desk.save_screening_answer(
            vid, ScreeningAnswer(content.screening[0].id, Answer.YES), "desk", content
        ),
        lambda: desk.record_treatment(vid, record, "desk", content),
        lambda: desk.amend_treatment(clinic.treatment_id, record, "desk", "typo", content),
        lambda: desk.amend_visit_note(vid, "x", "desk", "typo"),
        lambda: desk.archive_patient(clinic.patient_id, "desk"),
        lambda: import_patient(
            desk, export_patient(clinic.hala, clinic.patient_id), "desk", content
        ),
    ):
        with pytest.raises(AccessDeniedError):
            write()
    assert _row_counts(clinic.system) == before


def test_reception_finds_patients_and_sees_contact_details_and_plan_dates(clinic: Clinic):
    desk = clinic.desk
    [found] = desk.search_patients("quill")
    assert found.details.phone == "07700 900123"
    summary = desk.open_patient_summary(clinic.patient_id)
    assert summary.patient.details.given_name == "Zoë"
    assert summary.next_step is not None
    assert summary.next_step.due > TODAY
    assert [r.patient_id for r in desk.recalls(TODAY, 365)] == [clinic.patient_id]


def test_reception_edits_contact_details_and_keeps_the_notes_it_cannot_see(clinic: Clinic):
    desk, pid = clinic.desk, clinic.patient_id
    shown = desk.get_patient(pid)
    assert shown.details.notes == ""
    new = PatientDetails("Zoë", "Quill", date(1980, 1, 2), phone="07700 900999")
    assert desk.update_patient(pid, new, "desk", TODAY).details.phone == "07700 900999"
    assert clinic.hala.get_patient(pid).details.notes == PATIENT_NOTE


def test_reception_prints_and_reprints_handouts(clinic: Clinic) -> None:
    desk = clinic.desk
    issued = issue_sheet(desk, clinic.content, clinic.patient_id, "desk", TODAY)
    assert issued.pdf.startswith(b"%PDF")
    [kept] = desk.handouts_for(clinic.patient_id)
    assert kept.issued_by == "desk"
    assert reprint(desk, kept.id) == issued.pdf
    generic = issue_generic(desk, clinic.content, (), "desk", TODAY)
    assert generic.pdf.startswith(b"%PDF")


def test_a_signed_in_user_saves_changes_only_under_their_own_name(clinic: Clinic) -> None:
    new = PatientDetails("Ann", "Other", date(1990, 5, 5))
    with pytest.raises(AccessDeniedError, match="under your own name"):
        clinic.desk.create_patient(new, "hala", TODAY)
    assert clinic.desk.create_patient(new, "DESK", TODAY).created_by == "DESK"


def test_only_the_command_line_may_act_for_a_user_without_a_password(clinic: Clinic) -> None:
    boss = User(1, "owner", "Clinic Owner", Role.ADMIN)
    with pytest.raises(AccessDeniedError):
        clinic.desk.for_user(boss)
    assert clinic.system.for_user(boss).user.can(Permission.MANAGE_USERS)


def test_admin_manages_users_and_the_others_cannot(clinic: Clinic) -> None:
    with pytest.raises(AccessDeniedError):
        clinic.hala.add_user("temp", "Temp", Role.RECEPTION, PASSWORD, "hala")
    clinic.admin.add_user("Temp", "Temp Worker", Role.RECEPTION, PASSWORD, "owner")
    with pytest.raises(ValidationError, match="taken"):
        clinic.admin.add_user("TEMP", "Again", Role.RECEPTION, PASSWORD, "owner")
    assert clinic.system.sign_in("temp", PASSWORD).user.role is Role.RECEPTION
    clinic.admin.reset_password("temp", "another long secret", "owner")
    with pytest.raises(SignInError, match="wrong"):
        clinic.system.sign_in("temp", PASSWORD)
    clinic.admin.set_disabled("temp", True, "owner")
    with pytest.raises(SignInError, match="disabled"):
        clinic.system.sign_in("temp", "another long secret")
    names = {a.user.username: a.disabled for a in clinic.admin.accounts()}
    assert names == {"desk": False, "hala": False, "owner": False, "Temp": True}


def test_the_last_admin_and_the_signed_in_admin_cannot_be_disabled(clinic: Clinic) -> None:
    with pytest.raises(StoreError, match="your own account"):
        clinic.admin.set_disabled("owner", True, "owner")
    with pytest.raises(StoreError, match="last admin"):
        clinic.system.set_disabled("owner", True, "system")


def test_first_admin_only_on_an_empty_user_list_and_passwords_are_checked(
    tmp_path: Path,
) -> None:
    with Store.open(tmp_path / "fresh") as store:
        assert not store.has_users()
        with pytest.raises(ValidationError) as refused:
            store.create_first_admin("ad min", "", "short")
        assert set(refused.value.errors) == {"username", "display_name", "password"}
        store.create_first_admin("admin", "Admin", PASSWORD)
        with pytest.raises(AccessDeniedError, match="already exists"):
            store.create_first_admin("admin2", "Admin", PASSWORD)
        stored = store._conn.execute("SELECT password_hash FROM users").fetchone()[0]
        assert stored.startswith("$argon2id$")
        assert PASSWORD not in stored


def test_unlock_takes_only_the_same_users_password(clinic: Clinic) -> None:
    assert clinic.desk.unlock(PASSWORD)
    assert not clinic.desk.unlock("correct horse battery staple")
    assert not clinic.system.unlock(PASSWORD)


def test_lock_minutes_default_and_admin_setting(clinic: Clinic) -> None:
    assert clinic.desk.lock_minutes() == 5
    with pytest.raises(AccessDeniedError):
        clinic.desk.set_lock_minutes(60, "desk")
    with pytest.raises(ValidationError):
        clinic.admin.set_lock_minutes(0, "owner")
    clinic.admin.set_lock_minutes(2, "owner")
    assert clinic.desk.lock_minutes() == 2
