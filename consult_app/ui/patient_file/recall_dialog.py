"""Reception's recall list: who is due for a review or a repeat treatment, with phone numbers.

Filtered by due range, treatment family and practitioner; a patient's file opens from it; a
contact or snooze is recorded against the chosen row; the list prints as a call list (PDF) or
exports as CSV for the clinic's text or email tool. Nothing clinical is shown or exported.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consult_app.content.models import AreaKind
from consult_app.context import AppContext
from consult_app.domain.recalls import DeskRecall, RecallFilter, recalls_csv
from consult_app.paths import write_private_file
from consult_app.store import StoreError
from consult_app.ui.patient_file.common import FieldMessage, show_date
from consult_app.ui.patient_file.plan_tab import from_qdate, to_qdate
from consult_app.ui.patient_file.recall_contact_box import METHOD_TITLES, RecallContactBox
from consult_app.ui.window_state import fit_to_screen

COLUMNS = ("Due", "For", "Name", "Phone", "Last contact")


class RecallDialog(QDialog):
    """Patients due in the chosen range. Emits ``patientRequested(id)`` to open a file."""

    patientRequested = Signal(int)

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recallDialog")
        self.setWindowTitle("Recall list")
        self.setAccessibleName("Recall list")
        self._context = context
        self._today = today
        self.recalls: list[DeskRecall] = []
        self.preview: QDialog | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        self.summary = QLabel()
        self.summary.setObjectName("recallSummary")
        self.summary.setAccessibleName("How many patients are due")
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("recallTable")
        self.table.setAccessibleName("Patients due")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._chosen_changed)
        self.table.itemDoubleClicked.connect(lambda _: self.open_chosen())
        layout.addWidget(self.table, 1)
        self.contact = RecallContactBox(context.store, today)
        self.contact.recorded.connect(self.refresh)
        layout.addWidget(self.contact)
        self.message = FieldMessage("recallMessage")
        layout.addWidget(self.message)
        layout.addWidget(self._build_buttons())
        fit_to_screen(self, 760, 560)
        self.refresh()

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.overdue = QCheckBox("Overdue too, or due from")
        self.overdue.setObjectName("recallOverdue")
        self.overdue.setChecked(True)
        self.due_from = QDateEdit(to_qdate(self._today()))
        self.due_from.setObjectName("recallFrom")
        self.due_from.setAccessibleName("Due from")
        self.due_from.setCalendarPopup(True)
        self.due_from.setEnabled(False)
        self.overdue.toggled.connect(lambda on: self.due_from.setEnabled(not on))
        label = QLabel("up to")
        self.days = QSpinBox()
        self.days.setObjectName("recallDays")
        self.days.setAccessibleName("Due within how many days")
        self.days.setRange(0, 365)
        self.days.setValue(14)
        self.days.setPrefix("today + ")
        self.days.setSuffix(" days")
        label.setBuddy(self.days)
        self.family = QComboBox()
        self.family.setObjectName("recallFamily")
        self.family.setAccessibleName("Which treatments")
        self.family.addItem("All treatments", "")
        families = self._context.content.info.families
        for kind in AreaKind:
            self.family.addItem(families.of(kind).name.get(), kind.value)
        self.practitioner = QComboBox()
        self.practitioner.setObjectName("recallPractitioner")
        self.practitioner.setAccessibleName("Which practitioner")
        self.practitioner.addItem("Any practitioner", "")
        for widget in (self.overdue, self.due_from, label, self.days):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.family)
        row.addWidget(self.practitioner)
        self.overdue.toggled.connect(lambda _: self.refresh())
        self.due_from.dateChanged.connect(lambda _: self.refresh())
        self.days.valueChanged.connect(lambda _: self.refresh())
        self.family.currentIndexChanged.connect(lambda _: self.refresh())
        self.practitioner.currentIndexChanged.connect(lambda _: self.refresh())
        return row

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("recallButtons")
        self.open_button = QPushButton("Open patient")
        self.open_button.setObjectName("recallOpenButton")
        self.open_button.clicked.connect(self.open_chosen)
        self.print_button = QPushButton("Print call list…")
        self.print_button.setObjectName("recallPrintButton")
        self.print_button.clicked.connect(self.print_call_list)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setObjectName("recallExportButton")
        self.export_button.setToolTip("Name, phone, due date and kind, for a text or email tool")
        self.export_button.clicked.connect(self._ask_export)
        for button in (self.open_button, self.print_button, self.export_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        return buttons

    def wanted(self, *, any_practitioner: bool = False) -> RecallFilter:
        """Return the filter the controls describe."""
        today = self._today()
        kind = self.family.currentData()
        areas = (
            frozenset(a.id for a in self._context.content.areas if a.kind.value == kind)
            if kind
            else None
        )
        return RecallFilter(
            due_to=today + timedelta(days=self.days.value()),
            due_from=None if self.overdue.isChecked() else from_qdate(self.due_from.date()),
            areas=areas,
            practitioner=None if any_practitioner else (self.practitioner.currentData() or None),
        )

    def refresh(self) -> None:
        """List the patients the filters ask for."""
        today = self._today()
        desk = self._context.store.recall_desk
        try:
            everyone = desk.recall_list(today, self.wanted(any_practitioner=True))
            self.recalls = desk.recall_list(today, self.wanted())
        except StoreError as error:
            everyone, self.recalls = [], []
            self.message.show_message(f"The list could not be read. {error}")
        else:
            self.message.show_message("")
        self._offer_practitioners(sorted({r.practitioner for r in everyone}))
        self.table.setRowCount(len(self.recalls))
        steps = self._context.content.info.labels.plan_steps
        for index, recall in enumerate(self.recalls):
            due = show_date(recall.due) + (" (overdue)" if recall.due < today else "")
            last = recall.last_contact
            contacted = ""
            if last is not None and last.method is not None:
                contacted = f"{METHOD_TITLES[last.method]} {show_date(last.contacted_on)}"
                contacted += f" ({last.recorded_by})"
            cells = (due, steps.of(recall.kind).get(), recall.name, recall.phone or "no phone")
            for col, value in enumerate((*cells, contacted)):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, recall.patient_id)
                if col == 4 and last is not None and last.note:
                    item.setToolTip(last.note)
                self.table.setItem(index, col, item)
        count = len(self.recalls)
        noun = "patient is" if count == 1 else "patients are"
        self.summary.setText(f"{count} {noun} due by {show_date(self.wanted().due_to)}.")
        self._chosen_changed()

    def _offer_practitioners(self, names: list[str]) -> None:
        chosen = self.practitioner.currentData() or ""
        names = sorted({*names, chosen} - {""})
        offered = [self.practitioner.itemData(i) for i in range(1, self.practitioner.count())]
        if offered == names:
            return
        self.practitioner.blockSignals(True)  # the choice is kept: no second refresh
        while self.practitioner.count() > 1:
            self.practitioner.removeItem(1)
        for name in names:
            self.practitioner.addItem(name, name)
        self.practitioner.setCurrentIndex(max(0, self.practitioner.findData(chosen)))
        self.practitioner.blockSignals(False)

    def chosen(self) -> DeskRecall | None:
        """Return the recall of the chosen row, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.recalls[rows[0].row()] if rows else None

    def _chosen_changed(self) -> None:
        chosen = self.chosen()
        self.contact.show_recall(chosen)
        self.open_button.setEnabled(chosen is not None)

    def open_chosen(self) -> None:
        """Ask for the chosen patient's file to open."""
        chosen = self.chosen()
        if chosen is not None:
            self.patientRequested.emit(chosen.patient_id)

    def csv_text(self) -> str:
        """Return the listed recalls as CSV: id, name, phone, due date, kind; nothing else."""
        return recalls_csv(self.recalls)

    def export_csv(self, path: Path) -> bool:
        """Write the listed recalls to ``path`` as CSV (private to this account)."""
        try:
            write_private_file(path, self.csv_text().encode("utf-8"))
        except OSError as error:
            self.message.show_message(
                f"The list was not saved to {path}: {error.strerror or error}. "
                "Choose a folder you may write to, with space free."
            )
            return False
        self.message.show_message("")
        return True

    def _ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Export the recall list",
            f"recalls {self._today().isoformat()}.csv",
            "CSV (*.csv)",
        )
        if name:
            self.export_csv(Path(name))

    def print_call_list(self) -> None:
        """Preview the listed recalls as a call list, to print or save."""
        # ReportLab and QtPdf are heavy: loaded when the first call list is asked for.
        from consult_app.handout.call_list import CallLine, CallListRequest, build_call_list
        from consult_app.ui.pdf_preview import PdfPreviewDialog

        today = self._today()
        steps = self._context.content.info.labels.plan_steps
        lines = tuple(
            CallLine(
                r.name,
                r.phone,
                r.due,
                steps.of(r.kind).get(),
                show_date(r.last_contact.contacted_on) if r.last_contact else "",
            )
            for r in self.recalls
        )
        scope = f"Due by {show_date(self.wanted().due_to)}"
        pdf = build_call_list(self._context.content, CallListRequest(today, scope, lines))
        dialog = PdfPreviewDialog(pdf, "Recall call list", f"Call list {today}.pdf", self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.preview = dialog
