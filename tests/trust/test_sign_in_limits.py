"""Guessing passwords is slowed down, and users can change their own password."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from clock import Clock

from consult_app.domain.access import Role
from consult_app.store import Store, ValidationError
from consult_app.store.users import MAX_FAILED_SIGN_INS, SIGN_IN_PAUSE, SignInError

PASSWORD = "a long enough secret"


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    opened = Store.open(tmp_path / "data", clock=clock)
    opened.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
    admin = opened.sign_in("owner", PASSWORD)
    admin.users.add_user("desk", "Front Desk", Role.RECEPTION, PASSWORD)
    return opened


def fail(store: Store, times: int) -> None:
    for _ in range(times):
        with pytest.raises(SignInError, match="wrong"):
            store.sign_in("desk", "not the password")


def test_too_many_wrong_passwords_pause_the_account(store: Store, clock: Clock) -> None:
    fail(store, MAX_FAILED_SIGN_INS)
    with pytest.raises(SignInError, match="must wait 15 minutes"):
        store.sign_in("desk", PASSWORD)
    clock.now += SIGN_IN_PAUSE + timedelta(seconds=1)
    assert store.sign_in("desk", PASSWORD).user.username == "desk"


def test_a_good_sign_in_clears_earlier_failures(store: Store) -> None:
    fail(store, MAX_FAILED_SIGN_INS - 1)
    store.sign_in("desk", PASSWORD)
    fail(store, MAX_FAILED_SIGN_INS - 1)
    assert store.sign_in("desk", PASSWORD).user.username == "desk"


def test_admin_reset_ends_the_pause_and_other_accounts_are_unaffected(store: Store) -> None:
    fail(store, MAX_FAILED_SIGN_INS)
    assert store.sign_in("owner", PASSWORD).user.username == "owner"
    store.sign_in("owner", PASSWORD).users.reset_password("desk", "a brand new secret")
    assert store.sign_in("desk", "a brand new secret").user.username == "desk"


def test_users_change_their_own_password(store: Store) -> None:
    desk = store.sign_in("desk", PASSWORD)
    with pytest.raises(ValidationError, match="not your current password"):
        desk.change_own_password("wrong", "another long secret")
    with pytest.raises(ValidationError):
        desk.change_own_password(PASSWORD, "short")
    desk.change_own_password(PASSWORD, "another long secret")
    with pytest.raises(SignInError):
        store.sign_in("desk", PASSWORD)
    assert store.sign_in("desk", "another long secret").user.username == "desk"
    assert store.audit.verify_audit() == []
