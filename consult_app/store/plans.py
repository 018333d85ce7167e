"""Plans: each agreed plan is a new version of the patient's plan; earlier ones are kept."""

from __future__ import annotations

import json
from dataclasses import replace

from consult_app.domain.access import Permission
from consult_app.domain.models import Plan, PlanVersion, StepKind
from consult_app.store.access import requires
from consult_app.store.base import StoreBase
from consult_app.store.codec import plan_to_dict, plan_version_from_row
from consult_app.store.errors import ValidationError, VisitLockedError


def keep_agreed_dates(new: Plan, agreed: Plan) -> Plan:
    """Return ``new`` with the open review and repeat dates agreed in ``agreed``.

    An agreed repeat date sooner than the new plan's (the minimum interval) is not taken.
    """
    steps = []
    for step in new.steps:
        if not step.done and step.kind in (StepKind.REVIEW, StepKind.REPEAT):
            due = next(
                (
                    s.due
                    for s in agreed.steps
                    if s.kind is step.kind and not s.done and set(s.areas) & set(step.areas)
                ),
                None,
            )
            if due is not None and (step.kind is StepKind.REVIEW or due >= step.due):
                step = replace(step, due=due)
        steps.append(step)
    return replace(new, steps=tuple(steps))


class PlanActions(StoreBase):
    """Writes and reads of plan versions (the visits' part of the store builds on these)."""

    @requires(Permission.WRITE_CLINICAL)
    def save_plan(
        self, patient_id: int, plan: Plan, reason: str = "", visit_id: int | None = None
    ) -> PlanVersion:
        """Save ``plan`` as the patient's newest plan version (earlier versions are kept).

        Raises :class:`ValidationError` (nothing saved) for a plan without steps, or for a
        ``visit_id`` of another patient; :class:`VisitLockedError` for a finished visit (its
        plan changes by :meth:`amend_plan`, with the reason).
        """
        self._require_patient(patient_id)
        if not plan.steps:
            raise ValidationError(
                {"plan": "The plan has no steps. Record the patient's goals first."}
            )
        if visit_id is not None and self._visit(visit_id).patient_id != patient_id:
            raise ValidationError(
                {"visit": f"Visit {visit_id} is another patient's. Open this patient's visit."}
            )
        if visit_id is not None and self._visit(visit_id).locked:
            raise VisitLockedError(
                "This visit is finished, so its plan is not changed directly. Save the change "
                "as an addendum, with the reason."
            )
        with self._write("save_plan", patient_id, visit_id=visit_id):
            version_id = self._insert_plan(patient_id, plan, reason, visit_id)
        return self._plan_version(version_id)

    @requires(Permission.READ_CLINICAL)
    def plan_history(self, patient_id: int) -> list[PlanVersion]:
        """Return every plan version, oldest first (the timeline across visits)."""
        rows = self._conn.execute(
            "SELECT * FROM plan_versions WHERE patient_id = ? ORDER BY number", (patient_id,)
        )
        return [plan_version_from_row(r) for r in rows]

    @requires(Permission.READ_CLINICAL)
    def current_plan(self, patient_id: int) -> PlanVersion | None:
        """Return the newest plan version, or ``None``."""
        row = self._conn.execute(
            "SELECT * FROM plan_versions WHERE patient_id = ? ORDER BY number DESC LIMIT 1",
            (patient_id,),
        ).fetchone()
        return plan_version_from_row(row) if row else None

    def _plan_version(self, version_id: int) -> PlanVersion:
        row = self._conn.execute(
            "SELECT * FROM plan_versions WHERE id = ?", (version_id,)
        ).fetchone()
        return plan_version_from_row(row)

    def _insert_plan(self, patient_id: int, plan: Plan, reason: str, visit_id: int | None) -> int:
        number: int = self._conn.execute(
            "SELECT coalesce(max(number), 0) + 1 FROM plan_versions WHERE patient_id = ?",
            (patient_id,),
        ).fetchone()[0]
        step = plan.next_step
        cursor = self._conn.execute(
            "INSERT INTO plan_versions (patient_id, visit_id, number, created_at, created_by, "
            "reason, plan_json, next_kind, next_due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                patient_id,
                visit_id,
                number,
                self._now(),
                self._actor,
                reason,
                json.dumps(plan_to_dict(plan), ensure_ascii=False),
                step.kind.value if step else None,
                step.due.isoformat() if step else None,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid
