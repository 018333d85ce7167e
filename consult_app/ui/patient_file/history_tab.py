"""The whole record, newest visit first, and corrections (amendments) to finished visits."""

from __future__ import annotations

import json
from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.domain.dates import parse_date
from consult_app.domain.models import Amendment, Answer, TreatmentRecord, VisitRecord
from consult_app.domain.validation import parse_units
from consult_app.ui.patient_file.common import (
    FieldMessage,
    attempt,
    column,
    field_errors,
    hint,
    scrolling,
    show_date,
)
from consult_app.ui.patient_file.questionnaire_box import recorded_text
from consult_app.ui.patient_file.review_tab import ASSESSMENTS
from consult_app.ui.patient_file.session import PatientSession
from consult_app.ui.patient_file.treatment_tab import units_text

NOTE_TARGET = "visit_note"


def _changes(amendment: Amendment) -> str:
    try:
        before = json.loads(amendment.original)
        after = json.loads(amendment.amended)
    except ValueError:
        return ""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return ""
    parts = [
        f"{key}: {before.get(key) or '(empty)'!s} \u2192 {after.get(key) or '(empty)'!s}"
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    ]
    return "; ".join(parts)


def visit_html(visit: VisitRecord, session: PatientSession) -> str:
    """Describe one visit for the practitioner."""
    v = visit.visit
    status = (
        f"finished {v.finished_at:%d %b %Y %H:%M} by {v.finished_by}" if v.finished_at else "open"
    )
    lines = [f"<b>Visit of {show_date(v.visit_date)}</b> ({escape(status)})"]
    flagged = [a for a in visit.answers if a.answer is not Answer.NO]
    lines.append(f"Safety check: {len(visit.answers)} answered, {len(flagged)} yes or unsure.")
    questions = {q.id: q.question for q in session.content.screening}
    for answer in flagged:
        note = f" ({answer.note})" if answer.note else ""
        question = questions.get(answer.question_id, answer.question_id)
        lines.append(f"&nbsp;&nbsp;{answer.answer.value}: {escape(question + note)}")
    title = session.content.questionnaire.title if session.content.questionnaire else ""
    for result in visit.questionnaires:
        lines.append(f"{escape(title or result.questionnaire_id)}: {recorded_text(result)}")
    for override in visit.overrides:
        lines.append(
            f"Override, {escape(session.area_name(override.area_id))}: {escape(override.reason)}"
        )
    for goal in visit.goals:
        lines.append(
            f"Goal {goal.priority}, {escape(session.area_name(goal.area_id))}: "
            f"\u201c{escape(goal.concern)}\u201d"
        )
    for stored in visit.treatments:
        r = stored.record
        lines.append(
            f"Treated {escape(session.area_name(r.area_id))}: {units_text(r.units)} "
            f"{escape(session.unit(r.product_id))} {escape(session.product_label(r.product_id))}"
            f", batch {escape(r.batch)}"
        )
    for review in visit.reviews:
        top_up = ", top-up given" if review.top_up_given else ""
        lines.append(
            f"Review {escape(session.area_name(review.area_id))}: rated {review.patient_rating}"
            f"/5, {ASSESSMENTS[review.assessment].lower()}{top_up}"
        )
    if v.note:
        lines.append(f"Note: {escape(v.note)}")
    for amendment in visit.amendments:
        lines.append(
            f"<span style='color:#8a4b00'>Corrected {amendment.at:%d %b %Y %H:%M} by "
            f"{escape(amendment.actor)}. Why: {escape(amendment.reason)}. "
            f"{escape(_changes(amendment))}</span>"
        )
    return "<p>" + "<br>".join(lines) + "</p>"


class HistoryTab(QWidget):
    """Every visit, and a form to correct a finished one with a reason."""

    def __init__(self, session: PatientSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyTab")
        self.session = session
        inner, layout = column()
        self.text = QLabel()
        self.text.setObjectName("historyText")
        self.text.setAccessibleName("Visit history")
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        layout.addWidget(self._build_amend())
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(inner, "historyScroll"), 1)
        session.visitChanged.connect(self.reload)
        session.patientChanged.connect(self.reload)
        session.recordChanged.connect(self.reload)
        self.reload()

    def _build_amend(self) -> QGroupBox:
        box = QGroupBox("Correct the finished visit shown")
        box.setObjectName("amendBox")
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(hint("The original is kept with who, when and why."))
        self.target = QComboBox()
        self.target.setObjectName("amendTarget")
        self.target.setAccessibleName("What to correct")
        self.target.currentIndexChanged.connect(lambda _: self._fill_target())
        form.addRow("Correct", self.target)
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        for field, label in (
            ("units", "Units"),
            ("batch", "Batch / lot"),
            ("expiry", "Expiry"),
            ("notes", "Notes"),
            ("reason", "Reason"),
        ):
            edit = QLineEdit()
            edit.setObjectName(f"amend{field.title()}")
            edit.setAccessibleName(f"Corrected {label.lower()}")
            self.edits[field] = edit
            self.labels[field] = QLabel(label)
            form.addRow(self.labels[field], edit)
        self.edits["reason"].setAccessibleName("Reason for the correction")
        self.edits["reason"].setPlaceholderText("Why this is being corrected")
        self.button = QPushButton("Save correction")
        self.button.setObjectName("amendButton")
        self.button.setAccessibleName("Save correction")
        self.button.clicked.connect(self.save_amendment)
        form.addRow(self.button)
        self.message = FieldMessage("amendMessage")
        form.addRow(self.message)
        self.amend_box = box
        return box

    def reload(self) -> None:
        """Show the record and what can be corrected."""
        record = self.session.patient_file()
        if record is None:
            self.text.setText("Open a patient to see their history.")
            self.amend_box.hide()
            return
        self.text.setText(
            "".join(visit_html(v, self.session) for v in record.visits) or "<i>No visits yet.</i>"
        )
        visit = self.session.visit_record()
        locked = visit is not None and visit.visit.locked
        self.amend_box.setVisible(locked)
        current = self.target.currentData()
        self.target.blockSignals(True)
        self.target.clear()
        if visit is not None and locked:
            for stored in visit.treatments:
                r = stored.record
                self.target.addItem(
                    f"Treatment: {self.session.area_name(r.area_id)}, {units_text(r.units)} "
                    f"{self.session.unit(r.product_id)}",
                    stored.id,
                )
            self.target.addItem("Visit note", NOTE_TARGET)
        index = self.target.findData(current)
        self.target.setCurrentIndex(max(index, 0))
        self.target.blockSignals(False)
        self._fill_target()

    def _fill_target(self) -> None:
        visit = self.session.visit_record()
        target = self.target.currentData()
        is_note = target == NOTE_TARGET
        for field in ("units", "batch", "expiry"):
            self.edits[field].setVisible(not is_note)
            self.labels[field].setVisible(not is_note)
        self.labels["notes"].setText("New note" if is_note else "Notes")
        if visit is None:
            return
        if is_note:
            self.edits["notes"].setText(visit.visit.note)
            return
        for stored in visit.treatments:
            if stored.id == target:
                r = stored.record
                self.edits["units"].setText(units_text(r.units))
                self.edits["batch"].setText(r.batch)
                self.edits["expiry"].setText(r.expiry.isoformat())
                self.edits["notes"].setText(r.notes)

    def save_amendment(self) -> None:
        """Save the correction with its reason, or say why it was refused."""
        visit = self.session.visit_record()
        target = self.target.currentData()
        reason = self.edits["reason"].text()
        store = self.session.store
        if visit is None:
            return
        if target == NOTE_TARGET:
            note = self.edits["notes"].text()
            _, error = attempt(lambda: store.visits.amend_visit_note(visit.visit.id, note, reason))
        else:
            stored = next((s for s in visit.treatments if s.id == target), None)
            units = parse_units(self.edits["units"].text())
            expiry = parse_date(self.edits["expiry"].text())
            if stored is None or units is None or expiry is None:
                self.message.show_message(
                    "Check the units (a number) and the expiry date (like 2026-05-31)."
                )
                return
            record = TreatmentRecord(
                stored.record.area_id,
                stored.record.product_id,
                units,
                self.edits["batch"].text(),
                expiry,
                self.edits["notes"].text(),
            )
            content = self.session.content
            _, error = attempt(
                lambda: store.visits.amend_treatment(stored.id, record, reason, content)
            )
        if error is not None:
            self.message.show_message(" ".join(field_errors(error).values()) or str(error))
            return
        self.message.show_message("")
        self.edits["reason"].clear()
        self.session.saved()
