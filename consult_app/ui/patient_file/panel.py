"""The patient file: find a patient, then their details, safety check, goals, plan and visits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from consult_app.context import AppContext
from consult_app.domain.models import Patient
from consult_app.ui.patient_file.common import FieldMessage, attempt, hint, scrolling, show_date
from consult_app.ui.patient_file.details_tab import DetailsForm
from consult_app.ui.patient_file.front_desk_tab import FrontDeskTab
from consult_app.ui.patient_file.session import PatientSession
from consult_app.ui.selection import AreaSelection

if TYPE_CHECKING:
    from consult_app.ui.patient_file.recall_dialog import RecallDialog

FINISH_QUESTION = (
    "Finish this visit? It will be locked. Later corrections are kept as amendments, "
    "with your reason."
)


def _ask(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, "Finish visit", question)
    return answer == QMessageBox.StandardButton.Yes


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


class PatientFilePanel(QWidget):
    """The left column of the main window.

    ``confirm_finish(question) -> bool`` asks before a visit is locked; replace it to answer
    without a dialog. ``today`` gives the date for checks and lists (the store's visits use
    the store's own clock).
    """

    patientOpened = Signal(int)
    patientClosed = Signal()
    #: Reception asked to print a kept handout again (its id).
    reprintRequested = Signal(int)

    def __init__(
        self,
        context: AppContext,
        selection: AreaSelection,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("patientFile")
        self.setAccessibleName("Patient file")
        self.setMinimumWidth(320)
        self.context = context
        self._today = today
        self.session = PatientSession(context, selection, today, self)
        self.confirm_finish: Callable[[str], bool] = lambda q: _ask(self, q)
        self.recall_dialog: RecallDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self._build_search(layout)
        self._build_header(layout)
        self.empty_hint = hint(
            "No patient open. Search above (Ctrl+F), or add a new patient.", "noPatientHint"
        )
        layout.addWidget(self.empty_hint)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("patientTabs")
        self.tabs.setAccessibleName("Patient file sections")
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setDocumentMode(True)
        self.tabs.setStyleSheet("QTabBar::tab { padding: 4px 4px; }")
        self.details = DetailsForm(self.session)
        self.details.created.connect(self.open_patient)
        self.tabs.addTab(scrolling(self.details, "detailsScroll"), "Details")
        self.front_desk = FrontDeskTab(self.session)
        self.front_desk.reprintRequested.connect(self.reprintRequested.emit)
        self._clinical_tabs_built = False
        if self.session.clinical:
            # The clinical tabs are built when the first patient is opened: quicker start-up.
            self.tabs.addTab(self.front_desk, "Handouts")
        else:
            # Reception: details, plan dates and handouts only; no clinical tab is built.
            self.tabs.addTab(self.front_desk, "Plan and handouts")
            for button in (self.start_button, self.finish_button, self.visit_choice):
                button.hide()
        layout.addWidget(self.tabs, 1)
        layout.addStretch(0)
        self.session.patientChanged.connect(self._show_patient)
        self.session.visitChanged.connect(self._show_visits)
        self.session.recordChanged.connect(self._show_visits)
        self._search("")
        self._show_patient()

    def handouts_changed(self) -> None:
        """Show a handout that was just issued in the open patient's list."""
        self.front_desk.reload()

    # building -----------------------------------------------------------------------------
    def _build_clinical_tabs(self) -> None:
        """Build the safety, goals, plan, treatment, review and history tabs (once)."""
        if self._clinical_tabs_built or not self.session.clinical:
            return
        from consult_app.ui.patient_file.goals_tab import GoalsTab
        from consult_app.ui.patient_file.history_tab import HistoryTab
        from consult_app.ui.patient_file.plan_tab import PlanTab
        from consult_app.ui.patient_file.review_tab import ReviewTab
        from consult_app.ui.patient_file.screening_tab import ScreeningTab
        from consult_app.ui.patient_file.treatment_tab import TreatmentTab

        self._clinical_tabs_built = True
        self.screening = ScreeningTab(self.session)
        self.goals = GoalsTab(self.session)
        self.plan = PlanTab(self.session)
        self.treatment = TreatmentTab(self.session)
        self.review = ReviewTab(self.session)
        self.history = HistoryTab(self.session)
        for index, (widget, title) in enumerate(
            (
                (self.screening, "Safety"),
                (self.goals, "Goals"),
                (self.plan, "Plan"),
                (self.treatment, "Treatment"),
                (self.review, "Review"),
                (self.history, "History"),
            ),
            start=1,
        ):
            self.tabs.insertTab(index, widget, title)

    def _build_search(self, layout: QVBoxLayout) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("patientSearch")
        self.search.setAccessibleName("Find a patient")
        self.search.setPlaceholderText("Find: name, phone or date of birth")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
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
        self.new_button.clicked.connect(self.new_patient)
        self.recall_button = QPushButton("Recall list")
        self.recall_button.setObjectName("recallButton")
        self.recall_button.setAccessibleName("Recall list")
        self.recall_button.clicked.connect(self.show_recalls)
        row.addWidget(self.new_button)
        row.addWidget(self.recall_button)
        row.addStretch(1)
        layout.addLayout(row)

    def _build_header(self, layout: QVBoxLayout) -> None:
        self.header = QFrame()
        self.header.setObjectName("patientHeader")
        self.header.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self.header)
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
        self.close_button.clicked.connect(self.close_patient)
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
        layout.addWidget(self.header)

    # public API ---------------------------------------------------------------------------
    @property
    def current_patient_id(self) -> int | None:
        """Return the open patient's id."""
        return self.session.patient.id if self.session.patient else None

    @property
    def current_visit_id(self) -> int | None:
        """Return the shown visit's id."""
        return self.session.visit_id

    def focus_search(self) -> None:
        """Put the cursor in the search box, with its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_patient(self, patient_id: int) -> None:
        """Open a patient's file on their open (or latest) visit."""
        self._build_clinical_tabs()
        _, error = attempt(lambda: self.session.open_patient(patient_id))
        if error is not None:
            self.visit_message.show_message(str(error))
            return
        self.tabs.setCurrentIndex(0)
        self.search.clear()
        self._search("")
        self.patientOpened.emit(patient_id)

    def close_patient(self) -> None:
        """Close the open patient (everything is already saved)."""
        was_open = self.session.patient is not None or self.details.creating
        self.details.creating = False
        self.session.close_patient()
        self._search(self.search.text())
        if was_open:
            self.patientClosed.emit()

    def new_patient(self) -> None:
        """Start a new patient's file on the Details tab."""
        if self.session.patient is not None:
            self.close_patient()
        self.details.start_new()
        self._show_patient()
        self.tabs.setCurrentIndex(0)
        self.details.edits["given_name"].setFocus()

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
        self.tabs.setCurrentWidget(self.screening)

    def finish_visit(self) -> None:
        """Finish and lock the shown visit after asking; the plan moves on."""
        visit_id = self.session.visit_id
        if visit_id is None or self.session.visit_locked:
            return
        if not self.confirm_finish(FINISH_QUESTION):
            return
        _, error = attempt(
            lambda: self.session.store.visits.finish_visit(visit_id, self.session.content)
        )
        if error is not None:
            self.visit_message.show_message(str(error))
            return
        self.visit_message.show_message("Visit finished and locked. The plan was updated.")
        self.session.visit_finished()

    def show_recalls(self) -> RecallDialog:
        """Open (or bring forward) the recall list without blocking."""
        if self.recall_dialog is None:
            from consult_app.ui.patient_file.recall_dialog import RecallDialog

            self.recall_dialog = RecallDialog(self.context, self, today=self._today)
        else:
            self.recall_dialog.refresh()
        self.recall_dialog.show()
        self.recall_dialog.raise_()
        return self.recall_dialog

    # behaviour ----------------------------------------------------------------------------
    def _search(self, text: str) -> None:
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
        if isinstance(patient_id, int) and patient_id != self.current_patient_id:
            self.open_patient(patient_id)

    def _open_first_result(self) -> None:
        item = self.results.item(0)
        if item is not None:
            self._result_chosen(item)

    def _show_patient(self) -> None:
        patient = self.session.patient
        creating = self.details.creating
        self.header.setVisible(patient is not None)
        self.tabs.setVisible(patient is not None or creating)
        self.empty_hint.setVisible(patient is None and not creating)
        for index in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(index, patient is not None)
        if patient is None:
            return
        self.name_label.setText(patient.display_name)
        age = self.session.age()
        bits = [f"age {age}" if age is not None else "age not known"]
        bits.append(patient.details.phone or "no phone")
        self.info_label.setText("  \u00b7  ".join(bits))
        self._show_visits()

    def _show_visits(self) -> None:
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
