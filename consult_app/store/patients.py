"""Patient actions: create, edit, archive, search as you type, the recall list."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, timedelta

from consult_app.domain.access import Permission
from consult_app.domain.models import Patient, PatientDetails, Recall, StepKind
from consult_app.domain.validation import validate_patient
from consult_app.store.access import requires
from consult_app.store.base import StoreBase
from consult_app.store.codec import PATIENT_COLUMNS, patient_from_row
from consult_app.store.errors import ValidationError
from consult_app.store.search_text import fold, fts_query, index_text
from consult_app.store.views import PatientSummary, plan_dates

_NOTES_REFUSED = (
    "Your account may not write clinical notes. Leave the notes empty; the practitioner adds them."
)
_P_COLUMNS = ", ".join(f"p.{c.strip()}" for c in PATIENT_COLUMNS.split(","))


class SqlitePatients(StoreBase):
    """Writes and reads of patients, and the front desk's summary of one.

    Without :attr:`Permission.READ_CLINICAL` (reception) the patient's notes are left out of
    what is read, and kept as they were when the details are saved.
    """

    @requires(Permission.EDIT_CONTACT)
    def create_patient(self, details: PatientDetails, today: date) -> Patient:
        """Save a new patient; raise :class:`ValidationError` (nothing saved) on bad input."""
        errors = validate_patient(details, today)
        if details.notes.strip() and not self._can(Permission.WRITE_CLINICAL):
            errors["notes"] = _NOTES_REFUSED
        if errors:
            raise ValidationError(errors)
        now = self._now()
        with self._write("create_patient") as conn:
            cursor = conn.execute(
                "INSERT INTO patients (given_name, family_name, preferred_name, birth_date, "
                "phone, email, language, notes, created_at, created_by, updated_at, updated_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*self._detail_values(details), now, self._actor, now, self._actor),
            )
            patient_id = cursor.lastrowid
            assert patient_id is not None
            self._write_about(patient_id)
            self._index(patient_id, details)
        return self._patient(patient_id)

    @requires(Permission.EDIT_CONTACT)
    def update_patient(self, patient_id: int, details: PatientDetails, today: date) -> Patient:
        """Save edited details; raise :class:`ValidationError` (nothing saved) on bad input."""
        row = self._require_patient(patient_id)
        if not self._can(Permission.WRITE_CLINICAL):
            # Reception never sees the notes: an empty field keeps them as they are.
            if details.notes.strip() and details.notes != row["notes"]:
                raise ValidationError({"notes": _NOTES_REFUSED})
            details = replace(details, notes=row["notes"])
        errors = validate_patient(details, today)
        if errors:
            raise ValidationError(errors)
        with self._write("update_patient", patient_id) as conn:
            conn.execute(
                "UPDATE patients SET given_name = ?, family_name = ?, preferred_name = ?, "
                "birth_date = ?, phone = ?, email = ?, language = ?, notes = ?, "
                "updated_at = ?, updated_by = ? WHERE id = ?",
                (*self._detail_values(details), self._now(), self._actor, patient_id),
            )
            self._index(patient_id, details)
        return self._patient(patient_id)

    @requires(Permission.ARCHIVE_PATIENTS)
    def archive_patient(self, patient_id: int) -> Patient:
        """Archive a patient: hidden from search and recalls, but never deleted."""
        self._require_patient(patient_id)
        with self._write("archive_patient", patient_id) as conn:
            conn.execute(
                "UPDATE patients SET archived_at = ?, archived_by = ? "
                "WHERE id = ? AND archived_at IS NULL",
                (self._now(), self._actor, patient_id),
            )
        return self._patient(patient_id)

    @requires(Permission.ARCHIVE_PATIENTS)
    def restore_patient(self, patient_id: int) -> Patient:
        """Bring an archived patient back."""
        self._require_patient(patient_id)
        with self._write("restore_patient", patient_id) as conn:
            conn.execute(
                "UPDATE patients SET archived_at = NULL, archived_by = '', updated_at = ?, "
                "updated_by = ? WHERE id = ?",
                (self._now(), self._actor, patient_id),
            )
        return self._patient(patient_id)

    @requires(Permission.READ_CONTACT)
    def get_patient(self, patient_id: int) -> Patient:
        """Return a patient (archived or not); :class:`NotFoundError` if there is none."""
        return self._patient(patient_id)

    @requires(Permission.FIND_PATIENTS)
    def search_patients(
        self, text: str, limit: int | None = 50, include_archived: bool = False
    ) -> list[Patient]:
        """Find patients by name, phone or birth date as the user types.

        Case, accents and apostrophes do not matter; each typed word matches the start of a
        word. Empty text lists everyone. Results are ordered by family then given name.
        """
        query = fts_query(text)
        where = [] if include_archived else ["p.archived_at IS NULL"]
        params: list[object] = []
        if query is not None:
            where.append("p.id IN (SELECT rowid FROM patient_search WHERE terms MATCH ?)")
            params.append(query)
        elif text.strip():
            return []  # only punctuation typed: nothing can match
        # Only constant fragments are joined here; user text is always a bound parameter.
        sql = f"SELECT {_P_COLUMNS} FROM patients p"  # noqa: S608
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [self._visible(patient_from_row(r)) for r in self._conn.execute(sql, params)]

    @requires(Permission.FIND_PATIENTS)
    def same_person(self, given_name: str, family_name: str, birth_date: date) -> list[Patient]:
        """Return the patients (not archived) with this name and date of birth.

        Case, accents, apostrophes and spacing do not matter, so "Zoe o'brien" finds "Zoë
        O'Brien". Used to warn before a second file is made for the same person.
        """
        wanted = (_name_key(given_name), _name_key(family_name))
        rows = self._conn.execute(
            f"SELECT {_P_COLUMNS} FROM patients p "  # noqa: S608 - constant columns only
            "WHERE p.birth_date = ? AND p.archived_at IS NULL ORDER BY p.id",
            (birth_date.isoformat(),),
        )
        found = [patient_from_row(r) for r in rows]
        return [
            self._visible(p)
            for p in found
            if (_name_key(p.details.given_name), _name_key(p.details.family_name)) == wanted
        ]

    @requires(Permission.READ_RECALLS)
    def recalls(self, today: date, within_days: int) -> list[Recall]:
        """Return patients whose next step is a review or repeat due by ``today + within_days``.

        Overdue steps are included (they still need a call). Archived patients are left out.
        Ordered by due date, then name.
        """
        until = (today + timedelta(days=within_days)).isoformat()
        rows = self._conn.execute(
            "SELECT p.id, p.given_name, p.family_name, p.preferred_name, p.phone, "
            "v.next_kind, v.next_due FROM patients p "
            "JOIN plan_versions v ON v.patient_id = p.id AND v.number = "
            "(SELECT max(number) FROM plan_versions WHERE patient_id = p.id) "
            "WHERE p.archived_at IS NULL AND v.next_kind IN (?, ?) AND v.next_due <= ? "
            "ORDER BY v.next_due, p.family_name, p.given_name, p.id",
            (StepKind.REVIEW.value, StepKind.REPEAT.value, until),
        ).fetchall()
        return [
            Recall(
                patient_id=r["id"],
                name=f"{r['given_name']} {r['family_name']}",
                phone=r["phone"],
                kind=StepKind(r["next_kind"]),
                due=date.fromisoformat(r["next_due"]),
            )
            for r in rows
        ]

    @requires(Permission.READ_CONTACT, Permission.READ_PLAN_DATES)
    def patient_summary(self, patient_id: int) -> PatientSummary:
        """Return the patient's contact details and plan dates, and nothing clinical."""
        return PatientSummary(self._patient(patient_id), plan_dates(self._conn, patient_id))

    @requires(Permission.READ_CONTACT, Permission.READ_PLAN_DATES)
    def open_patient_summary(self, patient_id: int) -> PatientSummary:
        """Return :meth:`patient_summary`, and record that the patient's file was opened."""
        summary = self.patient_summary(patient_id)
        self._log("open_summary", patient_id)
        return summary

    @staticmethod
    def _detail_values(details: PatientDetails) -> tuple[str | None, ...]:
        return (
            details.given_name.strip(),
            details.family_name.strip(),
            details.preferred_name.strip(),
            details.birth_date.isoformat() if details.birth_date else None,
            details.phone.strip(),
            details.email.strip(),
            details.language.strip(),
            details.notes,
        )

    def _index(self, patient_id: int, details: PatientDetails) -> None:
        write_search_terms(self._conn, patient_id, details)


def _name_key(name: str) -> str:
    """Return a name as compared for duplicates: folded, words joined by one space."""
    return " ".join(fold(name).split())


def write_search_terms(conn: sqlite3.Connection, patient_id: int, details: PatientDetails) -> None:
    """Replace the words a patient is found by (inside the caller's transaction)."""
    conn.execute("DELETE FROM patient_search WHERE rowid = ?", (patient_id,))
    conn.execute(
        "INSERT INTO patient_search (rowid, terms) VALUES (?, ?)",
        (
            patient_id,
            index_text(
                details.given_name,
                details.family_name,
                details.preferred_name,
                details.phone,
                details.birth_date,
            ),
        ),
    )
