"""A group of neighbouring screening questions under one heading, with "None of these"."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from itertools import groupby

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from consult_app.ui.patient_file.question_row import QuestionRow

#: A thin frame, so the questions answered together are seen to belong together.
GROUP_STYLE = "QFrame#questionGroup { border: 1px solid palette(mid); border-radius: 4px; }"


class QuestionGroup(QFrame):
    """Questions the practitioner reads out together; "None of these" answers the rest *no*.

    Only questions not answered yet are answered by the button: a *yes* or *unsure* already
    given is kept. ``none_of`` is called with the group when the button is pressed.
    """

    def __init__(
        self,
        topic: str,
        rows: Sequence[QuestionRow],
        none_of: Callable[[QuestionGroup], None],
    ) -> None:
        super().__init__()
        self.setObjectName("questionGroup")
        self.setStyleSheet(GROUP_STYLE)
        self.topic = topic
        self.rows = tuple(rows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        header = QHBoxLayout()
        title = QLabel(f"<b>{escape(topic)}</b>")
        title.setTextFormat(Qt.TextFormat.RichText)
        header.addWidget(title, 1)
        self.none_button = QPushButton("None of these")
        self.none_button.setObjectName(f"noneOf_{self.rows[0].question.id}")
        self.none_button.setAccessibleName(f"None of these: {topic}")
        self.none_button.setToolTip(
            "Read every question of the group out first. Answers No to each one not answered "
            "yet; answers already given are kept."
        )
        self.none_button.clicked.connect(lambda: none_of(self))
        header.addWidget(self.none_button)
        layout.addLayout(header)
        for row in self.rows:
            layout.addWidget(row)

    def question_ids(self) -> list[str]:
        """Return the ids of the group's questions, in order."""
        return [row.question.id for row in self.rows]

    def unanswered(self) -> list[QuestionRow]:
        """Return the questions of the group with no answer yet."""
        return [row for row in self.rows if row.answer() is None]

    def refresh(self) -> None:
        """Offer "None of these" only while some question of the group is unanswered."""
        self.none_button.setEnabled(bool(self.unanswered()))

    def focus_start(self) -> None:
        """Put the keyboard on the first unanswered question (one key answers it)."""
        rows = self.unanswered() or list(self.rows)
        rows[0].focus_answer()


def grouped(rows: Sequence[QuestionRow]) -> list[list[QuestionRow]]:
    """Split the questions into runs of neighbours sharing a topic (a question alone otherwise)."""
    runs: list[list[QuestionRow]] = []
    for topic, members in groupby(rows, key=lambda row: row.question.topic.strip()):
        run = list(members)
        if topic and len(run) > 1:
            runs.append(run)
        else:
            runs.extend([row] for row in run)
    return runs


#: One place to stop at in the list: a group or a question on its own.
Stop = QuestionGroup | QuestionRow


def focus_stop(stop: Stop) -> None:
    """Put the keyboard where answering ``stop`` begins."""
    if isinstance(stop, QuestionGroup):
        stop.focus_start()
    else:
        stop.focus_answer()
