"""The iterative plan: a proposal from the goals, adjusted, saved as a new version."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.domain.models import Goal, Plan, StepKind
from consult_app.domain.plan import areas_by_priority, derive_plan
from consult_app.ui.patient_file.common import (
    FieldMessage,
    attempt,
    column,
    hint,
    scrolling,
)
from consult_app.ui.patient_file.plan_draft import PlanDraft, drop_draft, load_draft, save_draft
from consult_app.ui.patient_file.plan_view import (
    last_treatments,
    plan_html,
    timeline_html,
    timing_html,
)
from consult_app.ui.patient_file.session import PatientSession


def to_qdate(day: date) -> QDate:
    """Convert a date for a QDateEdit."""
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    """Convert a QDateEdit's date."""
    return date(day.year(), day.month(), day.day())


def _first_due(plan: Plan, kind: StepKind) -> date | None:
    """Return the date of the first open step of ``kind``."""
    return next((s.due for s in plan.steps if s.kind is kind and not s.done), None)


def _date_edit(name: str, accessible: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    return edit


class PlanTab(QWidget):
    """Proposal (treat, review, next treatment no sooner than each area's minimum interval)."""

    def __init__(self, session: PatientSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planTab")
        self.session = session
        inner, layout = column()
        box = self.box = QGroupBox("Proposal from the goals")
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.treat_today = QComboBox()
        self.treat_today.setObjectName("treatToday")
        self.treat_today.setAccessibleName("Which areas to treat today")
        self.treat_today.currentIndexChanged.connect(lambda _: self._treat_today_chosen())
        form.addRow("Treat today", self.treat_today)
        # The dates are named as the plan's steps are everywhere else (content labels).
        steps = session.step_labels
        self.review_date = _date_edit("reviewDate", "Review date")
        form.addRow(steps.review.get(), self.review_date)
        self.next_date = _date_edit("nextDate", "Earliest next treatment")
        form.addRow(steps.repeat.get(), self.next_date)
        self.timing_hint = hint("")
        form.addRow(self.timing_hint)
        self.note = QLineEdit()
        self.note.setObjectName("planNote")
        self.note.setAccessibleName("Plan note")
        self.note.setPlaceholderText("Note (optional)")
        form.addRow("Note", self.note)
        self.reason = QLineEdit()
        self.reason.setObjectName("planAddendumReason")
        self.reason.setAccessibleName("Why the finished visit's plan changes")
        self.reason.setPlaceholderText("Why the plan changes (kept with the addendum)")
        form.addRow(self.reason)
        self.preview = QLabel()
        self.preview.setObjectName("planPreview")
        self.preview.setAccessibleName("Proposed plan")
        self.preview.setWordWrap(True)
        form.addRow(self.preview)
        self.save_button = QPushButton("Save as new plan version")
        self.save_button.setObjectName("savePlanButton")
        self.save_button.setAccessibleName("Save as new plan version")
        self.save_button.clicked.connect(self.save_plan)
        form.addRow(self.save_button)
        self.message = FieldMessage("planMessage")
        form.addRow(self.message)
        self.review_date.dateChanged.connect(lambda _: self._show_preview(changed=True))
        self.next_date.dateChanged.connect(lambda _: self._show_preview(changed=True))
        self.note.textEdited.connect(lambda _: self._keep_draft())
        layout.addWidget(box)
        layout.addWidget(QLabel("<b>Plan over time</b>"))
        self.timeline = QLabel()
        self.timeline.setObjectName("planTimeline")
        self.timeline.setAccessibleName("Plan versions over time")
        self.timeline.setWordWrap(True)
        layout.addWidget(self.timeline)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = scrolling(inner, "planScroll")
        outer.addWidget(self.scroll_area, 1)
        self._proposal: Plan | None = None
        # Whether the shown choices differ from what was saved (they are kept as a draft).
        self._unsaved = False
        session.visitChanged.connect(self.reload)
        session.patientChanged.connect(self.reload)
        session.recordChanged.connect(self.refresh)
        session.add_pending_check(self.pending_text)
        self.reload()

    # proposal -----------------------------------------------------------------------------
    def _goals(self) -> tuple[Goal, ...]:
        record = self.session.visit_record()
        if record is not None and record.goals:
            return record.goals
        return tuple(self.session.latest_goals().values())

    def _day(self) -> date:
        record = self.session.visit_record()
        if record is not None and not record.visit.locked:
            return record.visit.visit_date
        return self.session.today()

    def reload(self) -> None:
        """Start again from the goals (another visit or patient), or from the kept draft."""
        # Nothing typed or chosen for one patient or visit shows on the next.
        self.message.show_message("")
        self.note.clear()
        self.reason.clear()
        self._unsaved = False
        self.scroll_area.verticalScrollBar().setValue(0)
        for edit in (self.review_date, self.next_date):
            edit.setProperty("day", None)
            edit.setProperty("proposed", None)
        self.treat_today.blockSignals(True)
        self.treat_today.setCurrentIndex(0)
        self.treat_today.blockSignals(False)
        self.refresh()
        self._show_saved_plan()
        self._restore_draft()
        locked = self.session.visit_id is not None and self.session.visit_locked
        self.reason.setVisible(locked)
        self.box.setTitle("The plan as it stands" if locked else "Proposal from the goals")
        self.save_button.setText(
            "Save as an addendum to this visit's plan" if locked else "Save as new plan version"
        )

    def refresh(self) -> None:
        """Update the choices, the proposal and the timeline after a change."""
        areas = areas_by_priority(self._goals())
        current = self.treat_today.currentData()
        self.treat_today.blockSignals(True)
        self.treat_today.clear()
        self.treat_today.addItem("All goal areas", 0)
        for count in range(1, len(areas)):
            noun = "area" if count == 1 else "areas"
            self.treat_today.addItem(f"Only the {count} most important {noun}", count)
        index = self.treat_today.findData(current)
        self.treat_today.setCurrentIndex(max(index, 0))
        self.treat_today.blockSignals(False)
        self._propose(keep_dates=True)
        record = self.session.patient_file()
        self.timeline.setText(
            timeline_html(
                record, self.session.area_name, self.session.today(), self.session.step_labels
            )
            if record
            else "Open a patient to see their plan."
        )

    def _agreed_plan(self) -> Plan | None:
        """Return the patient's current plan when the shown visit is finished, else ``None``."""
        patient = self.session.patient
        if patient is None or self.session.visit_id is None or not self.session.visit_locked:
            return None
        current = self.session.store.visits.current_plan(patient.id)
        return current.plan if current else None

    def _blocked(self) -> frozenset[str]:
        visit_id = self.session.visit_id
        record = self.session.visit_record()
        if visit_id is None or record is None or record.visit.locked:
            return frozenset()
        areas = tuple(g.area_id for g in self._goals())
        result = self.session.store.visits.screening_result(visit_id, self.session.content, areas)
        overridden = {o.area_id for o in record.overrides}
        return frozenset(result.blocked_areas - overridden)

    def _propose(self, keep_dates: bool) -> None:
        first = self.treat_today.currentData()
        day = self._day()
        timings = self.session.content.timings
        agreed = self._agreed_plan()
        # A finished visit's plan is changed from the plan as it stands, never re-proposed.
        self._proposal = agreed or derive_plan(
            self._goals(),
            timings,
            day,
            blocked_areas=self._blocked(),
            first_areas=first if isinstance(first, int) and first > 0 else None,
        )
        self.treat_today.setEnabled(agreed is None)
        review = _first_due(self._proposal, StepKind.REVIEW) or day
        earliest = _first_due(self._proposal, StepKind.REPEAT) or day
        for edit, default, minimum in (
            (self.review_date, review, min(day, review)),
            (self.next_date, earliest, earliest),
        ):
            edit.blockSignals(True)
            edit.setMinimumDate(to_qdate(minimum))
            # Keep a date the practitioner chose; follow the proposal while they have not.
            untouched = edit.date() == edit.property("proposed")
            if (
                not keep_dates
                or untouched
                or edit.date() < to_qdate(minimum)
                or edit.property("day") != day
            ):
                edit.setDate(to_qdate(default))
            edit.setProperty("day", day)
            edit.setProperty("proposed", to_qdate(default))
            edit.blockSignals(False)
        last = last_treatments(self.session.patient_file(), self.session.visit_id, day)
        timings, name = self.session.content.timings, self.session.area_name
        self.timing_hint.setText(timing_html(self._proposal, timings, name, last, day))
        self._show_preview()

    def adjusted_plan(self) -> Plan | None:
        """Return the proposal with the chosen dates for its first review and next treatment.

        Later reviews and treatments (areas with other timings) keep their own dates.
        """
        if self._proposal is None or not self._proposal.steps:
            return self._proposal
        chosen = {
            StepKind.REVIEW: from_qdate(self.review_date.date()),
            StepKind.REPEAT: from_qdate(self.next_date.date()),
        }
        steps = []
        for step in self._proposal.steps:
            if step.kind in chosen and not step.done:
                step = replace(step, due=chosen.pop(step.kind))
            steps.append(step)
        return replace(self._proposal, steps=tuple(steps), note=self.note.text().strip())

    def _treat_today_chosen(self) -> None:
        self._propose(keep_dates=False)
        self._keep_draft()

    def _show_saved_plan(self) -> None:
        """Show the note (and, at an open visit, the dates) of the plan saved at this visit."""
        patient, visit_id = self.session.patient, self.session.visit_id
        current = self.session.store.visits.current_plan(patient.id) if patient else None
        if current is None or visit_id is None:
            return
        if self.session.visit_locked:
            self.note.setText(current.plan.note)  # an addendum keeps it unless it is changed
        elif current.visit_id == visit_id:
            # The dates agreed at this visit, not a fresh proposal, until they are changed.
            for edit, kind in (
                (self.review_date, StepKind.REVIEW),
                (self.next_date, StepKind.REPEAT),
            ):
                due = _first_due(current.plan, kind)
                if due is not None:
                    edit.blockSignals(True)
                    edit.setDate(to_qdate(due))
                    edit.blockSignals(False)
            self.note.setText(current.plan.note)
        self._show_preview()

    def _restore_draft(self) -> None:
        patient = self.session.patient
        draft = load_draft(self.session.context.data_dir, patient.id) if patient else None
        if draft is None or draft.visit_id != self.session.visit_id:
            return
        self.treat_today.blockSignals(True)
        self.treat_today.setCurrentIndex(max(self.treat_today.findData(draft.first_areas), 0))
        self.treat_today.blockSignals(False)
        self._propose(keep_dates=False)
        for edit, day in ((self.review_date, draft.review), (self.next_date, draft.repeat)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)
        self.note.setText(draft.note)
        self._unsaved = True
        self._show_preview()
        self.message.show_message(
            "Plan changes that were not saved are shown again. Save them, or change them."
        )

    def _keep_draft(self) -> None:
        """Keep the practitioner's unsaved choices in the data folder."""
        patient = self.session.patient
        if patient is None:
            return
        self._unsaved = True
        first = self.treat_today.currentData()
        draft = PlanDraft(
            visit_id=self.session.visit_id,
            first_areas=first if isinstance(first, int) else 0,
            review=from_qdate(self.review_date.date()),
            repeat=from_qdate(self.next_date.date()),
            note=self.note.text(),
        )
        try:
            save_draft(self.session.context.data_dir, patient.id, draft)
        except OSError as error:
            self.message.show_message(
                f"These plan changes could not be kept as a draft ({error.strerror or error}). "
                "Save the plan before leaving this patient."
            )

    def pending_text(self) -> str:
        """Say whether plan changes are waiting to be saved (empty when none are)."""
        if not self._unsaved or self.session.patient is None:
            return ""
        return "The changes on the Plan tab are not saved as a plan version."

    def _show_preview(self, changed: bool = False) -> None:
        if changed:
            self._keep_draft()
        plan = self.adjusted_plan()
        has_steps = plan is not None and bool(plan.steps)
        self.save_button.setEnabled(has_steps and self.session.patient is not None)
        if plan is None:
            self.preview.setText("")
            return
        self.preview.setText(plan_html(plan, self.session.area_name, self.session.step_labels))

    def save_plan(self) -> None:
        """Save the adjusted proposal as the patient's newest plan version."""
        patient = self.session.patient
        plan = self.adjusted_plan()
        if patient is None or plan is None or not plan.steps:
            self.message.show_message("Record the patient's goals first.")
            return
        visit_id = self.session.visit_id
        visits = self.session.store.visits
        if visit_id is not None and self.session.visit_locked:
            reason = self.reason.text()
            _, error = attempt(lambda: visits.amend_plan(visit_id, plan, reason))
        else:
            _, error = attempt(lambda: visits.save_plan(patient.id, plan, "Plan agreed", visit_id))
        if error is not None:
            errors = getattr(error, "errors", {})
            self.message.show_message(" ".join(errors.values()) if errors else str(error))
            return
        self.message.show_message("")
        self.reason.clear()
        self._unsaved = False
        drop_draft(self.session.context.data_dir, patient.id)
        self.session.saved()
