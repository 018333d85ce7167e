"""Patient details: each field is saved when the user leaves it, if it is valid."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from consult_app.domain.models import Patient, PatientDetails
from consult_app.domain.validation import PATIENT_FIELDS, patient_details_from_form
from consult_app.ui.patient_file.common import (
    NOTICE_STYLE,
    CommitTextEdit,
    FieldMessage,
    attempt,
    field_errors,
    hint,
)
from consult_app.ui.patient_file.duplicate_notice import DuplicateNotice
from consult_app.ui.patient_file.session import PatientSession

LABELS = {
    "given_name": "Given name",
    "family_name": "Family name",
    "preferred_name": "Preferred name",
    "birth_date": "Date of birth",
    "phone": "Phone",
    "email": "Email",
    "language": "Preferred language",
    "notes": "Notes",
}
REQUIRED = ("given_name", "family_name", "birth_date")
NEW_HINT = (
    "New patient: not saved yet. The file is saved as soon as the given name, family name "
    "and date of birth are filled in."
)
ENTER_HINT = " Press Enter to save it and start today's visit."


def _camel(field: str) -> str:
    head, *rest = field.split("_")
    return head + "".join(part.title() for part in rest)


class DetailsForm(QWidget):
    """The patient form. There is no Save button: valid fields save as you leave them.

    Emits ``created`` with a new patient's id, ``visitRequested`` after it when the new patient
    was saved with Enter, and ``openRequested`` when the user chose an existing file instead.
    """

    created = Signal(int)
    visitRequested = Signal()
    openRequested = Signal(int)

    def __init__(self, session: PatientSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientDetails")
        self.session = session
        self.creating = False
        self._touched: set[str] = set()
        self._keep: set[str] = set()  # invalid fields whose typed text must stay on show
        self._enter_pressed = False
        # The name and birth date the user said belong to a different person than the file found.
        self._not_duplicate: tuple[str, str, str] | None = None
        self.edits: dict[str, QLineEdit] = {}
        self.messages: dict[str, FieldMessage] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.status = QLabel()
        self.status.setObjectName("detailsStatus")
        self.status.setAccessibleName("Details status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setStyleSheet(NOTICE_STYLE)
        self.status.hide()
        layout.addWidget(self.status)
        self.duplicate = DuplicateNotice()
        self.duplicate.openRequested.connect(self.openRequested.emit)
        self.duplicate.saveRequested.connect(self._save_duplicate)
        layout.addWidget(self.duplicate)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # The needed fields come first, so Tab goes from one to the next on a walk-in.
        for field in (*REQUIRED, *(f for f in PATIENT_FIELDS if f not in REQUIRED)):
            if field == "notes":
                continue
            edit = QLineEdit()
            edit.setObjectName(_camel(field) + "Edit")
            edit.setAccessibleName(LABELS[field])
            edit.editingFinished.connect(lambda f=field: self._field_left(f))
            edit.returnPressed.connect(lambda f=field: self._enter(f))
            self.edits[field] = edit
            label = LABELS[field] + (" *" if field in REQUIRED else "")
            form.addRow(label, edit)
            self.messages[field] = FieldMessage(_camel(field) + "Message")
            form.addRow("", self.messages[field])
        self.edits["birth_date"].setPlaceholderText("e.g. 1985-03-07 or 07/03/1985")
        self.edits["phone"].setPlaceholderText("e.g. 0412 345 678")
        self.notes = CommitTextEdit()
        self.notes.setObjectName("notesEdit")
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(80)
        self.notes.editingFinished.connect(lambda: self._field_left("notes"))
        form.addRow("Notes", self.notes)
        # Notes may hold clinical remarks: reception neither sees nor saves them.
        form.setRowVisible(self.notes, session.clinical)
        self.messages["notes"] = FieldMessage("notesMessage")
        form.addRow("", self.messages["notes"])
        layout.addLayout(form)
        layout.addWidget(hint("* needed. Each field is saved when you leave it."))
        layout.addStretch(1)
        session.patientChanged.connect(self._load_patient)

    # filling ------------------------------------------------------------------------------
    def start_new(self) -> None:
        """Clear the form for a new patient."""
        self.creating = True
        self._touched.clear()
        self._not_duplicate = None
        self.duplicate.show_existing([])
        self._fill(PatientDetails("", "", None))
        self.status.setText(NEW_HINT + (ENTER_HINT if self.session.clinical else ""))
        self.status.show()
        self.edits["given_name"].setFocus()

    def _load_patient(self) -> None:
        patient = self.session.patient
        if patient is None:
            if not self.creating:
                self._fill(PatientDetails("", "", None))
            return
        self.creating = False
        self.status.hide()
        self.duplicate.show_existing([])
        self._fill(patient.details)

    def _fill(self, details: PatientDetails) -> None:
        values = self._as_text(details)
        for field, edit in self.edits.items():
            if field not in self._keep and edit.text() != values[field]:
                edit.setText(values[field])
        if "notes" not in self._keep and self.notes.toPlainText() != details.notes:
            self.notes.setPlainText(details.notes)
        for message in self.messages.values():
            message.show_message("")

    @staticmethod
    def _as_text(details: PatientDetails) -> dict[str, str]:
        birth = details.birth_date.isoformat() if details.birth_date else ""
        return {
            "given_name": details.given_name,
            "family_name": details.family_name,
            "preferred_name": details.preferred_name,
            "birth_date": birth,
            "phone": details.phone,
            "email": details.email,
            "language": details.language,
            "notes": details.notes,
        }

    def form_values(self) -> dict[str, str]:
        """Return what is typed in each field."""
        values = {field: edit.text() for field, edit in self.edits.items()}
        values["notes"] = self.notes.toPlainText()
        return values

    # saving -------------------------------------------------------------------------------
    def _field_left(self, field: str) -> None:
        patient = self.session.patient
        if patient is None and not self.creating:
            return
        self._touched.add(field)
        details, errors = patient_details_from_form(self.form_values(), self.session.today())
        if patient is None:
            self._save_new(details, errors)
        else:
            self._save_existing(patient, errors)

    def _enter(self, field: str) -> None:
        """Enter on a new patient's form saves it (if it can be) and asks for today's visit."""
        if self.session.patient is not None or not self.creating:
            return
        self._enter_pressed = True
        self._touched.update(REQUIRED)  # Enter asks to save: say what is still missing
        try:
            self._field_left(field)
        finally:
            self._enter_pressed = False

    def _save_duplicate(self) -> None:
        """The user says the patient found is someone else: save the new patient all the same."""
        values = self.form_values()
        self._not_duplicate = self._identity(values)
        self._field_left("given_name")

    @staticmethod
    def _identity(values: dict[str, str]) -> tuple[str, str, str]:
        return (values["given_name"], values["family_name"], values["birth_date"])

    def _show(self, errors: dict[str, str], only: set[str] | None = None) -> None:
        for field, message in self.messages.items():
            shown = only is None or field in only
            message.show_message(errors.get(field, "") if shown else "")

    def _save_new(self, details: PatientDetails | None, errors: dict[str, str]) -> None:
        self._show(errors, self._touched)
        if details is None or details.birth_date is None:
            self.duplicate.show_existing([])
            return
        birth = details.birth_date
        same, _ = attempt(
            lambda: self.session.store.patients.same_person(
                details.given_name, details.family_name, birth
            )
        )
        if same and self._identity(self.form_values()) != self._not_duplicate:
            # Flag before saving: a second file for one person splits their history.
            self.duplicate.show_existing(same)
            return
        self.duplicate.show_existing([])
        today = self.session.today()
        patient, error = attempt(lambda: self.session.store.patients.create_patient(details, today))
        if patient is None:
            self._show(field_errors(error))
            self.status.setText(f"Not saved: {error}")
            return
        self.creating = False
        self.status.hide()
        self.created.emit(patient.id)
        if self._enter_pressed:
            self.visitRequested.emit()

    def _save_existing(self, patient: Patient, errors: dict[str, str]) -> None:
        """Save the valid fields; an invalid field keeps its stored value and shows why."""
        self._show(errors)
        typed, _ = patient_details_from_form(
            {f: v for f, v in self.form_values().items() if f not in errors}
            | {f: t for f, t in self._as_text(patient.details).items() if f in errors},
            self.session.today(),
        )
        if typed is None or typed == patient.details:
            return
        today = self.session.today()
        saved, error = attempt(
            lambda: self.session.store.patients.update_patient(patient.id, typed, today)
        )
        if saved is None:
            self._show(field_errors(error) or {"notes": f"Not saved: {error}"})
            return
        self._keep = set(errors)
        try:
            self.session.patient_saved(saved)
        finally:
            self._keep = set()
        self._show(errors)  # reloading cleared the messages; the invalid fields still need them
