"""Visit actions: screening, overrides, goals, treatments, reviews, the plan, amendments.

An open visit is saved as it is edited. :meth:`VisitActions.finish_visit` locks it; after
that, changes are amendments that keep the original with who, when and why.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from consult_app.content.models import Content
from consult_app.domain.access import Permission
from consult_app.domain.dates import local_day
from consult_app.domain.models import (
    Goal,
    Plan,
    ReviewOutcome,
    ScreeningAnswer,
    ScreeningResult,
    StoredTreatment,
    TreatmentRecord,
    Visit,
)
from consult_app.domain.plan import apply_review, plan_after_treatment
from consult_app.domain.screening import (
    answer_problem,
    evaluate_screening,
    record_contradiction,
    treatment_refusal,
)
from consult_app.domain.validation import (
    MAX_NOTES_LENGTH,
    MAX_SHORT_TEXT_LENGTH,
    text_too_long,
    validate_goal,
    validate_review,
    validate_treatment,
)
from consult_app.store.access import requires
from consult_app.store.codec import (
    answer_from_row,
    goal_from_row,
    review_from_row,
    treatment_from_row,
)
from consult_app.store.documents import CONSENT_OVERRIDE_NOTE, consent_gap
from consult_app.store.errors import (
    ConsentMissingError,
    NotFoundError,
    OpenVisitError,
    StoreError,
    TreatmentBlockedError,
    ValidationError,
)
from consult_app.store.plans import keep_agreed_dates
from consult_app.store.questionnaires import read_questionnaire_results
from consult_app.store.screening_history import ScreeningHistory


class VisitActions(ScreeningHistory):
    """Writes and reads of visits and their records."""

    @requires(Permission.WRITE_CLINICAL)
    def start_visit(self, patient_id: int, day: date | None = None) -> Visit:
        """Open a new visit for the patient on ``day`` (default: today, local time).

        Raises :class:`OpenVisitError` (nothing saved) while another visit of theirs is open.
        """
        row = self._require_patient(patient_id)
        if row["archived_at"] is not None:
            raise StoreError("This patient is archived. Restore the patient to start a visit.")
        moment = self._clock()
        visit_day = day or local_day(moment)
        with self._write("start_visit", patient_id) as conn:
            # Checked inside the transaction, so two workstations cannot both open one.
            still_open = conn.execute(
                "SELECT id, visit_date FROM visits WHERE patient_id = ? AND finished_at IS NULL "
                "ORDER BY id LIMIT 1",
                (patient_id,),
            ).fetchone()
            if still_open is not None:
                raise OpenVisitError(
                    f"This patient's visit of {still_open['visit_date']} is still open. Finish "
                    "it before starting another.",
                    still_open["id"],
                )
            cursor = conn.execute(
                "INSERT INTO visits (patient_id, visit_date, started_at, started_by) "
                "VALUES (?, ?, ?, ?)",
                (
                    patient_id,
                    visit_day.isoformat(),
                    moment.isoformat(timespec="seconds"),
                    self._actor,
                ),
            )
            assert cursor.lastrowid is not None
            visit_id = cursor.lastrowid
            self._write_about(visit_id=visit_id)
        return self._visit(visit_id)

    @requires(Permission.READ_CLINICAL)
    def get_visit(self, visit_id: int) -> Visit:
        """Return a visit; :class:`NotFoundError` if there is none."""
        return self._visit(visit_id)

    @requires(Permission.WRITE_CLINICAL)
    def set_visit_note(self, visit_id: int, note: str) -> None:
        """Save the open visit's note."""
        visit = self._open_visit(visit_id)
        too_long = text_too_long(note, MAX_NOTES_LENGTH, "note")
        if too_long:
            raise ValidationError({"note": too_long})
        with self._write("set_visit_note", visit.patient_id, visit_id=visit_id) as conn:
            conn.execute("UPDATE visits SET note = ? WHERE id = ?", (note, visit_id))

    @requires(Permission.WRITE_CLINICAL)
    def save_screening_answer(
        self, visit_id: int, answer: ScreeningAnswer, content: Content
    ) -> None:
        """Save (or change) the answer to one screening question at an open visit."""
        visit = self._open_visit(visit_id)
        question = next((q for q in content.screening if q.id == answer.question_id), None)
        if question is None:
            raise ValidationError({"question_id": f"Unknown question '{answer.question_id}'."})
        too_long = text_too_long(answer.note, MAX_SHORT_TEXT_LENGTH, "note")
        problem = too_long or answer_problem(question, answer)
        if problem:
            raise ValidationError({"note": problem})
        dates = self._treatment_dates_before(visit_id)
        contradiction = record_contradiction(content, answer, dates, visit.visit_date)
        if contradiction:
            raise ValidationError({"answer": contradiction})
        with self._write(
            "save_screening_answer",
            visit.patient_id,
            visit_id=visit_id,
            question=answer.question_id,
        ) as conn:
            self._put_answer(conn, visit_id, answer)

    @requires(Permission.WRITE_CLINICAL)
    def record_override(self, visit_id: int, area_id: str, reason: str) -> None:
        """Record the practitioner's reason to treat ``area_id`` despite a do-not-treat finding."""
        visit = self._open_visit(visit_id)
        if not area_id.strip():
            raise ValidationError({"area": "Choose the area to treat anyway."})
        if not reason.strip():
            raise ValidationError({"reason": "Write why you are treating despite the finding."})
        too_long = text_too_long(reason, MAX_SHORT_TEXT_LENGTH, "reason")
        if too_long:
            raise ValidationError({"reason": too_long})
        with self._write(
            "record_override", visit.patient_id, visit_id=visit_id, area=area_id
        ) as conn:
            conn.execute(
                "INSERT INTO overrides (visit_id, area_id, reason, created_at, created_by) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (visit_id, area_id) DO UPDATE SET "
                "reason = excluded.reason, created_at = excluded.created_at, "
                "created_by = excluded.created_by",
                (visit_id, area_id, reason.strip(), self._now(), self._actor),
            )

    @requires(Permission.WRITE_CLINICAL)
    def save_goal(self, visit_id: int, goal: Goal, content: Content) -> None:
        """Save (or change) the goal for one area at an open visit."""
        visit = self._open_visit(visit_id)
        errors = validate_goal(goal, content)
        if errors:
            raise ValidationError(errors)
        with self._write(
            "save_goal", visit.patient_id, visit_id=visit_id, area=goal.area_id
        ) as conn:
            conn.execute(
                "INSERT INTO goals (visit_id, area_id, concern, severity_at_rest, "
                "severity_moving, hope, priority, updated_at, updated_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (visit_id, area_id) DO UPDATE "
                "SET concern = excluded.concern, severity_at_rest = excluded.severity_at_rest, "
                "severity_moving = excluded.severity_moving, hope = excluded.hope, "
                "priority = excluded.priority, updated_at = excluded.updated_at, "
                "updated_by = excluded.updated_by",
                (
                    visit_id,
                    goal.area_id,
                    goal.concern,
                    goal.severity_at_rest.value,
                    goal.severity_moving.value,
                    goal.hope.value,
                    goal.priority,
                    self._now(),
                    self._actor,
                ),
            )

    @requires(Permission.WRITE_CLINICAL)
    def remove_goal(self, visit_id: int, area_id: str) -> None:
        """Remove a goal from an open visit (a finished visit keeps its goals)."""
        visit = self._open_visit(visit_id)
        with self._write("remove_goal", visit.patient_id, visit_id=visit_id, area=area_id) as conn:
            conn.execute(
                "DELETE FROM goals WHERE visit_id = ? AND area_id = ?", (visit_id, area_id)
            )

    @requires(Permission.READ_CLINICAL)
    def latest_goals(self, patient_id: int) -> tuple[Goal, ...]:
        """Return the goals from the patient's most recent visit that has any, by priority."""
        rows = self._conn.execute(
            "SELECT g.* FROM goals g WHERE g.visit_id = (SELECT v.id FROM visits v "
            "JOIN goals h ON h.visit_id = v.id WHERE v.patient_id = ? "
            "ORDER BY v.visit_date DESC, v.id DESC LIMIT 1) ORDER BY g.priority, g.area_id",
            (patient_id,),
        )
        return tuple(goal_from_row(r) for r in rows)

    @requires(Permission.READ_CLINICAL)
    def previous_treatment_dates(self, visit_id: int) -> list[date]:
        """Return the dates of the patient's toxin treatments at other visits up to this one."""
        return self._treatment_dates_before(visit_id)

    @requires(Permission.READ_CLINICAL)
    def screening_result(
        self, visit_id: int, content: Content, area_ids: tuple[str, ...] = ()
    ) -> ScreeningResult:
        """Apply the screening rules to this visit's answers and the patient's record."""
        visit = self._visit(visit_id)
        patient = self._require_patient(visit.patient_id)
        answers = [
            answer_from_row(r)
            for r in self._conn.execute(
                "SELECT * FROM screening_answers WHERE visit_id = ?", (visit_id,)
            )
        ]
        birth = date.fromisoformat(patient["birth_date"]) if patient["birth_date"] else None
        return evaluate_screening(
            content,
            answers,
            birth,
            self.previous_treatment_dates(visit_id),
            visit.visit_date,
            area_ids,
            read_questionnaire_results(self._conn, visit_id),
        )

    @requires(Permission.WRITE_CLINICAL)
    def record_treatment(
        self,
        visit_id: int,
        record: TreatmentRecord,
        content: Content,
        without_consent: str = "",
    ) -> StoredTreatment:
        """Record what was injected in one area.

        Refused (nothing saved) when the record is invalid (an expired batch included), when
        the screening is incomplete or blocks the area and no override was recorded, or when
        no consent signed at this visit on this content version covers the area
        (:class:`ConsentMissingError`) and ``without_consent`` gives no reason. That reason is
        kept in the treatment's notes, and the audit trail marks the treatment.
        """
        visit = self._open_visit(visit_id)
        errors = validate_treatment(record, content, visit.visit_date)
        reason = without_consent.strip()
        too_long = text_too_long(reason, MAX_SHORT_TEXT_LENGTH, "reason")
        if too_long:
            errors["without_consent"] = too_long
        if errors:
            raise ValidationError(errors)
        result = self.screening_result(visit_id, content, (record.area_id,))
        overridden = {
            r[0]
            for r in self._conn.execute(
                "SELECT area_id FROM overrides WHERE visit_id = ?", (visit_id,)
            )
        }
        refusal = treatment_refusal(result, record.area_id, overridden, record.product_id, content)
        if refusal is not None:
            raise TreatmentBlockedError(refusal)
        gap = consent_gap(self._conn, visit_id, record.area_id, content.clinic.content_version)
        if gap is not None and not reason:
            raise ConsentMissingError(gap)
        if gap is not None:
            note = f"{CONSENT_OVERRIDE_NOTE}{reason}"
            record = replace(record, notes=f"{note}\n{record.notes}" if record.notes else note)
        # The trail says that consent was missing; the reason itself is clinical text, kept
        # in the treatment's notes.
        audit = {"without_consent": True} if gap is not None else {}
        with self._write(
            "record_treatment", visit.patient_id, visit_id=visit_id, area=record.area_id, **audit
        ) as conn:
            cursor = conn.execute(
                "INSERT INTO treatments (visit_id, area_id, product_id, units, batch, expiry, "
                "notes, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    visit_id,
                    record.area_id,
                    record.product_id,
                    str(record.units),
                    record.batch.strip(),
                    record.expiry.isoformat(),
                    record.notes,
                    self._now(),
                    self._actor,
                ),
            )
            assert cursor.lastrowid is not None
            treatment_id = cursor.lastrowid
            self._write_about(treatment_id=treatment_id)
        return self._treatment(treatment_id)

    @requires(Permission.WRITE_CLINICAL)
    def save_review(self, visit_id: int, outcome: ReviewOutcome, content: Content) -> None:
        """Save (or change) how one area went, at an open review visit."""
        visit = self._open_visit(visit_id)
        errors = validate_review(outcome, content)
        if errors:
            raise ValidationError(errors)
        with self._write(
            "save_review", visit.patient_id, visit_id=visit_id, area=outcome.area_id
        ) as conn:
            conn.execute(
                "INSERT INTO reviews (visit_id, area_id, patient_rating, assessment, "
                "top_up_given, notes, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (visit_id, area_id) DO UPDATE SET "
                "patient_rating = excluded.patient_rating, assessment = excluded.assessment, "
                "top_up_given = excluded.top_up_given, notes = excluded.notes, "
                "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                (
                    visit_id,
                    outcome.area_id,
                    outcome.patient_rating,
                    outcome.assessment.value,
                    int(outcome.top_up_given),
                    outcome.notes,
                    self._now(),
                    self._actor,
                ),
            )

    @requires(Permission.WRITE_CLINICAL)
    def finish_visit(self, visit_id: int, content: Content) -> Visit:
        """Finish and lock the visit, and move the plan on.

        After a review (outcomes recorded), the review step is marked done and the next
        treatment updated. Otherwise, after a treatment, a new cycle starts from this visit.
        """
        visit = self._open_visit(visit_id)
        reviews = [
            review_from_row(r)
            for r in self._conn.execute("SELECT * FROM reviews WHERE visit_id = ?", (visit_id,))
        ]
        treated = [
            r[0]
            for r in self._conn.execute(
                "SELECT area_id FROM treatments WHERE visit_id = ? ORDER BY id", (visit_id,)
            )
        ]
        current = self.current_plan(visit.patient_id)
        new_plan: Plan | None = None
        reason = ""
        if reviews and current is not None:
            new_plan = apply_review(current.plan, reviews, visit.visit_date, content.timings)
            reason = "Review recorded"
        elif treated:
            base = current.plan if current else None
            new_plan = plan_after_treatment(base, treated, visit.visit_date, content.timings)
            if current is not None and current.visit_id == visit_id:
                # The dates agreed with the patient at this visit stand; the sheet has them.
                new_plan = keep_agreed_dates(new_plan, current.plan)
            reason = "Treatment recorded"
        with self._write("finish_visit", visit.patient_id, visit_id=visit_id) as conn:
            conn.execute(
                "UPDATE visits SET finished_at = ?, finished_by = ? WHERE id = ?",
                (self._now(), self._actor, visit_id),
            )
            if new_plan is not None:
                self._insert_plan(visit.patient_id, new_plan, reason, visit_id)
        return self._visit(visit_id)

    # -- helpers -------------------------------------------------------------------------

    def _treatment(self, treatment_id: int) -> StoredTreatment:
        row = self._conn.execute(
            "SELECT * FROM treatments WHERE id = ?", (treatment_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"Treatment record {treatment_id} does not exist.")
        return treatment_from_row(row)
