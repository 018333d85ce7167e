"""User accounts, signing in, locking, and the lock setting.

Passwords are kept only as argon2id hashes. Failed sign-ins are recorded in the audit trail
under the account's name when the account exists, else as ``unknown``: the typed name is
never written down, because people sometimes type their password into the name field.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Self

from consult_app.domain.access import (
    Permission,
    Role,
    User,
    normal_username,
    password_problem,
    username_problem,
)
from consult_app.store.access import AccessDeniedError, SessionEndedError, open_to_all, requires
from consult_app.store.base import SESSION_ENDED_TEXT, Session, StoreBase, local_now
from consult_app.store.errors import NotFoundError, StoreError, ValidationError
from consult_app.store.unlock_pins import UnlockPins

if TYPE_CHECKING:
    from argon2 import PasswordHasher

SCHEMA = """
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    username_key TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('practitioner', 'reception', 'admin')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    disabled_at TEXT,
    disabled_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

DEFAULT_LOCK_MINUTES = 5
#: After this many wrong passwords in a row, an account waits :data:`SIGN_IN_PAUSE` to try again.
MAX_FAILED_SIGN_INS = 5
SIGN_IN_PAUSE = timedelta(minutes=15)
_LOCK_KEY = "lock_minutes"
#: Wrong passwords (or unlock PINs) typed anywhere (signing in, unlocking, changing one's own
#: password or setting a PIN: see
#: :meth:`UserActions._too_many_failures`) count together towards the pause; a right one
#: (signing in or unlocking) starts the count again.
_GOOD_ACTIONS = ("sign_in", "unlock")


@functools.cache
def _hasher() -> PasswordHasher:
    """Return argon2id with the library's default cost (about 64 MiB, 3 passes).

    Imported when first needed, so the window opens without it.
    """
    from argon2 import PasswordHasher

    return PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Return a hash checked when the name is unknown, so that takes as long as a wrong password."""
    return _hasher().hash("not a password of anyone")


class SignInError(StoreError):
    """The user name or password was wrong, or the account is disabled."""


def _paused() -> SignInError:
    """Return the error that says the account must wait after too many wrong passwords."""
    minutes = int(SIGN_IN_PAUSE.total_seconds() // 60)
    return SignInError(
        f"The password was wrong {MAX_FAILED_SIGN_INS} times in a row, so this account "
        f"must wait {minutes} minutes before it can sign in. Try again later, or ask "
        "the admin to reset the password."
    )


@dataclass(frozen=True)
class Account:
    """A user account as the admin sees it."""

    user: User
    created_at: datetime
    disabled_at: datetime | None

    @property
    def disabled(self) -> bool:
        """Return whether the account may no longer sign in."""
        return self.disabled_at is not None


def _user(row: sqlite3.Row) -> User:
    return User(row["id"], row["username"], row["display_name"], Role(row["role"]))


def _account(row: sqlite3.Row) -> Account:
    disabled = row["disabled_at"]
    return Account(
        _user(row),
        datetime.fromisoformat(row["created_at"]),
        datetime.fromisoformat(disabled) if disabled else None,
    )


def _verify(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return _hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


class SqliteUsers(StoreBase):
    """Accounts and the lock setting. Signing in is the store's own (:class:`SessionActions`)."""

    @open_to_all
    def has_users(self) -> bool:
        """Return whether any account exists (none: the first start asks for the admin)."""
        return self._conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    @open_to_all
    def create_first_admin(self, username: str, display_name: str, password: str) -> User:
        """Create the first account, an admin. Refused once any account exists."""
        self._check_new_account(username, display_name, password)
        with self._write_as(username.strip(), "create_first_admin", role=Role.ADMIN.value):
            if self._conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None:
                raise AccessDeniedError(
                    "An admin account already exists. Sign in, or ask the admin for an account."
                )
            user_id = self._insert_user(username, display_name, Role.ADMIN, password, username)
        return self._get_user(user_id)

    @requires(Permission.MANAGE_USERS)
    def add_user(self, username: str, display_name: str, role: Role, password: str) -> User:
        """Add an account with ``role``; raise :class:`ValidationError` on bad input."""
        if role is Role.SYSTEM:
            raise ValidationError({"role": "Choose practitioner, reception or admin."})
        self._check_new_account(username, display_name, password)
        with self._write("add_user", account=normal_username(username), role=role.value):
            user_id = self._insert_user(username, display_name, role, password, self._actor)
        return self._get_user(user_id)

    @requires(Permission.MANAGE_USERS)
    def accounts(self) -> list[Account]:
        """Return every account, disabled ones included, by user name."""
        rows = self._conn.execute("SELECT * FROM users ORDER BY username_key")
        return [_account(r) for r in rows]

    @requires(Permission.MANAGE_USERS)
    def reset_password(self, username: str, password: str) -> None:
        """Give an account a new password (the user should change it when next signed in)."""
        problem = password_problem(password)
        if problem:
            raise ValidationError({"password": problem})
        row = self._account_row(username)
        with self._write("reset_password", account=row["username_key"]) as conn:
            conn.execute(
                "UPDATE users SET password_hash = ? WHERE id = ?",
                (_hasher().hash(password), row["id"]),
            )
            # Whoever forgot the password may have given the PIN away too: it goes with it.
            conn.execute("DELETE FROM unlock_pins WHERE user_id = ?", (row["id"],))

    @requires(Permission.MANAGE_USERS)
    def set_disabled(self, username: str, disabled: bool) -> None:
        """Disable an account (it can no longer sign in) or enable it again."""
        row = self._account_row(username)
        if disabled and row["id"] == self._user.id:
            raise StoreError("You cannot disable your own account while signed in with it.")
        if disabled and row["role"] == Role.ADMIN.value and self._admins_left(row["id"]) == 0:
            raise StoreError("This is the last admin account. Add another admin first.")
        action = "disable_user" if disabled else "enable_user"
        with self._write(action, account=row["username_key"]) as conn:
            conn.execute(
                "UPDATE users SET disabled_at = ?, disabled_by = ? WHERE id = ?",
                (self._now() if disabled else None, self._actor if disabled else "", row["id"]),
            )

    @open_to_all
    def lock_minutes(self) -> int:
        """Return after how many idle minutes the window locks."""
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (_LOCK_KEY,))
        found = row.fetchone()
        try:
            return max(1, int(found[0])) if found else DEFAULT_LOCK_MINUTES
        except ValueError:
            return DEFAULT_LOCK_MINUTES

    @requires(Permission.MANAGE_USERS)
    def set_lock_minutes(self, minutes: int) -> None:
        """Set after how many idle minutes the window locks (1 to 120)."""
        if not 1 <= minutes <= 120:
            raise ValidationError({"minutes": "Choose between 1 and 120 minutes."})
        with self._write("set_lock_minutes", minutes=minutes) as conn:
            conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                (_LOCK_KEY, str(minutes)),
            )

    # helpers -------------------------------------------------------------------------
    def _check_new_account(self, username: str, display_name: str, password: str) -> None:
        errors: dict[str, str] = {}
        problem = username_problem(username)
        if problem:
            errors["username"] = problem
        elif self._conn.execute(
            "SELECT 1 FROM users WHERE username_key = ?", (normal_username(username),)
        ).fetchone():
            errors["username"] = "This user name is taken. Choose another."
        if not display_name.strip():
            errors["display_name"] = "Type the person's name as it should be shown."
        problem = password_problem(password)
        if problem:
            errors["password"] = problem
        if errors:
            raise ValidationError(errors)

    def _insert_user(
        self, username: str, display_name: str, role: Role, password: str, created_by: str
    ) -> int:
        cursor = self._conn.execute(
            "INSERT INTO users (username, username_key, display_name, role, password_hash, "
            "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                username.strip(),
                normal_username(username),
                display_name.strip(),
                role.value,
                _hasher().hash(password),
                self._now(),
                created_by.strip(),
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _get_user(self, user_id: int) -> User:
        row = self._conn.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"User {user_id} does not exist.")
        return _user(row)

    def _account_row(self, username: str) -> sqlite3.Row:
        row: sqlite3.Row | None = self._conn.execute(
            "SELECT * FROM users WHERE username_key = ?", (normal_username(username),)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"There is no account called {username.strip()}.")
        return row

    def _admins_left(self, without_id: int) -> int:
        count: int = self._conn.execute(
            "SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id != ?",
            (without_id,),
        ).fetchone()[0]
        return count


class SessionActions(UnlockPins):
    """Sign-in, lock and sign-out. A signed-in store acts only within its user's rights."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        clock: Callable[[], datetime] = local_now,
        user: User | None = None,
    ) -> None:
        super().__init__(Session.of(conn, clock, user))

    @open_to_all
    def sign_in(self, username: str, password: str) -> Self:
        """Return this store acting for the user whose password this is.

        Raises :class:`SignInError` (and records the failure) on a wrong name or password.
        """
        row = self._conn.execute(
            "SELECT * FROM users WHERE username_key = ?", (normal_username(username),)
        ).fetchone()
        if row is not None and self._too_many_failures(row["username"]):
            self._log("sign_in_failed", actor=row["username"], reason="too_many")
            raise _paused()
        if row is None:
            _verify(_dummy_hash(), password)
            self._log("sign_in_failed", actor="unknown", reason="unknown_user")
        elif not _verify(row["password_hash"], password):
            self._log("sign_in_failed", actor=row["username"], reason="wrong_password")
        elif row["disabled_at"] is not None:
            self._log("sign_in_failed", actor=row["username"], reason="disabled")
            raise SignInError("This account is disabled. Ask the admin to enable it.")
        else:
            self._log("sign_in", actor=row["username"])
            return self._acting_for(_user(row))
        raise SignInError("The user name or the password is wrong. Check them and try again.")

    @requires(Permission.ACT_AS_ANY_USER)
    def for_user(self, user: User) -> Self:
        """Return this store acting for ``user`` without a password (command line, tests)."""
        return self._acting_for(user)

    @open_to_all
    def record_lock(self) -> None:
        """Record that the signed-in user's window was locked."""
        self._log("lock")

    @open_to_all
    def unlock(self, password: str) -> bool:
        """Return whether ``password`` is the signed-in user's own or their PIN; record it.

        Wrong passwords count towards the account's pause as wrong sign-ins do; while paused,
        :class:`SignInError` says so. A disabled account raises :class:`SessionEndedError`.
        """
        row = self._conn.execute("SELECT * FROM users WHERE id = ?", (self._user.id,)).fetchone()
        if row is None or self._user.is_system:
            self._log("unlock_failed")
            return False
        if row["disabled_at"] is not None:
            self._log("unlock_failed", reason="disabled")
            error = SessionEndedError(SESSION_ENDED_TEXT)
            self._session_ended(error)
            raise error
        if self._too_many_failures(row["username"]):
            self._log("unlock_failed", reason="too_many")
            raise _paused()
        if _verify(row["password_hash"], password):
            self._log("unlock")
            return True
        if self._pin_matches(password):
            self._log("unlock", kind="pin")
            return True
        self._log("unlock_failed")
        return False

    @open_to_all
    def change_own_password(self, current: str, new: str) -> None:
        """Change the signed-in user's password after checking the current one."""
        row = self._conn.execute("SELECT * FROM users WHERE id = ?", (self._user.id,)).fetchone()
        if row is None or self._user.is_system:
            raise StoreError("Sign in with your own account to change its password.")
        if self._too_many_failures(row["username"]):
            self._log("change_password_failed", reason="too_many")
            raise _paused()
        if not _verify(row["password_hash"], current):
            self._log("change_password_failed")
            raise ValidationError({"current": "That is not your current password."})
        problem = password_problem(new)
        if problem:
            raise ValidationError({"new": problem})
        with self._write("change_password") as conn:
            conn.execute(
                "UPDATE users SET password_hash = ? WHERE id = ?", (_hasher().hash(new), row["id"])
            )

    @open_to_all
    def sign_out(self) -> None:
        """Record that the user signed out."""
        self._log("sign_out")

    def _too_many_failures(self, username: str) -> bool:
        """Return whether the account's recent wrong passwords call for a pause."""
        # Only failures since the last good sign-in or the last password reset count.
        reset = self._conn.execute(
            "SELECT COALESCE(MAX(id), 0) FROM audit_log WHERE action = 'reset_password'"
            " AND json_extract(detail, '$.account') = ?",
            (normal_username(username),),
        ).fetchone()[0]
        rows = self._conn.execute(
            "SELECT action, at FROM audit_log WHERE actor = ? AND id > ?"
            " AND action IN ('sign_in_failed', 'unlock_failed', 'change_password_failed',"
            " 'set_pin_failed', 'sign_in', 'unlock') ORDER BY id DESC LIMIT ?",
            (username, reset, MAX_FAILED_SIGN_INS),
        ).fetchall()
        if len(rows) < MAX_FAILED_SIGN_INS or any(r["action"] in _GOOD_ACTIONS for r in rows):
            return False
        newest = datetime.fromisoformat(rows[0]["at"])
        return self._clock() - newest < SIGN_IN_PAUSE

    def _acting_for(self, user: User) -> Self:
        bound = type(self)(self._conn, self._clock, user)
        # The same write listeners (the backup after changes); its own session listeners.
        bound._session.listeners = self._session.listeners
        return bound
