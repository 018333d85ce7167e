"""A short unlock PIN opens the user's own locked window, and counts wrong tries like passwords."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from clock import Clock

from consult_app.domain.access import Role
from consult_app.store import Store, StoreError, ValidationError
from consult_app.store.schema import MIGRATIONS, migrate_9_unlock_pins, upgrade
from consult_app.store.schema_check import schema_problems
from consult_app.store.unlock_pins import pin_problem
from consult_app.store.users import MAX_FAILED_SIGN_INS, SIGN_IN_PAUSE, SignInError

PASSWORD = "a long enough secret"


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    opened = Store.open(tmp_path / "data", clock=clock)
    opened.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
    admin = opened.sign_in("owner", PASSWORD)
    admin.users.add_user("doc", "Dr Practitioner", Role.PRACTITIONER, PASSWORD)
    return opened


def test_a_pin_unlocks_only_its_own_users_window(store: Store) -> None:
    doc = store.sign_in("doc", PASSWORD)
    owner = store.sign_in("owner", PASSWORD)
    assert not doc.has_unlock_pin()
    assert not doc.unlock("2580")
    doc.set_unlock_pin(PASSWORD, "2580")
    assert doc.has_unlock_pin()
    assert doc.unlock("2580")
    assert doc.unlock(PASSWORD)
    assert not doc.unlock("2581")
    assert not owner.unlock("2580")
    # The PIN is no password: it never signs anyone in.
    with pytest.raises(SignInError):
        store.sign_in("doc", "2580")
    stored = doc._conn.execute("SELECT pin_hash FROM unlock_pins").fetchone()[0]
    assert stored.startswith("$argon2id$") and "2580" not in stored
    actions = [(e.action, e.detail) for e in store.audit.audit_trail()]
    assert ("unlock", {"kind": "pin"}) in actions
    assert store.audit.verify_audit() == []


def test_setting_a_pin_needs_the_password_and_a_pin_hard_to_guess(store: Store) -> None:
    doc = store.sign_in("doc", PASSWORD)
    with pytest.raises(ValidationError, match="not your password"):
        doc.set_unlock_pin("not the password", "2580")
    for weak in ("1234", "0000", "9876", "12", "123456789", "12a4", "２５８０"):
        with pytest.raises(ValidationError):
            doc.set_unlock_pin(PASSWORD, weak)
    assert not doc.has_unlock_pin()
    assert pin_problem("2580") is None
    assert pin_problem("2580", repeated="2581") == "The two PINs are not the same. Type them again."


def test_wrong_pins_pause_the_account_as_wrong_passwords_do(store: Store, clock: Clock) -> None:
    doc = store.sign_in("doc", PASSWORD)
    doc.set_unlock_pin(PASSWORD, "2580")
    for _ in range(MAX_FAILED_SIGN_INS):
        assert not doc.unlock("1357")
    with pytest.raises(SignInError, match="must wait"):
        doc.unlock("2580")
    with pytest.raises(SignInError, match="must wait"):
        store.sign_in("doc", PASSWORD)
    clock.now += SIGN_IN_PAUSE + timedelta(seconds=1)
    assert doc.unlock("2580")


def test_wrong_passwords_while_setting_a_pin_count_too(store: Store) -> None:
    doc = store.sign_in("doc", PASSWORD)
    for _ in range(MAX_FAILED_SIGN_INS):
        with pytest.raises(ValidationError):
            doc.set_unlock_pin("guess", "2580")
    with pytest.raises(SignInError, match="must wait"):
        doc.set_unlock_pin(PASSWORD, "2580")
    assert not doc.has_unlock_pin()


def test_removing_the_pin_and_a_password_reset_end_it(store: Store) -> None:
    doc = store.sign_in("doc", PASSWORD)
    doc.set_unlock_pin(PASSWORD, "2580")
    doc.remove_unlock_pin()
    assert not doc.has_unlock_pin() and not doc.unlock("2580")
    doc.set_unlock_pin(PASSWORD, "2580")
    store.sign_in("owner", PASSWORD).users.reset_password("doc", "a brand new secret")
    assert not doc.has_unlock_pin() and not doc.unlock("2580")


def test_the_command_line_has_no_pin(store: Store) -> None:
    with pytest.raises(StoreError, match="your own account"):
        store.set_unlock_pin(PASSWORD, "2580")
    store.remove_unlock_pin()  # nothing to remove: no error


def test_an_older_database_gains_the_pin_table_and_its_schema_checks(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "consult.db", isolation_level=None)
    upgrade(conn, target=MIGRATIONS.index(migrate_9_unlock_pins))
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'unlock_pins'").fetchone()
    conn.close()
    with Store.open(tmp_path) as opened:
        assert schema_problems(opened._conn) == []
        opened._conn.execute("DROP TABLE unlock_pins")
        assert "the table 'unlock_pins' is missing" in schema_problems(opened._conn)
