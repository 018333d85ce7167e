"""Reception's view of a patient: plan dates and the handouts issued, to print again."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.ui.patient_file.common import attempt, hint, show_date
from consult_app.ui.patient_file.session import PatientSession


class FrontDeskTab(QWidget):
    """Plan dates and issued handouts; nothing clinical. Emits ``reprintRequested(id)``."""

    reprintRequested = Signal(int)

    def __init__(self, session: PatientSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("frontDeskTab")
        self.session = session
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Plan dates</b>"))
        self.dates = QLabel()
        self.dates.setObjectName("planDates")
        self.dates.setWordWrap(True)
        layout.addWidget(self.dates)
        layout.addWidget(QLabel("<b>Handouts given</b>"))
        self.handouts = QListWidget()
        self.handouts.setObjectName("issuedHandouts")
        self.handouts.setAccessibleName("Handouts given")
        layout.addWidget(self.handouts, 1)
        self.reprint_button = QPushButton("Print again")
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.setAccessibleName("Print the chosen handout again")
        self.reprint_button.clicked.connect(self._reprint)
        layout.addWidget(self.reprint_button)
        layout.addWidget(hint("Clinical details are for the practitioner only."))
        session.patientChanged.connect(self.reload)

    def reload(self) -> None:
        """Show the open patient's plan dates and handouts."""
        self.handouts.clear()
        patient = self.session.patient
        if patient is None:
            self.dates.setText("")
            return
        summary, error = attempt(lambda: self.session.store.patients.patient_summary(patient.id))
        if summary is None:
            self.dates.setText(str(error))
            return
        steps = self.session.step_labels
        lines = [
            f"{escape(steps.of(d.kind).get())}: {show_date(d.due)}" + (" (done)" if d.done else "")
            for d in summary.plan_dates
        ]
        self.dates.setText("<br>".join(lines) or "No plan yet.")
        issued, _ = attempt(lambda: self.session.store.documents.handouts_for(patient.id))
        for handout in issued or []:
            item = QListWidgetItem(
                f"{show_date(handout.issued_at.date())}  {handout.kind.value}  {handout.reference}"
            )
            item.setData(Qt.ItemDataRole.UserRole, handout.id)
            self.handouts.addItem(item)

    def _reprint(self) -> None:
        item = self.handouts.currentItem() or self.handouts.item(0)
        if item is not None:
            self.reprintRequested.emit(int(item.data(Qt.ItemDataRole.UserRole)))
