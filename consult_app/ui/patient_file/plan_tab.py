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

from consult_app.domain.dates import plan_dates
from consult_app.domain.models import Goal, Plan, StepKind
from consult_app.domain.plan import areas_by_priority, derive_plan
from consult_app.ui.patient_file.common import (
    FieldMessage,
    attempt,
    column,
    hint,
    scrolling,
    show_date,
)
from consult_app.ui.patient_file.plan_view import plan_html, timeline_html
from consult_app.ui.patient_file.session import PatientSession


def to_qdate(day: date) -> QDate:
    """Convert a date for a QDateEdit."""
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    """Convert a QDateEdit's date."""
    return date(day.year(), day.month(), day.day())


def _date_edit(name: str, accessible: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    return edit


class PlanTab(QWidget):
    """Proposal (treat, review at about 2 weeks, next treatment no sooner than 12 weeks)."""

    def __init__(self, session: PatientSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planTab")
        self.session = session
        inner, layout = column()
        box = QGroupBox("Proposal from the goals")
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.treat_today = QComboBox()
        self.treat_today.setObjectName("treatToday")
        self.treat_today.setAccessibleName("Which areas to treat today")
        self.treat_today.currentIndexChanged.connect(lambda _: self._propose(keep_dates=False))
        form.addRow("Treat today", self.treat_today)
        self.review_date = _date_edit("reviewDate", "Review date")
        form.addRow("Review on", self.review_date)
        self.next_date = _date_edit("nextDate", "Earliest next treatment")
        form.addRow("Next treatment from", self.next_date)
        self.timing_hint = hint("")
        form.addRow(self.timing_hint)
        self.note = QLineEdit()
        self.note.setObjectName("planNote")
        self.note.setAccessibleName("Plan note")
        self.note.setPlaceholderText("Note (optional)")
        form.addRow("Note", self.note)
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
        self.review_date.dateChanged.connect(lambda _: self._show_preview())
        self.next_date.dateChanged.connect(lambda _: self._show_preview())
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
        outer.addWidget(scrolling(inner, "planScroll"), 1)
        self._proposal: Plan | None = None
        session.visitChanged.connect(self.reload)
        session.patientChanged.connect(self.reload)
        session.recordChanged.connect(self.refresh)
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
        """Start again from the goals (another visit or patient)."""
        self.message.show_message("")
        self.note.clear()
        self.refresh()

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
            timeline_html(record, self.session.area_name, self.session.today())
            if record
            else "Open a patient to see their plan."
        )

    def _blocked(self) -> frozenset[str]:
        visit_id = self.session.visit_id
        record = self.session.visit_record()
        if visit_id is None or record is None or record.visit.locked:
            return frozenset()
        areas = tuple(g.area_id for g in self._goals())
        result = self.session.store.screening_result(visit_id, self.session.content, areas)
        overridden = {o.area_id for o in record.overrides}
        return frozenset(result.blocked_areas - overridden)

    def _propose(self, keep_dates: bool) -> None:
        first = self.treat_today.currentData()
        day = self._day()
        timing = self.session.content.timing
        self._proposal = derive_plan(
            self._goals(),
            timing,
            day,
            blocked_areas=self._blocked(),
            first_areas=first if isinstance(first, int) and first > 0 else None,
        )
        review, earliest = plan_dates(day, timing)
        first_ok = day
        for edit, default, minimum in (
            (self.review_date, review, first_ok),
            (self.next_date, earliest, earliest),
        ):
            edit.blockSignals(True)
            edit.setMinimumDate(to_qdate(minimum))
            if not keep_dates or edit.date() < to_qdate(minimum) or edit.property("day") != day:
                edit.setDate(to_qdate(default))
            edit.setProperty("day", day)
            edit.blockSignals(False)
        weeks = timing.min_interval_days // 7
        text = (
            f"Review at about {timing.review_after_days} days, when the full effect shows. "
            f"The next treatment can be no sooner than {weeks} weeks after this one."
        )
        last = self._last_treatment(day)
        if last is not None and plan_dates(last, timing)[1] > day:
            allowed = plan_dates(last, timing)[1]
            text = (
                f"<b>Last treatment on {show_date(last)}: the next can be no sooner than "
                f"{show_date(allowed)}.</b> " + text
            )
        self.timing_hint.setText(text)
        self._show_preview()

    def _last_treatment(self, day: date) -> date | None:
        record = self.session.patient_file()
        if record is None:
            return None
        dates = [
            v.visit.visit_date
            for v in record.visits
            if v.treatments and v.visit.id != self.session.visit_id and v.visit.visit_date <= day
        ]
        return max(dates, default=None)

    def adjusted_plan(self) -> Plan | None:
        """Return the proposal with the chosen review and next-treatment dates."""
        if self._proposal is None or not self._proposal.steps:
            return self._proposal
        review = from_qdate(self.review_date.date())
        repeat = from_qdate(self.next_date.date())
        steps = tuple(
            replace(s, due=review)
            if s.kind is StepKind.REVIEW
            else replace(s, due=repeat)
            if s.kind is StepKind.REPEAT
            else s
            for s in self._proposal.steps
        )
        return replace(self._proposal, steps=steps, note=self.note.text().strip())

    def _show_preview(self) -> None:
        plan = self.adjusted_plan()
        has_steps = plan is not None and bool(plan.steps)
        self.save_button.setEnabled(has_steps and self.session.patient is not None)
        if plan is None:
            self.preview.setText("")
            return
        self.preview.setText(plan_html(plan, self.session.area_name))

    def save_plan(self) -> None:
        """Save the adjusted proposal as the patient's newest plan version."""
        patient = self.session.patient
        plan = self.adjusted_plan()
        if patient is None or plan is None or not plan.steps:
            self.message.show_message("Record the patient's goals first.")
            return
        visit_id = self.session.visit_id
        _, error = attempt(
            lambda: self.session.store.save_plan(
                patient.id, plan, self.session.user, "Plan agreed", visit_id
            )
        )
        self.message.show_message(str(error) if error else "")
        if error is None:
            self.session.saved()
