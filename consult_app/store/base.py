"""The connection, the one write path, and lookups shared by the store's parts."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from consult_app.domain.access import Permission, User, system_user
from consult_app.domain.models import Patient, Visit
from consult_app.store.access import SessionEndedError, check, open_to_all
from consult_app.store.anchor import anchor_entry, data_dir_of
from consult_app.store.audit import append_entry
from consult_app.store.codec import patient_from_row, visit_from_row
from consult_app.store.errors import NotFoundError, StorageError, VisitLockedError
from consult_app.store.integrity import STORAGE_CODES, sqlite_code, storage_error_message

#: Called inside every write transaction, before the action's own writes, with
#: ``(connection, actor, action)``; raising rolls the action back.
WriteListener = Callable[[sqlite3.Connection, str, str], None]

#: Called with the message when the signed-in account's session ends (it was disabled).
SessionListener = Callable[[str], None]

SESSION_ENDED_TEXT = (
    "Your account was disabled by the admin while you were signed in, so this was not saved "
    "and you are signed out. Ask the admin if you need to use the app."
)


@dataclass
class _WriteNote:
    """What the audit entry of the write in progress will say about it."""

    patient_id: int | None
    detail: dict[str, object] = field(default_factory=dict)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run one user action as one transaction: all of it is saved, or none of it.

    When the disk or the file refuses (full, read-only, busy, damaged), SQLite may already
    have rolled back by itself; the error becomes a :class:`StorageError` with a plain message
    instead of a later "no transaction is active" hiding it.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except sqlite3.Error as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(error, sqlite3.IntegrityError) or sqlite_code(error) not in STORAGE_CODES:
            raise
        raise StorageError(storage_error_message(error)) from error


def local_now() -> datetime:
    """Return the current local time, with its offset."""
    return datetime.now().astimezone()


@dataclass
class Session:
    """What the parts of one store share: the connection, the clock, the user, the listeners."""

    conn: sqlite3.Connection
    clock: Callable[[], datetime]
    user: User
    folder: Path | None
    listeners: list[WriteListener] = field(default_factory=list)
    session_listeners: list[SessionListener] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        conn: sqlite3.Connection,
        clock: Callable[[], datetime] = local_now,
        user: User | None = None,
    ) -> Session:
        """Return a session on ``conn`` acting for ``user`` (the command line's without one)."""
        return cls(conn, clock, user or system_user(), data_dir_of(conn))


class StoreBase:
    """One part of the store: it reads and writes through its session's connection and user.

    Every write goes through :meth:`_write`. Each write is recorded in the audit trail inside
    its own transaction, after the action's writes (so it knows a new patient's id); reads that
    matter call :meth:`_log`.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._note: _WriteNote | None = None

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._session.conn

    @property
    def _clock(self) -> Callable[[], datetime]:
        return self._session.clock

    @property
    def _user(self) -> User:
        return self._session.user

    @property
    def _folder(self) -> Path | None:
        return self._session.folder

    @property
    def _listeners(self) -> list[WriteListener]:
        return self._session.listeners

    @property
    @open_to_all
    def user(self) -> User:
        """Return the user this store acts for (the command line's when opened without one)."""
        return self._user

    def _can(self, permission: Permission) -> bool:
        return self._user.can(permission)

    def _require(self, *permissions: Permission) -> None:
        check(self._user, *permissions)

    def _check_session(self, conn: sqlite3.Connection) -> None:
        """Raise :class:`SessionEndedError` if the signed-in account is no longer enabled.

        The command line (and a user with id 0, who never signed in to an account: tests,
        screenshots) has no account to check.
        """
        if self._user.is_system or self._user.id == 0:
            return
        row = conn.execute(
            "SELECT disabled_at FROM users WHERE id = ?", (self._user.id,)
        ).fetchone()
        if row is None or row[0] is not None:
            raise SessionEndedError(SESSION_ENDED_TEXT)

    def _session_ended(self, error: SessionEndedError) -> None:
        """Tell whoever shows this session (the window) that it is over."""
        for listener in list(self._session.session_listeners):
            listener(str(error))

    def _now(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    @property
    def _actor(self) -> str:
        """Return the name every change of this store is recorded under: its user's."""
        return self._user.username

    @contextmanager
    def _write(
        self, action: str, patient_id: int | None = None, **detail: object
    ) -> Iterator[sqlite3.Connection]:
        """Run one user action as one transaction: all of it is saved, or none of it.

        The action and its audit entry are saved together, under the store's user (the
        command line's store acts as its operating-system account). A signed-in user can only
        save while their account is enabled (checked inside the transaction, so a change and a
        disabling never cross).
        """
        with self._write_as(self._actor, action, patient_id, **detail) as conn:
            yield conn

    @contextmanager
    def _write_as(
        self, actor: str, action: str, patient_id: int | None = None, **detail: object
    ) -> Iterator[sqlite3.Connection]:
        """Run :meth:`_write` recorded under ``actor`` (the first admin creating their account)."""
        conn = self._conn
        note = _WriteNote(patient_id, dict(detail))
        self._note = note
        try:
            with transaction(conn):
                self._check_session(conn)
                for listener in self._listeners:
                    listener(conn, actor, action)
                yield conn
                written = append_entry(
                    conn, self._now(), actor, action, note.patient_id, note.detail
                )
        except SessionEndedError as error:
            self._session_ended(error)
            raise
        finally:
            self._note = None
        self._anchor(*written)

    def _write_about(self, patient_id: int | None = None, **detail: object) -> None:
        """Add what became known during the write (a new patient's id) to its audit entry."""
        assert self._note is not None, "only inside _write"
        if patient_id is not None:
            self._note.patient_id = patient_id
        self._note.detail.update(detail)

    def _log(
        self, action: str, patient_id: int | None = None, actor: str = "", **detail: object
    ) -> None:
        """Record a read that matters (a file opened, a handout re-printed, a sign-in)."""
        self._append(action, patient_id, actor, detail)

    def _append(
        self, action: str, patient_id: int | None, actor: str, detail: dict[str, object]
    ) -> None:
        with transaction(self._conn) as conn:
            written = append_entry(
                conn, self._now(), actor or self._user.username, action, patient_id, detail
            )
        self._anchor(*written)

    def _anchor(self, entry_id: int, entry_hash: str) -> None:
        """Record a committed entry in the anchor outside the database."""
        if self._folder is None:
            return
        try:
            anchor_entry(self._folder, entry_id, entry_hash)
        except OSError:
            # The action is saved; failing it now would tell the user otherwise. The entry
            # stays unanchored, and 'audit verify' reports it.
            return

    def _visit(self, visit_id: int) -> Visit:
        row = self._conn.execute("SELECT * FROM visits WHERE id = ?", (visit_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"Visit {visit_id} does not exist.")
        return visit_from_row(row)

    def _open_visit(self, visit_id: int) -> Visit:
        visit = self._visit(visit_id)
        if visit.locked:
            assert visit.finished_at is not None
            raise VisitLockedError(
                f"This visit was finished on {visit.finished_at:%Y-%m-%d %H:%M} and is locked. "
                "To correct it, record an amendment with your reason."
            )
        return visit

    def _patient(self, patient_id: int) -> Patient:
        return self._visible(patient_from_row(self._require_patient(patient_id)))

    def _visible(self, patient: Patient) -> Patient:
        """Return ``patient`` without the notes if this user may not read clinical records."""
        if self._can(Permission.READ_CLINICAL) or not patient.details.notes:
            return patient
        return replace(patient, details=replace(patient.details, notes=""))

    def _require_patient(self, patient_id: int) -> sqlite3.Row:
        row: sqlite3.Row | None = self._conn.execute(
            "SELECT * FROM patients WHERE id = ?", (patient_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"Patient {patient_id} does not exist.")
        return row
