"""The clinical sign-off of the content: admin only, kept for good, and in the audit trail."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from consult_app.domain.access import Role
from consult_app.store import Store, ValidationError
from consult_app.store.access import AccessDeniedError
from consult_app.store.audit import AuditFilter
from consult_app.store.schema import MIGRATIONS, migrate_7_content_signoff, upgrade
from consult_app.store.signoff import SIGN_OFF_ACTION

PASSWORD = "a long enough secret"
FINGERPRINT = "0123456789abcdef" * 4


@dataclass
class Team:
    system: Store
    admin: Store
    practitioner: Store
    desk: Store


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    system = Store.open(tmp_path / "data")
    system.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
    admin = system.sign_in("owner", PASSWORD)
    admin.users.add_user("hala", "Dr Hala", Role.PRACTITIONER, PASSWORD)
    admin.users.add_user("desk", "Front Desk", Role.RECEPTION, PASSWORD)
    yield Team(system, admin, system.sign_in("hala", PASSWORD), system.sign_in("desk", PASSWORD))
    system.close()


def test_the_admin_records_a_sign_off_that_everyone_can_read(team: Team) -> None:
    for store in (team.admin, team.practitioner, team.desk):
        assert store.sign_offs.content_sign_off() is None
    recorded = team.admin.sign_offs.record_content_sign_off("2026.11-2", FINGERPRINT, " Dr Hala ")
    assert (recorded.content_version, recorded.fingerprint) == ("2026.11-2", FINGERPRINT)
    assert (recorded.signed_by, recorded.recorded_by) == ("Dr Hala", "owner")
    for store in (team.admin, team.practitioner, team.desk):
        assert store.sign_offs.content_sign_off() == recorded
    later = team.admin.sign_offs.record_content_sign_off("2026.12-1", "f" * 64, "Dr Hala")
    assert team.desk.sign_offs.content_sign_off() == later
    assert team.desk.sign_offs.content_sign_offs() == [later, recorded]


def test_the_sign_off_is_in_the_audit_chain_without_the_doctors_name(team: Team) -> None:
    recorded = team.admin.sign_offs.record_content_sign_off("2026.11-2", FINGERPRINT, "Dr Hala")
    [entry] = team.admin.audit.audit_trail(AuditFilter(action=SIGN_OFF_ACTION))
    assert entry.actor == "owner"
    assert entry.detail == {
        "fingerprint": FINGERPRINT,
        "version": "2026.11-2",
        "reference": f"signoff-{recorded.id}",
    }
    assert "Hala" not in str(entry.detail)
    assert team.admin.audit.verify_audit() == []


def test_a_version_that_is_not_a_short_code_is_kept_but_not_written_in_the_audit(team: Team):
    recorded = team.admin.sign_offs.record_content_sign_off(
        "November 2026 (2)", FINGERPRINT, "Dr Hala"
    )
    assert recorded.content_version == "November 2026 (2)"
    [entry] = team.admin.audit.audit_trail(AuditFilter(action=SIGN_OFF_ACTION))
    assert "version" not in entry.detail and entry.detail["fingerprint"] == FINGERPRINT


@pytest.mark.parametrize("who", ["practitioner", "desk"])
def test_reception_and_practitioner_cannot_sign_off(team: Team, who: str) -> None:
    store: Store = getattr(team, who)
    with pytest.raises(AccessDeniedError, match="may not record the clinical sign-off"):
        store.sign_offs.record_content_sign_off("2026.11-2", FINGERPRINT, "Dr Hala")
    assert team.admin.sign_offs.content_sign_off() is None
    assert team.admin.audit.audit_trail(AuditFilter(action=SIGN_OFF_ACTION)) == []


def test_a_bad_sign_off_is_refused_with_a_reason_and_nothing_is_kept(team: Team) -> None:
    with pytest.raises(ValidationError, match="Type the name of the doctor"):
        team.admin.sign_offs.record_content_sign_off("2026.11-2", FINGERPRINT, "   ")
    with pytest.raises(ValidationError, match="SHA-256"):
        team.admin.sign_offs.record_content_sign_off("2026.11-2", "not a fingerprint", "Dr Hala")
    assert team.admin.sign_offs.content_sign_off() is None
    assert team.admin.audit.audit_trail(AuditFilter(action=SIGN_OFF_ACTION)) == []


def test_an_admin_signs_off_only_under_their_own_name(team: Team) -> None:
    kept = team.admin.sign_offs.record_content_sign_off("2026.11-2", FINGERPRINT, "Dr Hala")
    assert kept.recorded_by == team.admin.user.username
    [entry] = team.admin.audit.audit_trail(AuditFilter(action=SIGN_OFF_ACTION))
    assert entry.actor == team.admin.user.username


def test_sign_offs_are_never_changed_or_deleted(team: Team) -> None:
    team.admin.sign_offs.record_content_sign_off("2026.11-2", FINGERPRINT, "Dr Hala")
    conn = team.system._conn
    with pytest.raises(sqlite3.IntegrityError, match="never changed"):
        conn.execute("UPDATE content_signoffs SET signed_by = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        conn.execute("DELETE FROM content_signoffs")


def test_a_database_from_before_the_sign_off_gains_the_table(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "consult.db", isolation_level=None)
    upgrade(conn, target=MIGRATIONS.index(migrate_7_content_signoff))
    assert not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'content_signoffs'"
    ).fetchone()
    conn.close()
    with Store.open(tmp_path) as store:
        assert store.sign_offs.content_sign_off() is None
        store.sign_offs.record_content_sign_off("1", FINGERPRINT, "Dr Hala")
        assert store.sign_offs.content_sign_off() is not None
