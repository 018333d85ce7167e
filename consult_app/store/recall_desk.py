"""The front desk's recall work: the filtered list, contacts made and snoozes."""

from __future__ import annotations

import sqlite3
from datetime import date

from consult_app.domain.access import Permission
from consult_app.domain.models import StepKind
from consult_app.domain.recalls import (
    ContactMethod,
    DeskRecall,
    RecallContact,
    RecallFilter,
    contact_problem,
)
from consult_app.store.access import requires
from consult_app.store.base import StoreBase
from consult_app.store.codec import plan_version_from_row
from consult_app.store.errors import ValidationError

SCHEMA = """
CREATE TABLE recall_contacts (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    due TEXT NOT NULL,
    method TEXT CHECK (method IS NULL OR method IN ('phone', 'sms', 'email', 'letter',
        'in person')),
    contacted_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    snoozed_until TEXT,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    CHECK (method IS NOT NULL OR snoozed_until IS NOT NULL)
);
CREATE INDEX recall_contacts_by_patient ON recall_contacts(patient_id, due);
CREATE TRIGGER recall_contacts_never_changed BEFORE UPDATE ON recall_contacts
BEGIN SELECT RAISE(ABORT, 'recall contacts are kept as recorded'); END;
CREATE TRIGGER recall_contacts_never_deleted BEFORE DELETE ON recall_contacts
BEGIN SELECT RAISE(ABORT, 'recall contacts are kept as recorded'); END;
"""


def _contact(row: sqlite3.Row) -> RecallContact:
    return RecallContact(
        patient_id=row["patient_id"],
        due=date.fromisoformat(row["due"]),
        method=ContactMethod(row["method"]) if row["method"] else None,
        contacted_on=date.fromisoformat(row["contacted_on"]),
        note=row["note"],
        snoozed_until=date.fromisoformat(row["snoozed_until"]) if row["snoozed_until"] else None,
        recorded_by=row["recorded_by"],
    )


class SqliteRecallDesk(StoreBase):
    """Recalls as reception works them: names, phones, due dates and kinds, nothing clinical."""

    @requires(Permission.READ_RECALLS)
    def recall_list(self, today: date, wanted: RecallFilter) -> list[DeskRecall]:
        """Return the recalls ``wanted`` asks for, by due date then name.

        A recall snoozed past ``today`` is left out; archived patients are left out.
        """
        rows = self._conn.execute(
            "SELECT p.id AS patient_key, p.given_name, p.family_name, p.phone, v.*, "
            "COALESCE(s.started_by, v.created_by) AS practitioner FROM patients p "
            "JOIN plan_versions v ON v.patient_id = p.id AND v.number = "
            "(SELECT max(number) FROM plan_versions WHERE patient_id = p.id) "
            "LEFT JOIN visits s ON s.id = v.visit_id "
            "WHERE p.archived_at IS NULL AND v.next_kind IN (?, ?) AND v.next_due <= ? "
            "AND v.next_due >= ? "
            "ORDER BY v.next_due, p.family_name, p.given_name, p.id",
            (
                StepKind.REVIEW.value,
                StepKind.REPEAT.value,
                wanted.due_to.isoformat(),
                wanted.due_from.isoformat() if wanted.due_from else "",
            ),
        ).fetchall()
        found: list[DeskRecall] = []
        for r in rows:
            if wanted.practitioner is not None and r["practitioner"] != wanted.practitioner:
                continue
            step = plan_version_from_row(r).plan.next_step
            if wanted.areas is not None and (step is None or not wanted.areas & set(step.areas)):
                continue
            due = date.fromisoformat(r["next_due"])
            contacts = self._contacts(r["patient_key"], due)
            snoozes = [c.snoozed_until for c in contacts if c.snoozed_until is not None]
            if snoozes and snoozes[0] > today:
                continue
            found.append(
                DeskRecall(
                    patient_id=r["patient_key"],
                    name=f"{r['given_name']} {r['family_name']}",
                    phone=r["phone"],
                    kind=StepKind(r["next_kind"]),
                    due=due,
                    practitioner=r["practitioner"],
                    last_contact=next((c for c in contacts if c.method is not None), None),
                )
            )
        return found

    @requires(Permission.READ_RECALLS)
    def recall_contacts(self, patient_id: int, due: date) -> list[RecallContact]:
        """Return the contacts and snoozes about the recall due on ``due``, newest first."""
        self._require_patient(patient_id)
        return self._contacts(patient_id, due)

    @requires(Permission.READ_RECALLS, Permission.EDIT_CONTACT)
    def record_recall_contact(
        self,
        patient_id: int,
        due: date,
        today: date,
        *,
        method: ContactMethod | None = None,
        on: date | None = None,
        note: str = "",
        snooze_to: date | None = None,
    ) -> RecallContact:
        """Record a contact (how, on which day, a short note) or a snooze, by the store's user.

        Raise :class:`ValidationError` (nothing saved) for a future contact date, a snooze not
        after ``today``, neither a method nor a snooze, or a note too long.
        """
        note = note.strip()
        contacted_on = on or today
        problem = contact_problem(method, contacted_on, note, today, snooze_to)
        if problem:
            raise ValidationError({"contact": problem})
        self._require_patient(patient_id)
        kind = "contact" if method else "snooze"
        with self._write("recall_contact", patient_id, kind=kind) as conn:
            conn.execute(
                "INSERT INTO recall_contacts (patient_id, due, method, contacted_on, note, "
                "snoozed_until, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    patient_id,
                    due.isoformat(),
                    method.value if method else None,
                    contacted_on.isoformat(),
                    note,
                    snooze_to.isoformat() if snooze_to else None,
                    self._now(),
                    self._actor,
                ),
            )
        return self._contacts(patient_id, due)[0]

    def _contacts(self, patient_id: int, due: date) -> list[RecallContact]:
        rows = self._conn.execute(
            "SELECT * FROM recall_contacts WHERE patient_id = ? AND due = ? ORDER BY id DESC",
            (patient_id, due.isoformat()),
        )
        return [_contact(row) for row in rows]
