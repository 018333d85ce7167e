"""The patient file: find a patient, then their details, safety check, goals, plan and visits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from consult_app.context import AppContext
from consult_app.ui.patient_file.common import attempt, hint, scrolling
from consult_app.ui.patient_file.details_tab import DetailsForm
from consult_app.ui.patient_file.front_desk_tab import FrontDeskTab
from consult_app.ui.patient_file.patient_search import PatientSearch
from consult_app.ui.patient_file.session import PatientSession
from consult_app.ui.patient_file.visit_header import VisitHeader
from consult_app.ui.selection import AreaSelection

if TYPE_CHECKING:
    from consult_app.ui.patient_file.recall_dialog import RecallDialog

#: The panel's margin on each side, in pixels.
_MARGIN = 4


def _ask(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, "Finish visit", question)
    return answer == QMessageBox.StandardButton.Yes


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
        layout.setContentsMargins(_MARGIN, _MARGIN, _MARGIN, _MARGIN)
        self.finder = PatientSearch(self.session)
        self.finder.patientChosen.connect(self.open_patient)
        self.finder.newPatientRequested.connect(self.new_patient)
        self.finder.recallsRequested.connect(self.show_recalls)
        layout.addWidget(self.finder)
        # The search box and the list of patients found, as the window and tests know them.
        self.search = self.finder.search
        self.results = self.finder.results
        self.header = VisitHeader(self.session, lambda question: self.confirm_finish(question))
        self.header.closeRequested.connect(self.close_patient)
        self.header.visitStarted.connect(self._visit_started)
        layout.addWidget(self.header)
        self.name_label = self.header.name_label
        self.info_label = self.header.info_label
        self.visit_message = self.header.visit_message
        self.empty_hint = hint(
            "No patient open. Search above (Ctrl+F), or add a new patient.", "noPatientHint"
        )
        layout.addWidget(self.empty_hint)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("patientTabs")
        self.tabs.setAccessibleName("Patient file sections")
        self.tabs.setUsesScrollButtons(False)  # every tab in sight: the panel grows to fit
        self.tabs.setDocumentMode(True)
        self.tabs.setStyleSheet("QTabBar::tab { padding: 4px 4px; }")
        self.details = DetailsForm(self.session)
        self.details.created.connect(self.open_patient)
        self.details.openRequested.connect(self.open_patient)
        self.details.visitRequested.connect(self._visit_requested)
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
        layout.addWidget(self.tabs, 1)
        layout.addStretch(0)
        self._patient_shown: int | None = None
        self.session.patientChanged.connect(self._show_patient)
        self.finder.show_results("")
        self._show_patient()

    def handouts_changed(self) -> None:
        """Show a handout that was just issued in the open patient's list."""
        self.front_desk.reload()

    def consent_recorded(self) -> None:
        """After consent, the next step is the treatment: show its tab."""
        if self._clinical_tabs_built and self.session.visit_id is not None:
            self.tabs.setCurrentWidget(self.treatment)

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
        # Wide enough for every tab's name, so no tab hides behind scroll arrows.
        needed = self.tabs.minimumSizeHint().width() + 2 * _MARGIN
        self.setMinimumWidth(max(self.minimumWidth(), needed))

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
        self.finder.focus()

    def open_patient(self, patient_id: int) -> None:
        """Open a patient's file on their open (or latest) visit."""
        self._build_clinical_tabs()
        _, error = attempt(lambda: self.session.open_patient(patient_id))
        if error is not None:
            self.visit_message.show_message(str(error))
            return
        self.tabs.setCurrentIndex(0)
        self.finder.clear()
        self.patientOpened.emit(patient_id)

    def close_patient(self) -> None:
        """Close the open patient (everything is already saved)."""
        was_open = self.session.patient is not None or self.details.creating
        self.details.creating = False
        self.session.close_patient()
        self.finder.refresh()
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
        self.header.start_visit()

    def show_recalls(self) -> RecallDialog:
        """Open (or bring forward) the recall list without blocking."""
        if self.recall_dialog is None:
            from consult_app.ui.patient_file.recall_dialog import RecallDialog

            self.recall_dialog = RecallDialog(self.context, self, today=self._today)
            self.recall_dialog.patientRequested.connect(self.open_patient)
        else:
            self.recall_dialog.refresh()
        self.recall_dialog.show()
        self.recall_dialog.raise_()
        return self.recall_dialog

    # behaviour ----------------------------------------------------------------------------
    def _show_patient(self) -> None:
        patient = self.session.patient
        creating = self.details.creating
        self.header.setVisible(patient is not None)
        self.tabs.setVisible(patient is not None or creating)
        self.empty_hint.setVisible(patient is None and not creating)
        for index in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(index, patient is not None)
        shown = patient.id if patient is not None else None
        if shown != self._patient_shown:
            # Another patient: no message or scroll position of the last one carries over.
            self._patient_shown = shown
            self.visit_message.show_message("")
            for area in self.tabs.findChildren(QScrollArea):
                area.verticalScrollBar().setValue(0)
        self.header.show_patient()

    def _visit_requested(self) -> None:
        # Enter on a new patient's form: the practitioner goes straight on to the visit.
        if self.session.clinical and self.session.patient is not None:
            self.header.start_visit()

    def _visit_started(self) -> None:
        # A new visit starts with the safety check, the keyboard on its first question.
        self.tabs.setCurrentWidget(self.screening)
        self.screening.focus_start()
