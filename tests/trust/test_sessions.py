"""An open session keeps only the rights its account still has; passwords cannot be guessed
through the lock screen; the audit trail takes no hand-written entries; reception gets only
what the sheet prints and writes no clinical notes; a kept handout is the PDF it claims to be."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import pytest

from consult_app.content import load_content
from consult_app.domain.access import Role
from consult_app.domain.models import Goal, Hope, PatientDetails, Severity
from consult_app.services.handouts import issue_sheet
from consult_app.store import Store, ValidationError
from consult_app.store.access import AccessDeniedError, SessionEndedError
from consult_app.store.audit import AuditFilter
from consult_app.store.documents import HandoutKind, IssuedHandout
from consult_app.store.users import MAX_FAILED_SIGN_INS, SignInError

PASSWORD = "a long enough secret"
TODAY = date(2026, 11, 30)
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "data", clock=lambda: datetime(2026, 11, 30, 9).astimezone())
    opened.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
    admin = opened.sign_in("owner", PASSWORD)
    admin.users.add_user("desk", "Front Desk", Role.RECEPTION, PASSWORD)
    admin.users.add_user("hala", "Dr Hala", Role.PRACTITIONER, PASSWORD)
    return opened


def _patient(store: Store) -> int:
    details = PatientDetails("Ann", "Lee", date(1980, 1, 1), phone="07700 900111")
    return store.patients.create_patient(details, TODAY).id


# 7: a disabled account -------------------------------------------------------------------
def test_a_disabled_account_saves_nothing_more_and_its_session_is_told_to_end(
    store: Store,
) -> None:
    desk = store.sign_in("desk", PASSWORD)
    ended: list[str] = []
    desk.add_session_listener(ended.append)
    patient_id = _patient(store)
    store.sign_in("owner", PASSWORD).users.set_disabled("desk", True)
    new = PatientDetails("Ann", "Lee", date(1980, 1, 1), phone="07700 900999")
    with pytest.raises(SessionEndedError, match="disabled by the admin") as refused:
        desk.patients.update_patient(patient_id, new, TODAY)
    assert ended == [str(refused.value)]
    assert "signed out" in ended[0]
    assert store.patients.get_patient(patient_id).details.phone == "07700 900111"
    assert not store.audit.audit_trail(AuditFilter(actor="desk", action="update_patient"))
    # Enabled again, the same session saves (the check is made at every write).
    store.sign_in("owner", PASSWORD).users.set_disabled("desk", False)
    assert desk.patients.update_patient(patient_id, new, TODAY).details.phone == "07700 900999"


def test_a_disabled_account_cannot_unlock_and_its_session_ends(store: Store) -> None:
    desk = store.sign_in("desk", PASSWORD)
    ended: list[str] = []
    desk.add_session_listener(ended.append)
    store.users.set_disabled("desk", True)
    with pytest.raises(SessionEndedError):
        desk.unlock(PASSWORD)
    assert len(ended) == 1


def test_the_command_line_and_other_sessions_are_not_ended(store: Store) -> None:
    hala = store.sign_in("hala", PASSWORD)
    store.users.set_disabled("desk", True)
    assert hala.patients.create_patient(PatientDetails("Bo", "Ray", date(1990, 2, 2)), TODAY)
    assert store.patients.create_patient(PatientDetails("Cy", "Ng", date(1991, 3, 3)), TODAY)


# 8: unlock and the lockout; the audit trail ----------------------------------------------
def test_wrong_unlock_passwords_count_towards_the_pause(store: Store) -> None:
    desk = store.sign_in("desk", PASSWORD)
    for _ in range(MAX_FAILED_SIGN_INS):
        assert not desk.unlock("not the password")
    with pytest.raises(SignInError, match="must wait 15 minutes"):
        desk.unlock(PASSWORD)
    with pytest.raises(SignInError, match="must wait 15 minutes"):
        store.sign_in("desk", PASSWORD)


def test_wrong_passwords_anywhere_count_together_and_a_good_unlock_clears_them(
    store: Store,
) -> None:
    desk = store.sign_in("desk", PASSWORD)
    for _ in range(MAX_FAILED_SIGN_INS - 1):
        assert not desk.unlock("not the password")
    assert desk.unlock(PASSWORD)  # the count starts again
    for _ in range(2):
        with pytest.raises(SignInError, match="wrong"):
            store.sign_in("desk", "not the password")
    for _ in range(2):
        with pytest.raises(ValidationError):
            desk.change_own_password("not the password", "another long secret")
    assert not desk.unlock("not the password")
    with pytest.raises(SignInError, match="must wait"):
        desk.change_own_password(PASSWORD, "another long secret")


@pytest.mark.parametrize(
    "action", ["reset_password", "sign_in", "unlock", "update_patient", "create_first_admin"]
)
def test_no_one_writes_the_stores_own_audit_actions_by_hand(store: Store, action: str) -> None:
    desk = store.sign_in("desk", PASSWORD)
    before = store.audit.audit_size()
    with pytest.raises(AccessDeniedError, match="cannot be added"):
        desk.audit.record_event(action, account="owner")
    assert store.audit.audit_size() == before


def test_a_forged_reset_no_longer_ends_an_admins_pause(store: Store) -> None:
    for _ in range(MAX_FAILED_SIGN_INS):
        with pytest.raises(SignInError, match="wrong"):
            store.sign_in("owner", "not the password")
    desk = store.sign_in("desk", PASSWORD)
    with pytest.raises(AccessDeniedError):
        desk.audit.record_event("reset_password", account="owner")
    with pytest.raises(SignInError, match="must wait"):
        store.sign_in("owner", PASSWORD)


def test_backups_and_restores_are_still_recorded_with_their_kind_only(store: Store) -> None:
    desk = store.sign_in("desk", PASSWORD)
    desk.audit.record_event("backup", kind="daily")
    store.audit.record_event("restore", kind="manual")
    for bad in (
        lambda: desk.audit.record_event("backup", account="owner"),
        lambda: desk.audit.record_event("backup", 1, kind="daily"),
    ):
        with pytest.raises(AccessDeniedError):
            bad()
    kept = store.audit.audit_trail(AuditFilter(action="backup")) + store.audit.audit_trail(
        AuditFilter(action="restore")
    )
    assert [(e.actor, e.action, dict(e.detail)) for e in kept] == [
        ("desk", "backup", {"kind": "daily"}),
        ("system", "restore", {"kind": "manual"}),
    ]


# 14: reception and the sheet; kept handouts ----------------------------------------------
def test_the_sheet_carries_no_severity_grades_and_reception_only_reprints_it(
    store: Store,
) -> None:
    content = load_content()
    hala = store.sign_in("hala", PASSWORD)
    patient_id = _patient(store)
    visit = hala.visits.start_visit(patient_id)
    area = content.areas[0].id
    goal = Goal(area, "I look tired", Severity.SEVERE, Severity.MODERATE, Hope.SOFTER, 1)
    hala.visits.save_goal(visit.id, goal, content)
    facts = hala.documents.sheet_facts(patient_id)
    assert [(g.area_id, g.concern, g.hope) for g in facts.goals] == [
        (area, "I look tired", Hope.SOFTER)
    ]
    assert "Severity" not in repr(facts)
    assert "severe" not in repr(facts).lower()
    desk = store.sign_in("desk", PASSWORD)
    # The goals are the patient's own words: reception builds no sheet with them.
    with pytest.raises(AccessDeniedError):
        desk.documents.sheet_facts(patient_id)
    with pytest.raises(AccessDeniedError):
        issue_sheet(desk, content, patient_id, TODAY)
    issued = issue_sheet(hala, content, patient_id, TODAY)
    assert desk.documents.handout_pdf(issued.record.id) == issued.pdf


def test_reception_cannot_write_clinical_notes(store: Store) -> None:
    desk = store.sign_in("desk", PASSWORD)
    noted = PatientDetails("Ann", "Lee", date(1980, 1, 1), notes="Takes blood thinners")
    with pytest.raises(ValidationError, match="may not write clinical notes"):
        desk.patients.create_patient(noted, TODAY)
    assert not store.patients.search_patients("")
    patient_id = desk.patients.create_patient(
        PatientDetails("Ann", "Lee", date(1980, 1, 1)), TODAY
    ).id
    with pytest.raises(ValidationError, match="may not write clinical notes"):
        desk.patients.update_patient(patient_id, noted, TODAY)
    assert store.patients.get_patient(patient_id).details.notes == ""
    hala = store.sign_in("hala", PASSWORD)
    assert hala.patients.update_patient(patient_id, noted, TODAY).details.notes == noted.notes


def _keep(store: Store, pdf: bytes, sha256: str) -> IssuedHandout:
    return store.documents.record_handout(
        kind=HandoutKind.GENERIC,
        patient_id=None,
        visit_id=None,
        area_ids=("glabella",),
        content_version="1",
        reference=store.documents.next_handout_reference(TODAY),
        sha256=sha256,
        pdf=pdf,
    )


def test_a_kept_handout_must_be_a_pdf_under_its_own_hash(store: Store) -> None:
    desk = store.sign_in("desk", PASSWORD)
    with pytest.raises(ValidationError, match="fingerprint does not match"):
        _keep(desk, PDF, hashlib.sha256(b"another file").hexdigest())
    not_pdf = b"<html>not a handout</html>"
    with pytest.raises(ValidationError, match="not a whole PDF"):
        _keep(desk, not_pdf, hashlib.sha256(not_pdf).hexdigest())
    assert not store.audit.audit_trail(AuditFilter(action="issue_generic"))
    kept = _keep(desk, PDF, hashlib.sha256(PDF).hexdigest())
    assert store.documents.handout_pdf(kept.id) == PDF
