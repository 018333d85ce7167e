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
from factories import consent_to

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
from consult_app.store.amendments import SqliteVisits
from consult_app.store.audit_log import SqliteAudit
from consult_app.store.documents import SqliteDocuments
from consult_app.store.patients import SqlitePatients
from consult_app.store.questionnaires import SqliteQuestionnaires
from consult_app.store.signoff import SqliteSignOffs
from consult_app.store.transfer import export_patient, import_patient
from consult_app.store.users import SignInError, SqliteUsers

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
    system.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
    admin = system.sign_in("owner", PASSWORD)
    admin.users.add_user("hala", "Dr Hala", Role.PRACTITIONER, PASSWORD)
    admin.users.add_user("desk", "Front Desk", Role.RECEPTION, PASSWORD)
    hala = system.sign_in("hala", PASSWORD)
    desk = system.sign_in("desk", PASSWORD)
    details = PatientDetails(
        "Zoë", "Quill", date(1980, 1, 2), phone="07700 900123", notes=PATIENT_NOTE
    )
    patient = hala.patients.create_patient(details, TODAY)
    visit = hala.visits.start_visit(patient.id)
    for question in content.screening:
        note = SCREENING_NOTE if question is content.screening[0] else ""
        hala.visits.save_screening_answer(
            visit.id, ScreeningAnswer(question.id, Answer.NO, note), content
        )
    area = content.areas[0].id
    goal = Goal(area, "I look tired", Severity.MILD, Severity.MODERATE, Hope.SOFTER, 1)
    hala.visits.save_goal(visit.id, goal, content)
    hala.visits.save_plan(patient.id, derive_plan([goal], content.timings, TODAY), "", visit.id)
    product = content.clinic.products[0].id
    consent_to(hala, visit.id, content, (area,))
    stored = hala.visits.record_treatment(
        visit.id,
        TreatmentRecord(area, product, Decimal(10), BATCH, TODAY + timedelta(days=300)),
        content,
    )
    hala.visits.set_visit_note(visit.id, VISIT_NOTE)
    hala.visits.finish_visit(visit.id, content)
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


#: The store and its repositories, by the attribute of the store that holds each.
PARTS: dict[str, type] = {
    "": Store,
    "patients": SqlitePatients,
    "visits": SqliteVisits,
    "documents": SqliteDocuments,
    "questionnaires": SqliteQuestionnaires,
    "users": SqliteUsers,
    "sign_offs": SqliteSignOffs,
    "audit": SqliteAudit,
}


def _public_methods() -> list[str]:
    return [
        f"{part}.{name}" if part else name
        for part, cls in PARTS.items()
        for name in dir(cls)
        if not name.startswith("_") and not (part and name == "user")
    ]


def _unwrap(qualified: str) -> object:
    part, _, name = qualified.rpartition(".")
    attribute = inspect.getattr_static(PARTS[part], name)
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
    assert clinical <= {name.rpartition(".")[2] for name in refused}


@pytest.mark.parametrize("name", _denied_to_reception())
def test_reception_is_refused_before_anything_is_read_or_written(
    shared_clinic: Clinic, name: str
) -> None:
    # The guard runs before the method looks at its arguments.
    with pytest.raises(AccessDeniedError, match=r"Your account \(reception\) may not"):
        part, _, method = name.rpartition(".")
        getattr(getattr(shared_clinic.desk, part) if part else shared_clinic.desk, method)()


def _row_counts(store: Store) -> dict[str, int]:
    tables = ("visits", "screening_answers", "goals", "treatments", "plan_versions", "amendments")
    return {t: store._conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_reception_cannot_read_screening_notes_doses_or_batches(clinic: Clinic) -> None:
    desk, pid, vid = clinic.desk, clinic.patient_id, clinic.visit_id
    for read in (
        lambda: desk.visits.patient_file(pid),
        lambda: desk.visits.open_patient_file(pid),
        lambda: desk.visits.visit_record(vid),
        lambda: desk.visits.get_visit(vid),
        lambda: desk.visits.screening_result(vid, clinic.content),
        lambda: desk.visits.current_plan(pid),
        lambda: export_patient(desk, pid),
        lambda: desk.documents.sheet_facts(pid),  # the goals in the patient's own words
    ):
        with pytest.raises(AccessDeniedError):
            read()
    # What reception may read carries none of it.
    seen = repr(
        (
            desk.patients.get_patient(pid),
            desk.patients.search_patients(""),
            desk.patients.patient_summary(pid),
            desk.patients.recalls(TODAY, 365),
        )
    )
    for secret in (BATCH, SCREENING_NOTE, VISIT_NOTE, PATIENT_NOTE, "Decimal("):
        assert secret not in seen
    # The practitioner reads them all.
    everything = repr(clinic.hala.visits.patient_file(pid))
    for secret in (BATCH, SCREENING_NOTE, VISIT_NOTE, PATIENT_NOTE):
        assert secret in everything


def test_reception_cannot_change_any_clinical_record(clinic: Clinic) -> None:
    desk, content, vid = clinic.desk, clinic.content, clinic.visit_id
    before = _row_counts(clinic.system)
    area, product = content.areas[0].id, content.clinic.products[0].id
    record = TreatmentRecord(area, product, Decimal(99), "FAKE", TODAY + timedelta(days=30))
    for write in (
        lambda: desk.visits.start_visit(clinic.patient_id),
        lambda: desk.visits.set_visit_note(vid, "x"),
        lambda: desk.visits.save_screening_answer(
            vid, ScreeningAnswer(content.screening[0].id, Answer.YES), content
        ),
        lambda: desk.visits.record_treatment(vid, record, content),
        lambda: desk.visits.amend_treatment(clinic.treatment_id, record, "typo", content),
        lambda: desk.visits.amend_visit_note(vid, "x", "typo"),
        lambda: desk.patients.archive_patient(clinic.patient_id),
        lambda: import_patient(desk, export_patient(clinic.hala, clinic.patient_id), content),
    ):
        with pytest.raises(AccessDeniedError):
            write()
    assert _row_counts(clinic.system) == before


def test_reception_finds_patients_and_sees_contact_details_and_plan_dates(clinic: Clinic):
    desk = clinic.desk
    [found] = desk.patients.search_patients("quill")
    assert found.details.phone == "07700 900123"
    summary = desk.patients.open_patient_summary(clinic.patient_id)
    assert summary.patient.details.given_name == "Zoë"
    assert summary.next_step is not None
    assert summary.next_step.due > TODAY
    assert [r.patient_id for r in desk.patients.recalls(TODAY, 365)] == [clinic.patient_id]


def test_reception_edits_contact_details_and_keeps_the_notes_it_cannot_see(clinic: Clinic):
    desk, pid = clinic.desk, clinic.patient_id
    shown = desk.patients.get_patient(pid)
    assert shown.details.notes == ""
    new = PatientDetails("Zoë", "Quill", date(1980, 1, 2), phone="07700 900999")
    assert desk.patients.update_patient(pid, new, TODAY).details.phone == "07700 900999"
    assert clinic.hala.patients.get_patient(pid).details.notes == PATIENT_NOTE


def test_reception_reprints_the_practitioners_sheet_and_prints_general_handouts(
    clinic: Clinic,
) -> None:
    desk = clinic.desk
    with pytest.raises(AccessDeniedError):
        issue_sheet(desk, clinic.content, clinic.patient_id, TODAY)
    issued = issue_sheet(clinic.hala, clinic.content, clinic.patient_id, TODAY)
    assert issued.pdf.startswith(b"%PDF")
    [kept] = desk.documents.handouts_for(clinic.patient_id)
    assert kept.issued_by == "hala"
    assert reprint(desk, kept.id) == issued.pdf
    generic = issue_generic(desk, clinic.content, (), TODAY)
    assert generic.pdf.startswith(b"%PDF")


def test_a_signed_in_user_saves_changes_only_under_their_own_name(clinic: Clinic) -> None:
    new = PatientDetails("Ann", "Other", date(1990, 5, 5))
    made = clinic.desk.patients.create_patient(new, TODAY)
    assert (made.created_by, made.updated_by) == ("desk", "desk")
    [entry, *_] = clinic.admin.audit.audit_trail()
    assert (entry.actor, entry.action, entry.patient_id) == ("desk", "create_patient", made.id)


def test_only_the_command_line_may_act_for_a_user_without_a_password(clinic: Clinic) -> None:
    boss = User(1, "owner", "Clinic Owner", Role.ADMIN)
    with pytest.raises(AccessDeniedError):
        clinic.desk.for_user(boss)
    assert clinic.system.for_user(boss).user.can(Permission.MANAGE_USERS)


def test_admin_manages_users_and_the_others_cannot(clinic: Clinic) -> None:
    with pytest.raises(AccessDeniedError):
        clinic.hala.users.add_user("temp", "Temp", Role.RECEPTION, PASSWORD)
    clinic.admin.users.add_user("Temp", "Temp Worker", Role.RECEPTION, PASSWORD)
    with pytest.raises(ValidationError, match="taken"):
        clinic.admin.users.add_user("TEMP", "Again", Role.RECEPTION, PASSWORD)
    assert clinic.system.sign_in("temp", PASSWORD).user.role is Role.RECEPTION
    clinic.admin.users.reset_password("temp", "another long secret")
    with pytest.raises(SignInError, match="wrong"):
        clinic.system.sign_in("temp", PASSWORD)
    clinic.admin.users.set_disabled("temp", True)
    with pytest.raises(SignInError, match="disabled"):
        clinic.system.sign_in("temp", "another long secret")
    names = {a.user.username: a.disabled for a in clinic.admin.users.accounts()}
    assert names == {"desk": False, "hala": False, "owner": False, "Temp": True}


def test_the_last_admin_and_the_signed_in_admin_cannot_be_disabled(clinic: Clinic) -> None:
    with pytest.raises(StoreError, match="your own account"):
        clinic.admin.users.set_disabled("owner", True)
    with pytest.raises(StoreError, match="last admin"):
        clinic.system.users.set_disabled("owner", True)


def test_first_admin_only_on_an_empty_user_list_and_passwords_are_checked(
    tmp_path: Path,
) -> None:
    with Store.open(tmp_path / "fresh") as store:
        assert not store.users.has_users()
        with pytest.raises(ValidationError) as refused:
            store.users.create_first_admin("ad min", "", "short")
        assert set(refused.value.errors) == {"username", "display_name", "password"}
        store.users.create_first_admin("admin", "Admin", PASSWORD)
        with pytest.raises(AccessDeniedError, match="already exists"):
            store.users.create_first_admin("admin2", "Admin", PASSWORD)
        stored = store._conn.execute("SELECT password_hash FROM users").fetchone()[0]
        assert stored.startswith("$argon2id$")
        assert PASSWORD not in stored


def test_unlock_takes_only_the_same_users_password(clinic: Clinic) -> None:
    assert clinic.desk.unlock(PASSWORD)
    assert not clinic.desk.unlock("correct horse battery staple")
    assert not clinic.system.unlock(PASSWORD)


def test_lock_minutes_default_and_admin_setting(clinic: Clinic) -> None:
    assert clinic.desk.users.lock_minutes() == 5
    with pytest.raises(AccessDeniedError):
        clinic.desk.users.set_lock_minutes(60)
    with pytest.raises(ValidationError):
        clinic.admin.users.set_lock_minutes(0)
    clinic.admin.users.set_lock_minutes(2)
    assert clinic.desk.users.lock_minutes() == 2
