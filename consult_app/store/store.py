"""The patient store: one SQLite file in the data directory.

Open it with :meth:`Store.open`. Each public method that changes data is one user action
and one transaction, and takes ``actor`` (the user's name) so every change says who made it.

Every public method is guarded by the rights of the store's user
(:mod:`consult_app.domain.access`). ``Store.open(folder)`` acts for the command line, with
every right; the app signs in (:meth:`Store.sign_in`) and works with the store it returns.
Reception reads :meth:`Store.patient_summary` (contact details and plan dates) instead of
:meth:`Store.patient_file`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from consult_app.domain.access import Permission, User
from consult_app.domain.models import Goal, Hope, Patient, PatientFile, StepKind, VisitRecord
from consult_app.paths import ensure_private_dir
from consult_app.store.access import AccessDeniedError, open_to_all, requires
from consult_app.store.amendments import AmendActions
from consult_app.store.anchor import anchor_problems
from consult_app.store.audit import (
    AuditEntry,
    AuditFilter,
    actions_seen,
    entry_count,
    find_entries,
    trigger_problems,
)
from consult_app.store.audit import verify_audit as verify_chain
from consult_app.store.base import local_now
from consult_app.store.codec import (
    amendment_from_row,
    answer_from_row,
    goal_from_row,
    override_from_row,
    plan_version_from_row,
    review_from_row,
    treatment_from_row,
    visit_from_row,
)
from consult_app.store.documents import DocumentActions
from consult_app.store.errors import StorageError
from consult_app.store.files import private_database_file
from consult_app.store.patients import PatientActions
from consult_app.store.questionnaires import QuestionnaireActions, read_questionnaire_results
from consult_app.store.schema import upgrade
from consult_app.store.signoff import SignOffActions
from consult_app.store.users import UserActions

DB_NAME = "consult.db"

#: Audit entries for what happens outside the store, with the detail keys each may carry.
RECORDED_EVENTS: dict[str, frozenset[str]] = {
    "backup": frozenset({"kind"}),
    "restore": frozenset({"kind"}),
    # A printed or saved copy of the content review (it holds no patient data).
    "print_content_review": frozenset({"fingerprint"}),
}


@dataclass(frozen=True)
class PlanDate:
    """One step of the plan as reception sees it: what, when, for which areas."""

    kind: StepKind
    due: date
    areas: tuple[str, ...]
    done: bool


@dataclass(frozen=True)
class PatientSummary:
    """What the front desk sees: contact details, plan dates, handouts. Nothing clinical."""

    patient: Patient
    plan_dates: tuple[PlanDate, ...]

    @property
    def next_step(self) -> PlanDate | None:
        """Return the first plan step not yet done."""
        return next((step for step in self.plan_dates if not step.done), None)


@dataclass(frozen=True)
class SheetGoal:
    """A goal as the sheet prints it: the area, the patient's words and the hoped result.

    The practitioner's severity grades are not printed, so reception never receives them.
    """

    area_id: str
    concern: str
    hope: Hope
    priority: int

    @classmethod
    def of(cls, goal: Goal) -> SheetGoal:
        """Return the part of ``goal`` that the sheet prints."""
        return cls(goal.area_id, goal.concern, goal.hope, goal.priority)


@dataclass(frozen=True)
class SheetFacts:
    """What a personal information sheet is made from (all of it is printed on the sheet)."""

    patient: Patient
    goals: tuple[SheetGoal, ...]
    plan_dates: tuple[PlanDate, ...]
    latest_visit_id: int | None
    #: (area id, product id, batch) of what was injected at the latest visit.
    treated: tuple[tuple[str, str, str], ...] = ()


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


class Store(
    PatientActions,
    AmendActions,
    QuestionnaireActions,
    DocumentActions,
    UserActions,
    SignOffActions,
):
    """Patients, visits and their records, users, the content sign-off and the audit trail."""

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

    @requires(Permission.READ_CLINICAL)
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
            questionnaires=read_questionnaire_results(conn, visit_id),
        )

    @requires(Permission.READ_CLINICAL)
    def patient_file(self, patient_id: int) -> PatientFile:
        """Return the patient's whole record: visits newest first, plan versions oldest first."""
        patient = self.get_patient(patient_id)
        rows = self._conn.execute(
            "SELECT * FROM visits WHERE patient_id = ? ORDER BY visit_date DESC, id DESC",
            (patient_id,),
        ).fetchall()
        visits = tuple(self.visit_record(visit_from_row(r).id) for r in rows)
        return PatientFile(patient, visits, tuple(self.plan_history(patient_id)))

    @requires(Permission.READ_CLINICAL)
    def open_patient_file(self, patient_id: int) -> PatientFile:
        """Return the patient's whole record, and record that their file was opened."""
        record = self.patient_file(patient_id)
        self._log("open_file", patient_id)
        return record

    @requires(Permission.READ_CONTACT, Permission.READ_PLAN_DATES)
    def patient_summary(self, patient_id: int) -> PatientSummary:
        """Return the patient's contact details and plan dates, and nothing clinical."""
        return PatientSummary(self._patient(patient_id), self._plan_dates(patient_id))

    @requires(Permission.READ_CONTACT, Permission.READ_PLAN_DATES)
    def open_patient_summary(self, patient_id: int) -> PatientSummary:
        """Return :meth:`patient_summary`, and record that the patient's file was opened."""
        summary = self.patient_summary(patient_id)
        self._log("open_summary", patient_id)
        return summary

    @requires(Permission.PRINT_HANDOUTS)
    def sheet_facts(self, patient_id: int) -> SheetFacts:
        """Return what the patient's personal information sheet shows."""
        patient = self._patient(patient_id)
        goals = tuple(
            SheetGoal.of(goal_from_row(r))
            for r in self._conn.execute(
                "SELECT g.* FROM goals g WHERE g.visit_id = (SELECT v.id FROM visits v "
                "JOIN goals h ON h.visit_id = v.id WHERE v.patient_id = ? "
                "ORDER BY v.visit_date DESC, v.id DESC LIMIT 1) ORDER BY g.priority, g.area_id",
                (patient_id,),
            )
        )
        latest = self._conn.execute(
            "SELECT id FROM visits WHERE patient_id = ? ORDER BY visit_date DESC, id DESC LIMIT 1",
            (patient_id,),
        ).fetchone()
        treated: tuple[tuple[str, str, str], ...] = ()
        # Products and batches are clinical: they go on a sheet the practitioner issues, and
        # reception prints that issued sheet again rather than building one with them.
        if latest and self._can(Permission.READ_CLINICAL):
            treated = tuple(
                (r["area_id"], r["product_id"], r["batch"])
                for r in self._conn.execute(
                    "SELECT area_id, product_id, batch FROM treatments WHERE visit_id = ? "
                    "ORDER BY id",
                    (latest[0],),
                )
            )
        return SheetFacts(
            patient,
            goals,
            self._plan_dates(patient_id),
            latest[0] if latest else None,
            treated,
        )

    @requires(Permission.READ_AUDIT)
    def audit_trail(self, wanted: AuditFilter | None = None) -> list[AuditEntry]:
        """Return the audit entries that match ``wanted``, newest first."""
        return find_entries(self._conn, wanted or AuditFilter())

    @requires(Permission.READ_AUDIT)
    def audit_actions(self) -> list[str]:
        """Return the kinds of action found in the audit trail."""
        return actions_seen(self._conn)

    @requires(Permission.READ_AUDIT)
    def verify_audit(self) -> list[str]:
        """Return every problem in the audit trail: its chain, its safeguards, its anchor."""
        return (
            verify_chain(self._conn)
            + trigger_problems(self._conn)
            + anchor_problems(self._conn, self._folder)
        )

    @requires(Permission.READ_AUDIT)
    def audit_size(self) -> int:
        """Return how many entries the audit trail holds."""
        return entry_count(self._conn)

    @open_to_all
    def record_event(self, action: str, patient_id: int | None = None, **detail: object) -> None:
        """Add an event done outside the store (a backup, a restore) to the audit trail.

        Only the events in :data:`RECORDED_EVENTS`, with their own detail, are accepted: every
        other entry is written by the store's own actions, so no one can forge one (a sign-in,
        a password reset that would end an account's pause) through this method.
        """
        allowed = RECORDED_EVENTS.get(action)
        if allowed is None or patient_id is not None or not set(detail) <= allowed:
            raise AccessDeniedError(
                f"'{action}' cannot be added to the audit trail by hand: the records write "
                "that entry themselves when it happens."
            )
        self._append(action, None, "", detail)

    def _plan_dates(self, patient_id: int) -> tuple[PlanDate, ...]:
        row = self._conn.execute(
            "SELECT * FROM plan_versions WHERE patient_id = ? ORDER BY number DESC LIMIT 1",
            (patient_id,),
        ).fetchone()
        if row is None:
            return ()
        plan = plan_version_from_row(row).plan
        return tuple(PlanDate(s.kind, s.due, s.areas, s.done) for s in plan.steps)
