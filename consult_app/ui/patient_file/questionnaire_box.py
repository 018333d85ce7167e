"""The screening questionnaire's result: done on its own form, recorded here with the visit."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from consult_app.content.models import Questionnaire
from consult_app.domain.models import QuestionnaireResult, ScreenOutcome
from consult_app.ui.patient_file.common import FieldMessage, attempt, field_errors, hint
from consult_app.ui.patient_file.session import PatientSession

OUTCOME_LABELS = {
    ScreenOutcome.POSITIVE: "Screen positive",
    ScreenOutcome.NEGATIVE: "Screen negative",
    ScreenOutcome.DECLINED: "Declined",
}


def recorded_text(result: QuestionnaireResult | None) -> str:
    """Describe the recorded result, with who recorded it and when."""
    if result is None:
        return "<i>No result recorded at this visit.</i>"
    when = f" at {result.recorded_at:%Y-%m-%d %H:%M}" if result.recorded_at else ""
    text = (
        f"Recorded: <b>{escape(result.instrument)}, {OUTCOME_LABELS[result.outcome].lower()}</b>"
        f" (by {escape(result.recorded_by)}{when})"
    )
    if result.note:
        text += f"<br><i>{escape(result.note)}</i>"
    return text


class QuestionnaireBox(QGroupBox):
    """Record which questionnaire was used and its result; show what is recorded."""

    def __init__(self, questionnaire: Questionnaire, session: PatientSession) -> None:
        super().__init__(questionnaire.title)
        self.setObjectName("questionnaireBox")
        self.questionnaire = questionnaire
        self.session = session
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                f"Done on its own form. Record its result here. Source: {questionnaire.source}"
                if questionnaire.source
                else "Done on its own form. Record its result here."
            )
        )
        self.instrument = QComboBox()
        self.instrument.setObjectName("questionnaireInstrument")
        self.instrument.setAccessibleName("Questionnaire used")
        self.instrument.addItems(list(questionnaire.instruments))
        layout.addWidget(self.instrument)
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.outcomes: dict[ScreenOutcome, QRadioButton] = {}
        for outcome, text in OUTCOME_LABELS.items():
            button = QRadioButton(text)
            button.setObjectName(f"questionnaire_{outcome.value}")
            button.setAccessibleName(f"{text}: {questionnaire.title}")
            self.group.addButton(button)
            self.outcomes[outcome] = button
            row.addWidget(button)
        layout.addLayout(row)
        self.note = QLineEdit()
        self.note.setObjectName("questionnaireNote")
        self.note.setAccessibleName(f"Note: {questionnaire.title}")
        self.note.setPlaceholderText("Note (optional), e.g. score or referral made")
        layout.addWidget(self.note)
        self.button = QPushButton("Record result")
        self.button.setObjectName("questionnaireButton")
        self.button.setAccessibleName(f"Record result: {questionnaire.title}")
        self.button.clicked.connect(self.record)
        layout.addWidget(self.button)
        self.message = FieldMessage("questionnaireMessage")
        layout.addWidget(self.message)
        self.recorded = QLabel()
        self.recorded.setObjectName("questionnaireRecorded")
        self.recorded.setAccessibleName(f"Recorded result: {questionnaire.title}")
        self.recorded.setWordWrap(True)
        layout.addWidget(self.recorded)

    def chosen_outcome(self) -> ScreenOutcome | None:
        """Return the chosen outcome, if any."""
        return next((o for o, b in self.outcomes.items() if b.isChecked()), None)

    def load(self, results: tuple[QuestionnaireResult, ...], editable: bool) -> None:
        """Show the visit's recorded result (and fill the form with it)."""
        given = next((r for r in results if r.questionnaire_id == self.questionnaire.id), None)
        self.group.setExclusive(False)
        for outcome, button in self.outcomes.items():
            button.setChecked(given is not None and given.outcome is outcome)
        self.group.setExclusive(True)
        if given is not None:
            index = self.instrument.findText(given.instrument)
            if index >= 0:
                self.instrument.setCurrentIndex(index)
        self.note.setText(given.note if given else "")
        self.message.show_message("")
        self.show_recorded(results)
        for widget in (self.instrument, self.note, self.button, *self.outcomes.values()):
            widget.setEnabled(editable)

    def show_recorded(self, results: tuple[QuestionnaireResult, ...]) -> None:
        """Show the recorded result without touching what is being typed."""
        given = next((r for r in results if r.questionnaire_id == self.questionnaire.id), None)
        self.recorded.setText(recorded_text(given))

    def record(self) -> None:
        """Save the chosen result, or say what is missing (nothing is saved then)."""
        visit_id = self.session.visit_id
        outcome = self.chosen_outcome()
        if visit_id is None:
            self.message.show_message("Start a visit first.")
            return
        if outcome is None:
            self.message.show_message("Choose the result: screen positive, negative or declined.")
            return
        result = QuestionnaireResult(
            self.questionnaire.id, self.instrument.currentText(), outcome, self.note.text()
        )
        _, error = attempt(
            lambda: self.session.store.questionnaires.save_questionnaire_result(
                visit_id, result, self.session.content
            )
        )
        if error is not None:
            errors = field_errors(error)
            self.message.show_message(" ".join(errors.values()) if errors else str(error))
            return
        self.message.show_message("")
        self.session.saved()
