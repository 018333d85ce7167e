"""Questionnaire results: a screening questionnaire done on its own form, recorded with a visit.

Only the result is kept (the instrument's name; positive, negative or declined; a note), with
who recorded it and when. A result can be changed while the visit is open; every save is in
the audit trail (which questionnaire, not the result: like screening answers, it stays out of
the trail).
"""

from __future__ import annotations

import sqlite3

from consult_app.content.models import Content
from consult_app.domain.access import Permission
from consult_app.domain.models import QuestionnaireResult
from consult_app.domain.validation import validate_questionnaire_result
from consult_app.store.access import requires
from consult_app.store.base import StoreBase
from consult_app.store.codec import questionnaire_from_row
from consult_app.store.errors import ValidationError


def read_questionnaire_results(
    conn: sqlite3.Connection, visit_id: int
) -> tuple[QuestionnaireResult, ...]:
    """Return the questionnaire results recorded at the visit, in the order first recorded."""
    rows = conn.execute(
        "SELECT * FROM questionnaire_results WHERE visit_id = ? ORDER BY rowid", (visit_id,)
    )
    return tuple(questionnaire_from_row(r) for r in rows)


class SqliteQuestionnaires(StoreBase):
    """Writes and reads of the questionnaire results of visits."""

    @requires(Permission.WRITE_CLINICAL)
    def save_questionnaire_result(
        self, visit_id: int, result: QuestionnaireResult, content: Content
    ) -> QuestionnaireResult:
        """Record (or change) the questionnaire's result at an open visit; return it as saved.

        Who and when are the store's user and now, whatever ``result`` says.
        """
        visit = self._open_visit(visit_id)
        errors = validate_questionnaire_result(result, content)
        if errors:
            raise ValidationError(errors)
        with self._write(
            "save_questionnaire_result",
            visit.patient_id,
            visit_id=visit_id,
            question=result.questionnaire_id,
        ) as conn:
            conn.execute(
                "INSERT INTO questionnaire_results (visit_id, questionnaire_id, instrument, "
                "outcome, note, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (visit_id, questionnaire_id) DO UPDATE SET "
                "instrument = excluded.instrument, outcome = excluded.outcome, "
                "note = excluded.note, recorded_at = excluded.recorded_at, "
                "recorded_by = excluded.recorded_by",
                (
                    visit_id,
                    result.questionnaire_id,
                    result.instrument,
                    result.outcome.value,
                    result.note.strip(),
                    self._now(),
                    self._actor,
                ),
            )
        saved = read_questionnaire_results(self._conn, visit_id)
        return next(r for r in saved if r.questionnaire_id == result.questionnaire_id)

    @requires(Permission.READ_CLINICAL)
    def questionnaire_results(self, visit_id: int) -> tuple[QuestionnaireResult, ...]:
        """Return the questionnaire results recorded at the visit."""
        self._visit(visit_id)
        return read_questionnaire_results(self._conn, visit_id)
