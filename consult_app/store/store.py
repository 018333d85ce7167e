"""The patient store: one SQLite file in the data directory.

Open it with :meth:`Store.open`. The store holds the connection and the user it acts for, and
one repository per aggregate, each behind a typed interface (:mod:`consult_app.store.interfaces`)
that another database engine can implement: ``store.patients``, ``store.visits`` (visits, plans,
amendments, the whole patient file), ``store.documents`` (handouts and consents),
``store.questionnaires``, ``store.users``, ``store.sign_offs``, ``store.clinic`` (the clinic
profile) and ``store.audit``. Each method that changes data is one user action and one
transaction, recorded under the store's user.

Every public method is guarded by the rights of the store's user
(:mod:`consult_app.domain.access`). ``Store.open(folder)`` acts for the command line, with
every right; the app signs in (:meth:`Store.sign_in`) and works with the store it returns.
Reception reads ``store.patients.patient_summary`` (contact details and plan dates) instead of
``store.visits.patient_file``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from consult_app.domain.access import User
from consult_app.paths import ensure_private_dir
from consult_app.store.access import open_to_all
from consult_app.store.amendments import SqliteVisits
from consult_app.store.audit_log import SqliteAudit
from consult_app.store.base import SessionListener, WriteListener, local_now
from consult_app.store.clinic_profile import SqliteClinicProfile
from consult_app.store.documents import SqliteDocuments
from consult_app.store.errors import StorageError
from consult_app.store.files import private_database_file
from consult_app.store.interfaces import (
    AuditTrail,
    ClinicProfiles,
    Documents,
    Patients,
    Practitioners,
    Questionnaires,
    RecallDesk,
    SignOffs,
    Users,
    Visits,
)
from consult_app.store.patients import SqlitePatients
from consult_app.store.practitioners import SqlitePractitioners
from consult_app.store.questionnaires import SqliteQuestionnaires
from consult_app.store.recall_desk import SqliteRecallDesk
from consult_app.store.schema import upgrade
from consult_app.store.signoff import SqliteSignOffs
from consult_app.store.users import SessionActions, SqliteUsers

DB_NAME = "consult.db"


def connect(path: Path) -> sqlite3.Connection:
    """Open ``path`` in autocommit mode with WAL, foreign keys and a busy timeout."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=5.0)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _open_error(data_dir: Path, error: BaseException) -> StorageError:
    """Say why the records in ``data_dir`` cannot be opened, and what to check."""
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return StorageError(
        f"Cannot open the records in {data_dir}: {reason}. Check that the folder exists, "
        "that its disk is connected and has space, and that you may write to it."
    )


class Store(SessionActions):
    """The connection, the user it acts for, and one repository per aggregate."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        clock: Callable[[], datetime] = local_now,
        user: User | None = None,
    ) -> None:
        super().__init__(conn, clock, user)
        session = self._session
        self.patients: Patients = SqlitePatients(session)
        self.visits: Visits = SqliteVisits(session)
        self.documents: Documents = SqliteDocuments(session)
        self.questionnaires: Questionnaires = SqliteQuestionnaires(session)
        self.users: Users = SqliteUsers(session)
        self.sign_offs: SignOffs = SqliteSignOffs(session)
        self.audit: AuditTrail = SqliteAudit(session)
        self.clinic: ClinicProfiles = SqliteClinicProfile(session)
        self.recall_desk: RecallDesk = SqliteRecallDesk(session)
        self.practitioners: Practitioners = SqlitePractitioners(session)

    @classmethod
    @open_to_all
    def open(
        cls,
        data_dir: Path,
        clock: Callable[[], datetime] = local_now,
        user: User | None = None,
    ) -> Store:
        """Open (creating if needed) ``data_dir/consult.db`` and bring its schema up to date.

        The store acts for ``user``; without one, for the command line (every right).
        """
        try:
            # Patient records: the folder and every file in it are for their owner only.
            ensure_private_dir(data_dir)
            private_database_file(data_dir / DB_NAME)
            conn = connect(data_dir / DB_NAME)
        except (OSError, sqlite3.Error) as error:
            raise _open_error(data_dir, error) from error
        try:
            upgrade(conn)
        except sqlite3.Error as error:
            conn.close()
            raise _open_error(data_dir, error) from error
        except BaseException:
            conn.close()
            raise
        return cls(conn, clock, user)

    @property
    @open_to_all
    def path(self) -> Path:
        """Return the database file's path."""
        row = self._conn.execute("PRAGMA database_list").fetchone()
        return Path(row["file"])

    @open_to_all
    def close(self) -> None:
        """Close the database. Everything was already saved."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @open_to_all
    def add_write_listener(self, listener: WriteListener) -> None:
        """Call ``listener(conn, actor, action)`` inside each write transaction."""
        self._session.listeners.append(listener)

    @open_to_all
    def add_session_listener(self, listener: SessionListener) -> None:
        """Call ``listener(message)`` when this signed-in session ends (the account disabled)."""
        self._session.session_listeners.append(listener)
