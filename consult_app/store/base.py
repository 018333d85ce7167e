"""The connection, the one write path, and lookups shared by the store's parts."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from consult_app.domain.models import Visit
from consult_app.store.codec import visit_from_row
from consult_app.store.errors import NotFoundError, StoreError, VisitLockedError

#: Called inside every write transaction with ``(connection, actor, action)``; raising rolls
#: the action back. This is where sign-in checks and an audit log hook in.
WriteListener = Callable[[sqlite3.Connection, str, str], None]


def local_now() -> datetime:
    """Return the current local time, with its offset."""
    return datetime.now().astimezone()


class StoreBase:
    """Holds the connection. Every write goes through :meth:`_write`."""

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], datetime] = local_now) -> None:
        self._conn = conn
        self._clock = clock
        self._listeners: list[WriteListener] = []

    def add_write_listener(self, listener: WriteListener) -> None:
        """Call ``listener(conn, actor, action)`` inside each write transaction."""
        self._listeners.append(listener)

    def _now(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    @contextmanager
    def _write(self, actor: str, action: str) -> Iterator[sqlite3.Connection]:
        """Run one user action as one transaction: all of it is saved, or none of it."""
        if not actor.strip():
            raise StoreError("No user is named for this change. Sign in and try again.")
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for listener in self._listeners:
                listener(conn, actor, action)
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

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

    def _require_patient(self, patient_id: int) -> sqlite3.Row:
        row: sqlite3.Row | None = self._conn.execute(
            "SELECT * FROM patients WHERE id = ?", (patient_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"Patient {patient_id} does not exist.")
        return row
