"""The audit trail: who did what is recorded with each action, and tampering is found."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from consult_app.cli import main
from consult_app.content.models import Content
from consult_app.domain.access import Role
from consult_app.domain.models import Goal, Hope, PatientDetails, Severity
from consult_app.domain.plan import derive_plan
from consult_app.services.handouts import issue_sheet, reprint
from consult_app.store import Store
from consult_app.store.audit import AuditFilter, clean_detail, entry_hash
from consult_app.store.transfer import export_json
from consult_app.store.users import SignInError

TODAY = date.today()
PASSWORD = "a long enough secret"
NAMES = ("Zoë", "Quillfeather", "I look tired")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def system(folder: Path) -> Iterator[Store]:
    store = Store.open(folder)
    store.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
    store.sign_in("owner", PASSWORD).users.add_user("hala", "Dr Hala", Role.PRACTITIONER, PASSWORD)
    yield store
    store.close()


def actions(store: Store, **wanted: object) -> list[tuple[str, str, int | None]]:
    """Return (actor, action, patient id) of the matching entries, oldest first."""
    entries = store.audit.audit_trail(AuditFilter(**wanted))  # type: ignore[arg-type]
    return [(e.actor, e.action, e.patient_id) for e in reversed(entries)]


def consultation(store: Store, content: Content) -> int:
    """As hala: add a patient, record goals and a plan, print and re-print, export."""
    hala = store.sign_in("hala", PASSWORD)
    patient = hala.patients.create_patient(PatientDetails(*NAMES[:2], date(1980, 1, 2)), TODAY)
    hala.visits.open_patient_file(patient.id)
    visit = hala.visits.start_visit(patient.id)
    goal = Goal(content.areas[0].id, NAMES[2], Severity.MILD, Severity.MILD, Hope.SOFTER, 1)
    hala.visits.save_goal(visit.id, goal, content)
    hala.visits.save_plan(patient.id, derive_plan([goal], content.timings, TODAY), "", visit.id)
    issued = issue_sheet(hala, content, patient.id, TODAY)
    reprint(hala, issued.record.id)
    export_json(hala, patient.id)
    return patient.id


def test_sign_in_success_and_failure_are_recorded(system: Store) -> None:
    system.sign_in("HALA", PASSWORD)
    with pytest.raises(SignInError):
        system.sign_in("hala", "wrong password!")
    with pytest.raises(SignInError):
        system.sign_in(PASSWORD, PASSWORD)  # a password typed into the name field
    got = actions(system, action="sign_in") + actions(system, action="sign_in_failed")
    assert got == [
        ("owner", "sign_in", None),
        ("hala", "sign_in", None),
        ("hala", "sign_in_failed", None),
        ("unknown", "sign_in_failed", None),
    ]
    dump = "\n".join(str(r) for r in system._conn.execute("SELECT * FROM audit_log"))
    assert PASSWORD not in dump


def test_opening_changing_printing_and_exporting_are_recorded(
    system: Store, content: Content
) -> None:
    patient_id = consultation(system, content)
    assert actions(system, patient_id=patient_id) == [
        ("hala", "create_patient", patient_id),
        ("hala", "open_file", patient_id),
        ("hala", "start_visit", patient_id),
        ("hala", "save_goal", patient_id),
        ("hala", "save_plan", patient_id),
        ("hala", "issue_sheet", patient_id),
        ("hala", "reprint_handout", patient_id),
        ("hala", "export", patient_id),
    ]
    [goal_entry] = system.audit.audit_trail(AuditFilter(action="save_goal"))
    assert goal_entry.detail["area"] == content.areas[0].id
    assert actions(system, actor="HALA", action="export") == [("hala", "export", patient_id)]
    assert actions(system, since=TODAY.isoformat(), until=TODAY.isoformat())
    assert not actions(system, until="2000-01-01")


def test_no_names_words_or_passwords_in_the_trail(system: Store, content: Content) -> None:
    consultation(system, content)
    dump = "\n".join(str(tuple(r)) for r in system._conn.execute("SELECT * FROM audit_log"))
    for secret in (*NAMES, PASSWORD, "Dr Hala", "Clinic Owner"):
        assert secret not in dump
    with pytest.raises(ValueError, match="not allowed"):
        clean_detail({"name": "x"})
    with pytest.raises(ValueError, match="short code"):
        clean_detail({"reason": "Zoë said she felt faint"})


def test_a_refused_action_leaves_no_entry(system: Store) -> None:
    before = len(system.audit.audit_trail())

    def fail(conn: sqlite3.Connection, actor: str, action: str) -> None:
        raise RuntimeError("power cut")

    system.add_write_listener(fail)
    with pytest.raises(RuntimeError):
        system.patients.create_patient(PatientDetails("A", "B", date(1990, 1, 1)), TODAY)
    system._listeners.clear()
    assert len(system.audit.audit_trail()) == before


def test_the_trail_refuses_changes_and_the_chain_verifies(system: Store, content: Content) -> None:
    consultation(system, content)
    assert system.audit.verify_audit() == []
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
        system._conn.execute("UPDATE audit_log SET actor = 'someone'")
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
        system._conn.execute("DELETE FROM audit_log")


def _untriggered(store: Store) -> sqlite3.Connection:
    conn = store._conn
    conn.execute("DROP TRIGGER audit_log_never_changed")
    conn.execute("DROP TRIGGER audit_log_never_deleted")
    return conn


def test_a_changed_entry_is_found(system: Store, content: Content) -> None:
    consultation(system, content)
    conn = _untriggered(system)
    conn.execute("UPDATE audit_log SET actor = 'owner' WHERE action = 'export'")
    problems = system.audit.verify_audit()
    assert any("was changed" in p for p in problems)


def test_a_deleted_entry_is_found(system: Store, content: Content) -> None:
    consultation(system, content)
    conn = _untriggered(system)
    conn.execute("DELETE FROM audit_log WHERE action = 'open_file'")
    problems = system.audit.verify_audit()
    assert any("does not follow" in p for p in problems)


def test_deleting_the_newest_entries_is_found(system: Store, content: Content) -> None:
    consultation(system, content)
    conn = _untriggered(system)
    conn.execute("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    problems = system.audit.verify_audit()
    assert any("(after entry" in p and "were deleted" in p for p in problems)


def test_an_inserted_entry_is_found(system: Store, content: Content) -> None:
    consultation(system, content)
    conn = _untriggered(system)
    row = conn.execute("SELECT * FROM audit_log WHERE action = 'open_file'").fetchone()
    # A forged entry, chained and hashed correctly, slipped in after a real one.
    conn.execute("UPDATE audit_log SET id = id + 1000 WHERE id > ?", (row["id"],))
    forged = entry_hash(row["hash"], row["at"], "owner", "open_file", 1, "{}")
    conn.execute(
        "INSERT INTO audit_log (id, at, actor, action, patient_id, detail, prev_hash, hash) "
        "VALUES (?, ?, 'owner', 'open_file', 1, '{}', ?, ?)",
        (row["id"] + 1, row["at"], row["hash"], forged),
    )
    problems = system.audit.verify_audit()
    assert any(f"after entry {row['id'] + 1} " in p for p in problems)


def test_audit_verify_command(folder: Path, system: Store, content: Content, capsys) -> None:
    consultation(system, content)
    count = len(system.audit.audit_trail())
    assert main(["audit", "verify", "--data-dir", str(folder)]) == 0
    assert capsys.readouterr().out.strip() == f"Audit trail OK: {count} entries"
    conn = _untriggered(system)
    conn.execute("UPDATE audit_log SET action = 'nothing' WHERE action = 'export'")
    assert main(["audit", "verify", "--data-dir", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "was changed" in out


def test_users_add_command_reads_the_password_from_stdin(
    folder: Path, system: Store, monkeypatch, capsys
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code = main(
        [
            "users",
            "add",
            "desk",
            "--role",
            "reception",
            "--password-stdin",
            "--data-dir",
            str(folder),
        ]
    )
    assert code == 0
    assert system.sign_in("desk", PASSWORD).user.role is Role.RECEPTION
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    code = main(
        [
            "users",
            "add",
            "desk2",
            "--role",
            "reception",
            "--password-stdin",
            "--data-dir",
            str(folder),
        ]
    )
    assert code == 1
    assert "at least 10 characters" in capsys.readouterr().err
