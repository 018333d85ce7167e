"""The review visit: how each treated area went, and what that means for the plan."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from consult_app.domain.models import Assessment, ReviewOutcome, StepKind
from consult_app.domain.plan import apply_review
from consult_app.ui.patient_file.common import (
    NOTICE_STYLE,
    FieldMessage,
    attempt,
    column,
    hint,
    scrolling,
)
from consult_app.ui.patient_file.plan_view import step_text
from consult_app.ui.patient_file.session import PatientSession

RATINGS = {
    1: "1: unhappy",
    2: "2: not very happy",
    3: "3: all right",
    4: "4: happy",
    5: "5: very happy",
}
ASSESSMENTS = {
    Assessment.AS_PLANNED: "As planned",
    Assessment.TOO_LITTLE: "Less effect than planned",
    Assessment.TOO_MUCH: "More effect than planned",
    Assessment.UNEVEN: "Uneven",
    Assessment.SIDE_EFFECT: "Side effect",
}


class ReviewRow(QGroupBox):
    """How one area went. Saved as soon as the patient's rating is chosen, then on each change."""

    def __init__(self, area_id: str, tab: ReviewTab, outcome: ReviewOutcome | None) -> None:
        name = tab.session.area_name(area_id)
        super().__init__(name)
        self.area_id = area_id
        self.tab = tab
        self.setObjectName(f"review_{area_id}")
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.rating = QComboBox()
        self.rating.setObjectName(f"reviewRating_{area_id}")
        self.rating.setAccessibleName(f"Patient's rating: {name}")
        self.rating.setPlaceholderText("Choose")
        for value, label in RATINGS.items():
            self.rating.addItem(label, value)
        self.assessment = QComboBox()
        self.assessment.setObjectName(f"reviewAssessment_{area_id}")
        self.assessment.setAccessibleName(f"Your assessment: {name}")
        for kind, label in ASSESSMENTS.items():
            self.assessment.addItem(label, kind.value)
        self.top_up = QCheckBox("Top-up given today")
        self.top_up.setObjectName(f"reviewTopUp_{area_id}")
        self.top_up.setAccessibleName(f"Top-up given: {name}")
        self.notes = QLineEdit()
        self.notes.setObjectName(f"reviewNotes_{area_id}")
        self.notes.setAccessibleName(f"Review notes: {name}")
        self.notes.setPlaceholderText("Notes (optional)")
        self.message = FieldMessage(f"reviewMessage_{area_id}")
        form.addRow("Patient's rating", self.rating)
        form.addRow("Your assessment", self.assessment)
        form.addRow(self.top_up)
        form.addRow("Notes", self.notes)
        form.addRow(self.message)
        if outcome is not None:
            self.rating.setCurrentIndex(self.rating.findData(outcome.patient_rating))
            self.assessment.setCurrentIndex(self.assessment.findData(outcome.assessment.value))
            self.top_up.setChecked(outcome.top_up_given)
            self.notes.setText(outcome.notes)
        self.rating.currentIndexChanged.connect(lambda _: self._changed())
        self.assessment.currentIndexChanged.connect(lambda _: self._changed())
        self.top_up.toggled.connect(lambda _: self._changed())
        self.notes.editingFinished.connect(self._changed)

    def outcome(self) -> ReviewOutcome | None:
        """Return the outcome as entered, or ``None`` until the rating is chosen."""
        rating = self.rating.currentData()
        if not isinstance(rating, int):
            return None
        return ReviewOutcome(
            self.area_id,
            rating,
            Assessment(self.assessment.currentData()),
            self.top_up.isChecked(),
            self.notes.text().strip(),
        )

    def _changed(self) -> None:
        outcome = self.outcome()
        if outcome is None:
            self.message.show_message("Choose the patient's rating first: then it is saved.")
            return
        self.message.show_message(self.tab.save_outcome(outcome))


class ReviewTab(QWidget):
    """Rows for the areas due for review, and the plan's next step as it will be."""

    def __init__(self, session: PatientSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewTab")
        self.session = session
        self.rows: dict[str, ReviewRow] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.next_step = QLabel()
        self.next_step.setObjectName("reviewNextStep")
        self.next_step.setAccessibleName("The plan after this review")
        self.next_step.setWordWrap(True)
        self.next_step.setStyleSheet(NOTICE_STYLE)
        outer.addWidget(self.next_step)
        inner, self.rows_layout = column()
        self.rows_layout.addWidget(
            hint("A top-up is a treatment: record it in Treatment as well.", "reviewHint")
        )
        self.rows_layout.addStretch(1)
        outer.addWidget(scrolling(inner, "reviewScroll"), 1)
        session.visitChanged.connect(self.reload)
        session.recordChanged.connect(self.refresh)
        self.reload()

    def review_areas(self) -> tuple[str, ...]:
        """Return the areas to review: the plan's review step, or the last treated areas."""
        record = self.session.patient_file()
        if record is None:
            return ()
        current = record.current_plan
        if current is not None:
            for step in current.plan.steps:
                if step.kind is StepKind.REVIEW and not step.done:
                    return step.areas
        for visit in record.visits:
            if visit.visit.id != self.session.visit_id and visit.treatments:
                return tuple(dict.fromkeys(t.record.area_id for t in visit.treatments))
        return ()

    def reload(self) -> None:
        """Show rows for this visit's review."""
        for row in self.rows.values():
            self.rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows.clear()
        record = self.session.visit_record()
        saved = {o.area_id: o for o in record.reviews} if record else {}
        if record is not None:
            content = self.session.content
            areas = [
                a for a in dict.fromkeys([*saved, *self.review_areas()]) if content.has_area(a)
            ]
            if record.visit.locked:
                areas = list(saved)
            for area_id in areas:
                row = ReviewRow(area_id, self, saved.get(area_id))
                row.setEnabled(not record.visit.locked)
                self.rows[area_id] = row
                self.rows_layout.insertWidget(self.rows_layout.count() - 1, row)
        self.refresh()

    def refresh(self) -> None:
        """Show what the plan's next step will be once this review is finished."""
        record = self.session.visit_record()
        patient_file = self.session.patient_file()
        if record is None or patient_file is None:
            self.next_step.setText("Start a visit to record a review.")
            return
        if record.visit.locked:
            self.next_step.setText(
                "This visit is finished." if record.reviews else "No review at this visit."
            )
            return
        if not self.rows:
            self.next_step.setText("Nothing is due for review: no treated areas in the plan.")
            return
        current = patient_file.current_plan
        if current is None or not record.reviews:
            self.next_step.setText(
                "For each area, choose the patient's rating. The plan's next step updates here."
            )
            return
        after = apply_review(
            current.plan, record.reviews, record.visit.visit_date, self.session.content.timings
        )
        step = after.next_step
        text = (
            step_text(step, self.session.area_name, self.session.step_labels)[2:]
            if step
            else "nothing more planned"
        )
        self.next_step.setText(
            f"<b>After this review, next:</b> {escape(text)}<br>"
            "Finish the visit to save this as a new plan version."
        )

    def save_outcome(self, outcome: ReviewOutcome) -> str:
        """Save one area's outcome; return a message if it was refused."""
        visit_id = self.session.visit_id
        if visit_id is None:
            return "Start a visit first."
        _, error = attempt(
            lambda: self.session.store.visits.save_review(visit_id, outcome, self.session.content)
        )
        if error is not None:
            errors = getattr(error, "errors", {})
            return " ".join(errors.values()) if errors else str(error)
        self.session.saved()
        return ""
