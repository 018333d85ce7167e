"""The visits repository: amendments (corrections that keep the original) and the whole file.

Visits, their records and plans are in :mod:`consult_app.store.visits` and
:mod:`consult_app.store.plans`; :class:`SqliteVisits` adds corrections to finished visits
(with who, when and why) and the patient's whole record.
"""

from __future__ import annotations

import json

from consult_app.content.models import Content
from consult_app.domain.access import Permission
from consult_app.domain.models import (
    PatientFile,
    Plan,
    PlanVersion,
    ScreeningAnswer,
    StoredTreatment,
    TreatmentRecord,
    Visit,
    VisitRecord,
)
from consult_app.domain.validation import (
    MAX_NOTES_LENGTH,
    MAX_SHORT_TEXT_LENGTH,
    text_too_long,
    validate_treatment,
)
from consult_app.store.access import requires
from consult_app.store.codec import (
    amendment_from_row,
    answer_from_row,
    goal_from_row,
    override_from_row,
    patient_from_row,
    plan_to_dict,
    record_to_dict,
    review_from_row,
    treatment_from_row,
    visit_from_row,
)
from consult_app.store.errors import ValidationError, VisitLockedError
from consult_app.store.questionnaires import read_questionnaire_results
from consult_app.store.visits import VisitActions


class SqliteVisits(VisitActions):
    """Visits, their records and plans; corrections to finished visits (they only grow)."""

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
        # Whoever may read the clinical record reads the whole patient, notes included.
        patient = patient_from_row(self._require_patient(patient_id))
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

    @requires(Permission.WRITE_CLINICAL)
    def amend_treatment(
        self, treatment_id: int, record: TreatmentRecord, reason: str, content: Content
    ) -> StoredTreatment:
        """Correct a treatment at a finished visit, keeping the original with who, when, why."""
        old = self._treatment(treatment_id)
        visit_id: int = self._conn.execute(
            "SELECT visit_id FROM treatments WHERE id = ?", (treatment_id,)
        ).fetchone()[0]
        visit = self._locked_visit(visit_id)
        errors = validate_treatment(record, content, visit.visit_date)
        errors.update(self._reason_error(reason))
        if errors:
            raise ValidationError(errors)
        with self._write(
            "amend_treatment", visit.patient_id, visit_id=visit_id, treatment_id=treatment_id
        ) as conn:
            self._insert_amendment(
                visit_id, "treatment", str(treatment_id), record_to_dict(old.record),
                record_to_dict(record), reason,
            )  # fmt: skip
            conn.execute(
                "UPDATE treatments SET area_id = ?, product_id = ?, units = ?, batch = ?, "
                "expiry = ?, notes = ? WHERE id = ?",
                (
                    record.area_id,
                    record.product_id,
                    str(record.units),
                    record.batch.strip(),
                    record.expiry.isoformat(),
                    record.notes,
                    treatment_id,
                ),
            )
        return self._treatment(treatment_id)

    @requires(Permission.WRITE_CLINICAL)
    def amend_screening_answer(self, visit_id: int, answer: ScreeningAnswer, reason: str) -> None:
        """Correct a screening answer at a finished visit, keeping the original."""
        visit = self._locked_visit(visit_id)
        errors = self._reason_error(reason)
        if errors:
            raise ValidationError(errors)
        row = self._conn.execute(
            "SELECT * FROM screening_answers WHERE visit_id = ? AND question_id = ?",
            (visit_id, answer.question_id),
        ).fetchone()
        original = {"answer": row["answer"], "note": row["note"]} if row else {}
        amended = {"answer": answer.answer.value, "note": answer.note}
        with self._write(
            "amend_screening_answer",
            visit.patient_id,
            visit_id=visit_id,
            question=answer.question_id,
        ) as conn:
            self._insert_amendment(
                visit_id, "screening_answer", answer.question_id, original, amended, reason
            )
            self._put_answer(conn, visit_id, answer)

    @requires(Permission.WRITE_CLINICAL)
    def amend_visit_note(self, visit_id: int, note: str, reason: str) -> None:
        """Correct the note of a finished visit, keeping the original."""
        visit = self._locked_visit(visit_id)
        errors = self._reason_error(reason)
        too_long = text_too_long(note, MAX_NOTES_LENGTH, "note")
        if too_long:
            errors["note"] = too_long
        if errors:
            raise ValidationError(errors)
        with self._write("amend_visit_note", visit.patient_id, visit_id=visit_id) as conn:
            self._insert_amendment(
                visit_id, "visit_note", str(visit_id), {"note": visit.note}, {"note": note},
                reason,
            )  # fmt: skip
            conn.execute("UPDATE visits SET note = ? WHERE id = ?", (note, visit_id))

    @requires(Permission.WRITE_CLINICAL)
    def amend_plan(self, visit_id: int, plan: Plan, reason: str) -> PlanVersion:
        """Change the plan agreed at a finished visit: a new version, and an amendment, why.

        The earlier versions stay as they were; the amendment keeps the plan it replaced.
        """
        visit = self._locked_visit(visit_id)
        errors = self._reason_error(reason)
        if not plan.steps:
            errors["plan"] = "The plan has no steps. Record the patient's goals first."
        if errors:
            raise ValidationError(errors)
        current = self.current_plan(visit.patient_id)
        before = json.dumps(plan_to_dict(current.plan), sort_keys=True) if current else ""
        after = json.dumps(plan_to_dict(plan), sort_keys=True)
        with self._write("amend_plan", visit.patient_id, visit_id=visit_id):
            version_id = self._insert_plan(
                visit.patient_id, plan, f"Addendum: {reason.strip()}", visit_id
            )
            self._insert_amendment(
                visit_id, "plan", str(version_id), {"plan": before}, {"plan": after}, reason
            )
        return self._plan_version(version_id)

    @staticmethod
    def _reason_error(reason: str) -> dict[str, str]:
        if not reason.strip():
            return {"reason": "Write why this is being corrected."}
        too_long = text_too_long(reason, MAX_SHORT_TEXT_LENGTH, "reason")
        return {"reason": too_long} if too_long else {}

    def _locked_visit(self, visit_id: int) -> Visit:
        visit = self._visit(visit_id)
        if not visit.locked:
            raise VisitLockedError("This visit is still open: change it directly.")
        return visit

    def _insert_amendment(
        self,
        visit_id: int,
        target: str,
        target_id: str,
        original: dict[str, str],
        amended: dict[str, str],
        reason: str,
    ) -> None:
        self._conn.execute(
            "INSERT INTO amendments (visit_id, target, target_id, original, amended, reason, "
            "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                visit_id,
                target,
                target_id,
                json.dumps(original, ensure_ascii=False, sort_keys=True),
                json.dumps(amended, ensure_ascii=False, sort_keys=True),
                reason.strip(),
                self._now(),
                self._actor,
            ),
        )
