"""Recording a contact about a recall (how, when, a short note) or snoozing it to a date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from consult_app.domain.recalls import MAX_CONTACT_NOTE_LENGTH, ContactMethod, DeskRecall
from consult_app.store import Store, StoreError
from consult_app.ui.patient_file.common import FieldMessage
from consult_app.ui.patient_file.plan_tab import from_qdate, to_qdate

METHOD_TITLES: dict[ContactMethod, str] = {
    ContactMethod.PHONE: "Phone call",
    ContactMethod.SMS: "Text message",
    ContactMethod.EMAIL: "Email",
    ContactMethod.LETTER: "Letter",
    ContactMethod.IN_PERSON: "In person",
}


class RecallContactBox(QGroupBox):
    """Acts on :attr:`recall`; emits ``recorded`` once a contact or snooze is saved."""

    recorded = Signal()

    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__("Contact about the chosen patient", parent)
        self.setObjectName("recallContactBox")
        self._store = store
        self._today = today
        self.recall: DeskRecall | None = None
        grid = QGridLayout(self)
        self.method = QComboBox()
        self.method.setObjectName("contactMethod")
        self.method.setAccessibleName("How the patient was contacted")
        for method, title in METHOD_TITLES.items():
            self.method.addItem(title, method.value)
        self.contacted_on = QDateEdit(to_qdate(today()))
        self.contacted_on.setObjectName("contactDate")
        self.contacted_on.setAccessibleName("Day of the contact")
        self.contacted_on.setCalendarPopup(True)
        self.note = QLineEdit()
        self.note.setObjectName("contactNote")
        self.note.setAccessibleName("Short note about the contact")
        self.note.setMaxLength(MAX_CONTACT_NOTE_LENGTH)
        self.note.setPlaceholderText("For example: left a message, will call back")
        self.record_button = QPushButton("Record contact")
        self.record_button.setObjectName("recordContactButton")
        self.record_button.clicked.connect(self.record_contact)
        self.snooze_to = QDateEdit(to_qdate(today() + timedelta(days=7)))
        self.snooze_to.setObjectName("snoozeDate")
        self.snooze_to.setAccessibleName("Snooze the recall until")
        self.snooze_to.setCalendarPopup(True)
        self.snooze_button = QPushButton("Snooze")
        self.snooze_button.setObjectName("snoozeButton")
        self.snooze_button.clicked.connect(self.snooze)
        self.message = FieldMessage("contactMessage")
        for col, (label, widget) in enumerate(
            (("How", self.method), ("On", self.contacted_on), ("Note", self.note))
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            grid.addWidget(caption, 0, col * 2)
            grid.addWidget(widget, 0, col * 2 + 1)
        grid.addWidget(self.record_button, 0, 6)
        grid.addWidget(QLabel("Or hide it until"), 1, 0, 1, 3)
        grid.addWidget(self.snooze_to, 1, 3)
        grid.addWidget(self.snooze_button, 1, 6)
        grid.addWidget(self.message, 2, 0, 1, 7)
        grid.setColumnStretch(5, 1)
        self.show_recall(None)

    def show_recall(self, recall: DeskRecall | None) -> None:
        """Act on ``recall`` from now on (``None``: nothing chosen, the buttons are off)."""
        self.recall = recall
        for widget in (self.record_button, self.snooze_button):
            widget.setEnabled(recall is not None)
        self.message.show_message("")

    def record_contact(self) -> None:
        """Record that the chosen patient was contacted, how and when, with the note."""
        method = ContactMethod(self.method.currentData())
        on = from_qdate(self.contacted_on.date())
        note = self.note.text()
        desk = self._store.recall_desk
        if self._save(
            lambda r: desk.record_recall_contact(
                r.patient_id, r.due, self._today(), method=method, on=on, note=note
            )
        ):
            self.note.clear()

    def snooze(self) -> None:
        """Hide the chosen recall from the list until the chosen date."""
        until = from_qdate(self.snooze_to.date())
        desk = self._store.recall_desk
        self._save(
            lambda r: desk.record_recall_contact(
                r.patient_id, r.due, self._today(), snooze_to=until
            )
        )

    def _save(self, save: Callable[[DeskRecall], object]) -> bool:
        recall = self.recall
        if recall is None:
            return False
        try:
            save(recall)
        except StoreError as error:
            # Nothing was saved: what was typed stays, to correct and try again.
            self.message.show_message(f"Not recorded. {error}")
            return False
        self.message.show_message("")
        self.recorded.emit()
        return True
