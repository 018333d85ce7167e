"""Finding a patient: the search box, the patients found, and the new patient and recall buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.domain.models import Patient
from consult_app.ui.patient_file.common import attempt, show_date
from consult_app.ui.patient_file.session import PatientSession


def result_text(patient: Patient) -> str:
    """Return a search result line: name, date of birth, phone."""
    d = patient.details
    parts = [f"{d.family_name}, {d.given_name}"]
    if d.preferred_name and d.preferred_name != d.given_name:
        parts[0] += f" ({d.preferred_name})"
    # Isolate the name so a right-to-left name does not reorder the date and phone after it.
    parts[0] = f"\u2068{parts[0]}\u2069"
    parts.append(show_date(d.birth_date))
    if d.phone:
        parts.append(d.phone)
    return "  \u00b7  ".join(parts)


class PatientSearch(QWidget):
    """Search as you type; asks for a patient, a new patient or the recall list by signal."""

    patientChosen = Signal(int)
    newPatientRequested = Signal()
    recallsRequested = Signal()

    def __init__(self, session: PatientSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("patientSearch")
        self.search.setAccessibleName("Find a patient")
        self.search.setPlaceholderText("Find: name, phone or date of birth")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.show_results)
        self.search.returnPressed.connect(self._open_first_result)
        layout.addWidget(self.search)
        self.results = QListWidget()
        self.results.setObjectName("patientResults")
        self.results.setAccessibleName("Patients found")
        self.results.setMaximumHeight(110)
        self.results.itemActivated.connect(self._result_chosen)
        self.results.itemClicked.connect(self._result_chosen)
        layout.addWidget(self.results)
        row = QHBoxLayout()
        self.new_button = QPushButton("New patient")
        self.new_button.setObjectName("newPatientButton")
        self.new_button.setAccessibleName("New patient")
        self.new_button.clicked.connect(lambda: self.newPatientRequested.emit())
        self.recall_button = QPushButton("Recall list")
        self.recall_button.setObjectName("recallButton")
        self.recall_button.setAccessibleName("Recall list")
        self.recall_button.clicked.connect(lambda: self.recallsRequested.emit())
        row.addWidget(self.new_button)
        row.addWidget(self.recall_button)
        row.addStretch(1)
        layout.addLayout(row)

    def focus(self) -> None:
        """Put the cursor in the search box, with its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear(self) -> None:
        """Empty the search box and list every patient again."""
        self.search.clear()
        self.show_results("")

    def refresh(self) -> None:
        """Search again for what is typed (a patient was opened, closed or changed)."""
        self.show_results(self.search.text())

    def show_results(self, text: str) -> None:
        """List the patients matching ``text`` (all of them, up to 50, when it is empty)."""
        patients, error = attempt(
            lambda: self.session.store.patients.search_patients(text, limit=50)
        )
        self.results.clear()
        if patients is None:
            self.results.addItem(f"Search failed: {error}")
            return
        for patient in patients:
            item = QListWidgetItem(result_text(patient))
            item.setData(Qt.ItemDataRole.UserRole, patient.id)
            self.results.addItem(item)
        if not patients and text.strip():
            self.results.addItem("No patient found. Check the spelling, or add a new patient.")
        # With a patient open, the list only takes room while the user is searching.
        self.results.setVisible(self.session.patient is None or bool(text.strip()))

    def _result_chosen(self, item: QListWidgetItem) -> None:
        patient_id = item.data(Qt.ItemDataRole.UserRole)
        open_id = self.session.patient.id if self.session.patient else None
        if isinstance(patient_id, int) and patient_id != open_id:
            self.patientChosen.emit(patient_id)

    def _open_first_result(self) -> None:
        item = self.results.item(0)
        if item is not None:
            self._result_chosen(item)
