"""Reception's recall list: who is due for a review or a repeat treatment, with phone numbers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consult_app.context import AppContext
from consult_app.domain.models import Recall
from consult_app.store import StoreError
from consult_app.ui.patient_file.common import FieldMessage, show_date
from consult_app.ui.window_state import fit_to_screen

COLUMNS = ("Due", "For", "Name", "Phone")


class RecallDialog(QDialog):
    """Patients due within N days (overdue ones too). Open it with ``show()`` or ``open()``."""

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
        self.recalls: list[Recall] = []
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        label = QLabel("Due within")
        self.days = QSpinBox()
        self.days.setObjectName("recallDays")
        self.days.setAccessibleName("Due within how many days")
        self.days.setRange(0, 365)
        self.days.setValue(14)
        self.days.setSuffix(" days")
        label.setBuddy(self.days)
        row.addWidget(label)
        row.addWidget(self.days)
        row.addStretch(1)
        layout.addLayout(row)
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
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.message = FieldMessage("recallMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("recallButtons")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.days.valueChanged.connect(lambda _: self.refresh())
        fit_to_screen(self, 560, 420)
        self.refresh()

    def refresh(self) -> None:
        """List the patients due by today + the chosen number of days."""
        today = self._today()
        try:
            self.recalls = self._context.store.patients.recalls(today, self.days.value())
        except StoreError as error:
            self.recalls = []
            self.message.show_message(f"The list could not be read. {error}")
        else:
            self.message.show_message("")
        self.table.setRowCount(len(self.recalls))
        steps = self._context.content.info.labels.plan_steps
        for index, recall in enumerate(self.recalls):
            due = show_date(recall.due) + (" (overdue)" if recall.due < today else "")
            values = (due, steps.of(recall.kind).get(), recall.name)
            for col, value in enumerate((*values, recall.phone or "no phone")):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, recall.patient_id)
                self.table.setItem(index, col, item)
        count = len(self.recalls)
        noun = "patient is" if count == 1 else "patients are"
        self.summary.setText(f"{count} {noun} due by {show_date(self._due_by(today))}.")

    def _due_by(self, today: date) -> date:
        return today + timedelta(days=self.days.value())
