"""The open patient's header: name, age and phone, the visit shown, start and finish a visit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from consult_app.ui.patient_file.common import FieldMessage, attempt, show_date
from consult_app.ui.patient_file.session import PatientSession

FINISH_QUESTION = (
    "Finish this visit? It will be locked. Later corrections are kept as amendments, "
    "with your reason."
)


class VisitHeader(QFrame):
    """Who is open and which visit is shown; starts and finishes visits.

    ``confirm(question) -> bool`` asks before a visit is locked. Emits ``closeRequested`` when
    the patient file should close and ``visitStarted`` when today's visit was started.
    """

    closeRequested = Signal()
    visitStarted = Signal()

    def __init__(self, session: PatientSession, confirm: Callable[[str], bool]) -> None:
        super().__init__()
        self.session = session
        self._confirm = confirm
        self.setObjectName("patientHeader")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 4, 6, 4)
        top = QHBoxLayout()
        self.name_label = QLabel()
        self.name_label.setObjectName("patientName")
        # Names are shown exactly as typed, never read as markup.
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.name_label.font()
        bold.setBold(True)
        self.name_label.setFont(bold)
        self.name_label.setAccessibleName("Patient name")
        self.name_label.setWordWrap(True)
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("closePatientButton")
        self.close_button.setAccessibleName("Close the patient file")
        self.close_button.clicked.connect(lambda: self.closeRequested.emit())
        top.addWidget(self.name_label, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(top)
        self.info_label = QLabel()
        self.info_label.setObjectName("patientInfo")
        self.info_label.setAccessibleName("Age and phone")
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.info_label)
        visit_row = QHBoxLayout()
        self.visit_choice = QComboBox()
        self.visit_choice.setObjectName("visitChoice")
        self.visit_choice.setAccessibleName("Visit shown")
        self.visit_choice.currentIndexChanged.connect(self._visit_chosen)
        self.start_button = QPushButton("Start visit")
        self.start_button.setObjectName("startVisitButton")
        self.start_button.setAccessibleName("Start a visit today")
        self.start_button.clicked.connect(self.start_visit)
        self.finish_button = QPushButton("Finish visit")
        self.finish_button.setObjectName("finishVisitButton")
        self.finish_button.setAccessibleName("Finish and lock this visit")
        self.finish_button.clicked.connect(self.finish_visit)
        visit_row.addWidget(self.visit_choice, 1)
        visit_row.addWidget(self.start_button)
        visit_row.addWidget(self.finish_button)
        box.addLayout(visit_row)
        self.visit_message = FieldMessage("visitMessage")
        box.addWidget(self.visit_message)
        session.visitChanged.connect(self.show_visits)
        session.recordChanged.connect(self.show_visits)
        if not session.clinical:
            # Reception: no visits are started, finished or chosen here.
            for widget in (self.start_button, self.finish_button, self.visit_choice):
                widget.hide()

    def start_visit(self) -> None:
        """Start today's visit, or go to the visit that is still open."""
        patient = self.session.patient
        if patient is None:
            return
        record = self.session.patient_file()
        if record is not None:
            for earlier in record.visits:
                if not earlier.visit.locked:
                    self.session.set_visit(earlier.visit.id)
                    self.visit_message.show_message(
                        "This visit is still open. Finish it before starting another."
                    )
                    return
        visit, error = attempt(lambda: self.session.store.visits.start_visit(patient.id))
        if visit is None:
            self.visit_message.show_message(str(error))
            return
        self.visit_message.show_message("")
        self.session.set_visit(visit.id)
        self.visitStarted.emit()

    def finish_visit(self) -> None:
        """Finish and lock the shown visit after asking; the plan moves on."""
        visit_id = self.session.visit_id
        if visit_id is None or self.session.visit_locked:
            return
        pending = self.session.pending_work()
        if not self._confirm(f"{pending} {FINISH_QUESTION}" if pending else FINISH_QUESTION):
            return
        _, error = attempt(
            lambda: self.session.store.visits.finish_visit(visit_id, self.session.content)
        )
        if error is not None:
            self.visit_message.show_message(str(error))
            return
        self.visit_message.show_message("Visit finished and locked. The plan was updated.")
        self.session.visit_finished()

    def show_patient(self) -> None:
        """Show the open patient's name, age and phone, and their visits."""
        patient = self.session.patient
        if patient is None:
            return
        self.name_label.setText(patient.display_name)
        age = self.session.age()
        bits = [f"age {age}" if age is not None else "age not known"]
        bits.append(patient.details.phone or "no phone")
        self.info_label.setText("  \u00b7  ".join(bits))
        self.show_visits()

    def show_visits(self) -> None:
        """List the open patient's visits and choose the one shown."""
        record = self.session.patient_file()
        self.visit_choice.blockSignals(True)
        self.visit_choice.clear()
        if record is None:
            self.visit_choice.blockSignals(False)
            return
        for visit in record.visits:
            state = "finished" if visit.visit.locked else "open"
            self.visit_choice.addItem(
                f"Visit {show_date(visit.visit.visit_date)} ({state})", visit.visit.id
            )
        if not record.visits:
            self.visit_choice.addItem("No visits yet", None)
        index = self.visit_choice.findData(self.session.visit_id)
        self.visit_choice.setCurrentIndex(max(index, 0))
        self.visit_choice.blockSignals(False)
        self.finish_button.setEnabled(not self.session.visit_locked)

    def _visit_chosen(self, index: int) -> None:
        visit_id = self.visit_choice.itemData(index)
        self.visit_message.show_message("")
        self.session.set_visit(visit_id if isinstance(visit_id, int) else None)
