"""The patient store: one SQLite file in the data directory.

Open it with :meth:`Store.open`. Each public method that changes data is one user action
and one transaction, and takes ``actor`` (the user's name) so every change says who made it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from consult_app.domain.models import PatientFile, VisitRecord
from consult_app.store.amendments import AmendActions
from consult_app.store.base import local_now
from consult_app.store.codec import (
    amendment_from_row,
    answer_from_row,
    goal_from_row,
    override_from_row,
    review_from_row,
    treatment_from_row,
    visit_from_row,
)
from consult_app.store.documents import DocumentActions
from consult_app.store.errors import StoreError
from consult_app.store.patients import PatientActions
from consult_app.store.schema import upgrade

DB_NAME = "consult.db"


def connect(path: Path) -> sqlite3.Connection:
    """Open ``path`` in autocommit mode with WAL, foreign keys and a busy timeout."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=5.0)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


class Store(PatientActions, AmendActions, DocumentActions):
    """Patients, visits and their records."""

    @classmethod
    def open(cls, data_dir: Path, clock: Callable[[], datetime] = local_now) -> Store:
        """Open (creating if needed) ``data_dir/consult.db`` and bring its schema up to date."""
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            conn = connect(data_dir / DB_NAME)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(
                f"Cannot open the data folder {data_dir}: {error}. "
                "Check that it exists and that you may write to it."
            ) from error
        try:
            upgrade(conn)
        except BaseException:
            conn.close()
            raise
        return cls(conn, clock)

    @property
    def path(self) -> Path:
        """Return the database file's path."""
        row = self._conn.execute("PRAGMA database_list").fetchone()
        return Path(row["file"])

    def close(self) -> None:
        """Close the database. Everything was already saved."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def visit_record(self, visit_id: int) -> VisitRecord:
        """Return everything recorded at one visit."""
        visit = self._visit(visit_id)
        conn = self._conn
        args = (visit_id,)
        return VisitRecord(
            visit=visit,
            answers=tuple(
                answer_from_row(r)
                for r in conn.execute(
                    "SELECT * FROM screening_answers WHERE visit_id = ? ORDER BY rowid", args
                )
            ),
            overrides=tuple(
                override_from_row(r)
                for r in conn.execute("SELECT * FROM overrides WHERE visit_id = ?", args)
            ),
            goals=tuple(
                goal_from_row(r)
                for r in conn.execute(
                    "SELECT * FROM goals WHERE visit_id = ? ORDER BY priority, area_id", args
                )
            ),
            treatments=tuple(
                treatment_from_row(r)
                for r in conn.execute(
                    "SELECT * FROM treatments WHERE visit_id = ? ORDER BY id", args
                )
            ),
            reviews=tuple(
                review_from_row(r)
                for r in conn.execute("SELECT * FROM reviews WHERE visit_id = ?", args)
            ),
            amendments=tuple(
                amendment_from_row(r)
                for r in conn.execute(
                    "SELECT * FROM amendments WHERE visit_id = ? ORDER BY id", args
                )
            ),
        )

    def patient_file(self, patient_id: int) -> PatientFile:
        """Return the patient's whole record: visits newest first, plan versions oldest first."""
        patient = self.get_patient(patient_id)
        rows = self._conn.execute(
            "SELECT * FROM visits WHERE patient_id = ? ORDER BY visit_date DESC, id DESC",
            (patient_id,),
        ).fetchall()
        visits = tuple(self.visit_record(visit_from_row(r).id) for r in rows)
        return PatientFile(patient, visits, tuple(self.plan_history(patient_id)))
