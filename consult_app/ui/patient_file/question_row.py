"""One screening question: yes / no / unsure by mouse or by one key, a note, the last answer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.content.models import ScreeningQuestion
from consult_app.domain.models import Answer, ScreeningAnswer
from consult_app.ui.patient_file.common import FieldMessage, hint, show_date

ANSWER_LABELS = {Answer.YES: "Yes", Answer.NO: "No", Answer.UNSURE: "Unsure"}
#: One key per answer, so the practitioner can go down the list without the mouse.
ANSWER_KEYS = {Qt.Key.Key_Y: Answer.YES, Qt.Key.Key_N: Answer.NO, Qt.Key.Key_U: Answer.UNSURE}

#: Saves an answer and returns the message to show (empty when it was saved).
SaveAnswer = Callable[[ScreeningQuestion, Answer, str], str]


def earlier_text(day: date, given: ScreeningAnswer | None) -> str:
    """Describe the answer given at the last visit, for the practitioner to compare."""
    if given is None:
        return f"Not asked on {show_date(day)}."
    note = f" ({given.note})" if given.note else ""
    return f"On {show_date(day)}: {ANSWER_LABELS[given.answer]}{note}"


class QuestionRow(QWidget):
    """One question: yes / no / unsure and a note, saved as soon as it is answered.

    Y, N and U answer it from the keyboard; ``answered`` is then called, so the screen can
    move on to the next question.
    """

    def __init__(
        self,
        question: ScreeningQuestion,
        save: SaveAnswer,
        answered: Callable[[QuestionRow], None],
    ) -> None:
        super().__init__()
        self.question = question
        self._save_answer = save
        self._answered = answered
        self.setObjectName(f"question_{question.id}")
        self.setToolTip(f"{question.reason} Source: {question.source}" if question.source else "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        label = QLabel(question.question)
        label.setWordWrap(True)
        layout.addWidget(label)
        buttons = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.buttons: dict[Answer, QRadioButton] = {}
        for answer, text in ANSWER_LABELS.items():
            button = QRadioButton(text)
            button.setObjectName(f"answer_{question.id}_{answer.value}")
            button.setAccessibleName(f"{text}: {question.question}")
            button.setToolTip(f"Key {text[0]}")
            self.group.addButton(button)
            self.buttons[answer] = button
            button.toggled.connect(lambda on, a=answer: self._toggled(on, a))
            buttons.addWidget(button)
        self.note = QLineEdit()
        self.note.setObjectName(f"note_{question.id}")
        self.note.setAccessibleName(f"Note: {question.question}")
        self.note.setPlaceholderText(question.note_prompt or "Note")
        self.note.editingFinished.connect(self._note_left)
        buttons.addWidget(self.note, 1)
        layout.addLayout(buttons)
        self.earlier = hint("", f"earlier_{question.id}")
        self.earlier.setAccessibleName("Answer at the last visit")
        self.earlier.hide()
        layout.addWidget(self.earlier)
        self.message = FieldMessage(f"message_{question.id}")
        layout.addWidget(self.message)
        self._loading = False

    def answer(self) -> Answer | None:
        """Return the chosen answer, if any."""
        for answer, button in self.buttons.items():
            if button.isChecked():
                return answer
        return None

    def load(self, given: ScreeningAnswer | None) -> None:
        """Show a stored answer without saving it again."""
        self._loading = True
        try:
            self.group.setExclusive(False)
            for answer, button in self.buttons.items():
                button.setChecked(given is not None and given.answer is answer)
            self.group.setExclusive(True)
            self.note.setText(given.note if given else "")
            self.message.show_message("")
        finally:
            self._loading = False

    def show_earlier(self, text: str) -> None:
        """Show the answer given at the last visit (or nothing for a first visit)."""
        self.earlier.setText(text)
        self.earlier.setVisible(bool(text))

    def focus_answer(self) -> None:
        """Put the keyboard on this question's chosen answer (or on Yes)."""
        chosen = self.answer()
        self.buttons[chosen or Answer.YES].setFocus(Qt.FocusReason.TabFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Answer with Y, N or U (from the buttons, which pass letters on)."""
        answer = ANSWER_KEYS.get(Qt.Key(event.key()))
        if answer is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        button = self.buttons[answer]
        if not button.isChecked():
            button.setChecked(True)  # saves through _toggled
        if self.message.text():
            self.note.setFocus(Qt.FocusReason.OtherFocusReason)  # e.g. a yes that needs a note
        else:
            self._answered(self)

    def _note_left(self) -> None:
        answer = self.answer()
        if answer is None:
            if self.note.text().strip():
                self.message.show_message("Choose yes, no or unsure: the note is saved with it.")
            return
        self._save(answer)

    def _toggled(self, on: bool, answer: Answer) -> None:
        if on:
            self._save(answer)

    def _save(self, answer: Answer) -> None:
        if self._loading:
            return
        self.message.show_message(self._save_answer(self.question, answer, self.note.text()))
