"""Screening across visits: a returning patient's earlier answers, confirmed unchanged at once."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from consult_app.content.models import Content
from consult_app.domain.access import Permission
from consult_app.domain.models import Answer, ScreeningAnswer
from consult_app.domain.screening import carries_over, known_answer
from consult_app.store.access import requires
from consult_app.store.codec import answer_from_row
from consult_app.store.errors import StoreError, ValidationError
from consult_app.store.plans import PlanActions


@dataclass(frozen=True)
class EarlierScreening:
    """The answers given at the patient's latest earlier visit with a screening."""

    visit_id: int
    visit_date: date
    answers: tuple[ScreeningAnswer, ...]

    def answer_to(self, question_id: str) -> ScreeningAnswer | None:
        """Return the earlier answer to one question, if it was asked."""
        return next((a for a in self.answers if a.question_id == question_id), None)


class ScreeningHistory(PlanActions):
    """Reads of earlier screenings and the one-step 'nothing has changed' confirmation."""

    @requires(Permission.READ_CLINICAL)
    def earlier_screening(self, visit_id: int) -> EarlierScreening | None:
        """Return the answers of the patient's latest visit before this one, or ``None``."""
        visit = self._visit(visit_id)
        row = self._conn.execute(
            "SELECT v.id, v.visit_date FROM visits v WHERE v.patient_id = ? AND v.id != ? "
            "AND v.visit_date <= ? AND EXISTS (SELECT 1 FROM screening_answers a "
            "WHERE a.visit_id = v.id) ORDER BY v.visit_date DESC, v.id DESC LIMIT 1",
            (visit.patient_id, visit_id, visit.visit_date.isoformat()),
        ).fetchone()
        if row is None:
            return None
        answers = tuple(
            answer_from_row(r)
            for r in self._conn.execute(
                "SELECT * FROM screening_answers WHERE visit_id = ? ORDER BY rowid", (row["id"],)
            )
        )
        return EarlierScreening(row["id"], date.fromisoformat(row["visit_date"]), answers)

    @requires(Permission.WRITE_CLINICAL)
    def confirm_screening_unchanged(self, visit_id: int, content: Content) -> int:
        """Answer each unanswered question as at the last screening; return how many.

        The patient has confirmed nothing has changed. What the record knows better (a toxin
        treatment recorded since) is answered from the record instead. Questions the clinic
        added since the last visit stay unanswered, to be asked, and so does a question about a
        window of time whose earlier answer was not *no*.
        """
        visit = self._open_visit(visit_id)
        earlier = self.earlier_screening(visit_id)
        if earlier is None:
            raise StoreError("This patient has no earlier safety check. Ask every question.")
        given = {
            r[0]
            for r in self._conn.execute(
                "SELECT question_id FROM screening_answers WHERE visit_id = ?", (visit_id,)
            )
        }
        dates = self._treatment_dates_before(visit_id)
        copied = []
        for question in content.screening:
            before = earlier.answer_to(question.id)
            if question.id in given or before is None:
                continue
            known = known_answer(content, question.id, dates, visit.visit_date)
            if known is None and not carries_over(before):
                continue  # a yes then may be out of the window now: asked again
            copied.append(known or before)
        if not copied:
            return 0
        with self._write(
            "confirm_screening_unchanged",
            visit.patient_id,
            visit_id=visit_id,
            count=len(copied),
            target=earlier.visit_id,
        ) as conn:
            for answer in copied:
                self._put_answer(conn, visit_id, answer)
        return len(copied)

    @requires(Permission.WRITE_CLINICAL)
    def answer_none_of(self, visit_id: int, question_ids: Sequence[str], content: Content) -> int:
        """Answer *no* to each of these questions not yet answered today; return how many.

        The practitioner read a group of questions out together and the patient said none of
        them applies. Answers already given today are kept, and what the record knows (a toxin
        treatment recorded here) is answered from the record instead of *no*.
        """
        visit = self._open_visit(visit_id)
        known_ids = {q.id for q in content.screening}
        unknown = [q for q in question_ids if q not in known_ids]
        if unknown:
            raise ValidationError({"question_id": f"Unknown question '{unknown[0]}'."})
        given = {
            r[0]
            for r in self._conn.execute(
                "SELECT question_id FROM screening_answers WHERE visit_id = ?", (visit_id,)
            )
        }
        dates = self._treatment_dates_before(visit_id)
        answers = [
            known_answer(content, qid, dates, visit.visit_date) or ScreeningAnswer(qid, Answer.NO)
            for qid in dict.fromkeys(question_ids)
            if qid not in given
        ]
        if not answers:
            return 0
        with self._write(
            "answer_none_of",
            visit.patient_id,
            visit_id=visit_id,
            count=len(answers),
            question=answers[0].question_id,
        ) as conn:
            for answer in answers:
                self._put_answer(conn, visit_id, answer)
        return len(answers)

    def _treatment_dates_before(self, visit_id: int) -> list[date]:
        """Return the dates of the patient's toxin treatments at other visits up to this one."""
        visit = self._visit(visit_id)
        rows = self._conn.execute(
            "SELECT DISTINCT v.visit_date FROM visits v JOIN treatments t ON t.visit_id = v.id "
            "WHERE v.patient_id = ? AND v.id != ? AND v.visit_date <= ? ORDER BY v.visit_date",
            (visit.patient_id, visit_id, visit.visit_date.isoformat()),
        ).fetchall()
        return [date.fromisoformat(r[0]) for r in rows]

    def _put_answer(self, conn: sqlite3.Connection, visit_id: int, answer: ScreeningAnswer) -> None:
        """Insert or change one answer in place (its row, and so its order, is kept)."""
        conn.execute(
            "INSERT INTO screening_answers (visit_id, question_id, answer, note, "
            "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (visit_id, question_id) DO UPDATE SET answer = excluded.answer, "
            "note = excluded.note, updated_at = excluded.updated_at, "
            "updated_by = excluded.updated_by",
            (
                visit_id,
                answer.question_id,
                answer.answer.value,
                answer.note,
                self._now(),
                self._actor,
            ),
        )
