"""The warning shown on a new patient's form when someone with that name and birth date exists."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from consult_app.domain.models import Patient
from consult_app.ui.patient_file.common import NOTICE_STYLE
from consult_app.ui.patient_file.patient_search import result_text


class DuplicateNotice(QFrame):
    """Names the existing file; asks to open it, or to save the new patient all the same."""

    openRequested = Signal(int)
    saveRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("duplicateNotice")
        self.setAccessibleName("Possible duplicate patient")
        self.setStyleSheet(NOTICE_STYLE)
        self._existing: list[Patient] = []
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        self.message = QLabel()
        self.message.setObjectName("duplicateMessage")
        # Names are shown exactly as typed, never read as markup.
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        row = QHBoxLayout()
        self.open_button = QPushButton("Open their file")
        self.open_button.setObjectName("openDuplicateButton")
        self.open_button.setAccessibleName("Open the existing patient's file")
        self.open_button.clicked.connect(self._open)
        self.save_button = QPushButton("Different person: save")
        self.save_button.setObjectName("saveDuplicateButton")
        self.save_button.setAccessibleName("A different person: save the new patient")
        self.save_button.clicked.connect(lambda: self.saveRequested.emit())
        row.addWidget(self.open_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        box.addLayout(row)
        self.hide()

    @property
    def existing(self) -> list[Patient]:
        """Return the patients named in the warning."""
        return list(self._existing)

    def show_existing(self, patients: list[Patient]) -> None:
        """Name the patients who may be the same person (hide the warning when there are none)."""
        self._existing = list(patients)
        if not patients:
            self.hide()
            return
        lines = "\n".join(result_text(p) for p in patients)
        self.message.setText(
            "Not saved yet: a patient with this name and date of birth already has a file:\n"
            f"{lines}\n"
            "Open their file if this is the same person, so one person keeps one file."
        )
        self.show()

    def _open(self) -> None:
        if self._existing:
            self.openRequested.emit(self._existing[0].id)
