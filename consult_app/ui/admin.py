"""Admin screens: user accounts (add, reset password, disable) and the audit trail viewer."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consult_app.domain.access import ACCOUNT_ROLES, ROLE_TITLES, Role
from consult_app.store import Store, StoreError, ValidationError
from consult_app.store.audit import AuditFilter
from consult_app.ui.patient_file.common import FieldMessage
from consult_app.ui.window_state import fit_to_screen


def _table(headers: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _error_text(error: StoreError) -> str:
    return " ".join(error.errors.values()) if isinstance(error, ValidationError) else str(error)


class UsersDialog(QDialog):
    """Add users with a role, reset a password, disable or enable an account."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.setWindowTitle("Users")
        fit_to_screen(self, 640, 480)
        self._store = store
        self.details_dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        self.table = _table(("User name", "Name", "Role", "State"), "usersTable")
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.reset_password = QLineEdit()
        self.reset_password.setObjectName("resetPasswordEdit")
        self.reset_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reset_password.setPlaceholderText("New password for the chosen user")
        reset = QPushButton("Reset password")
        reset.clicked.connect(self.reset)
        toggle = QPushButton("Disable / enable")
        toggle.setObjectName("toggleUserButton")
        toggle.clicked.connect(self.toggle_disabled)
        details = QPushButton("Paper details…")
        details.setObjectName("paperDetailsButton")
        details.setToolTip("The chosen user's printed name, registration and signature")
        details.clicked.connect(self.edit_paper_details)
        row.addWidget(self.reset_password, 1)
        row.addWidget(reset)
        row.addWidget(toggle)
        row.addWidget(details)
        layout.addLayout(row)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setObjectName("newUsernameEdit")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("newDisplayNameEdit")
        self.role = QComboBox()
        self.role.setObjectName("newRoleChoice")
        for role in ACCOUNT_ROLES:
            self.role.addItem(ROLE_TITLES[role], role.value)
        self.password = QLineEdit()
        self.password.setObjectName("newPasswordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        add = QPushButton("Add user")
        add.setObjectName("addUserButton")
        add.clicked.connect(self.add)
        form.addRow("User name", self.username)
        form.addRow("Name", self.display_name)
        form.addRow("Role", self.role)
        form.addRow("Password", self.password)
        form.addRow("", add)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(1, 120)
        self.lock_minutes.setSuffix(" minutes")
        self.lock_minutes.setValue(store.users.lock_minutes())
        self.lock_minutes.editingFinished.connect(self.save_lock_minutes)
        form.addRow("Lock when idle for", self.lock_minutes)
        layout.addLayout(form)
        self.message = FieldMessage("usersMessage")
        layout.addWidget(self.message)
        self.reload()

    def _chosen(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def _run(self, action: object, done: str) -> None:
        assert callable(action)
        try:
            action()
        except StoreError as error:
            self.message.show_message(_error_text(error))
            return
        self.message.show_message(done)
        self.reload()

    def reload(self) -> None:
        """Show every account."""
        accounts = self._store.users.accounts()
        self.table.setRowCount(len(accounts))
        for row, account in enumerate(accounts):
            user = account.user
            state = "disabled" if account.disabled else "active"
            for column, text in enumerate(
                (user.username, user.display_name, ROLE_TITLES[user.role], state)
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def add(self) -> None:
        """Add the account typed in the form."""
        role = Role(self.role.currentData())
        self._run(
            lambda: self._store.users.add_user(
                self.username.text(),
                self.display_name.text(),
                role,
                self.password.text(),
            ),
            f"Added {self.username.text().strip()}.",
        )
        self.password.clear()

    def reset(self) -> None:
        """Give the chosen account the typed password."""
        name = self._chosen()
        if name is None:
            self.message.show_message("Choose a user in the list first.")
            return
        password = self.reset_password.text()
        self.reset_password.clear()
        self._run(
            lambda: self._store.users.reset_password(name, password),
            f"{name}'s password was changed.",
        )

    def toggle_disabled(self) -> None:
        """Disable the chosen account, or enable it again."""
        row = self.table.currentRow()
        name = self._chosen()
        state = self.table.item(row, 3) if row >= 0 else None
        if name is None or state is None:
            self.message.show_message("Choose a user in the list first.")
            return
        disable = state.text() == "active"
        self._run(
            lambda: self._store.users.set_disabled(name, disable),
            f"{name} was {'disabled' if disable else 'enabled'}.",
        )

    def edit_paper_details(self) -> None:
        """Edit the chosen user's printed name, registration number and signature."""
        from consult_app.ui.practitioner_details import PractitionerDetailsDialog

        name = self._chosen()
        if name is None:
            self.message.show_message("Choose a user in the list first.")
            return
        if self.details_dialog is not None:  # one at a time: the last one is let go
            self.details_dialog.deleteLater()
        dialog = PractitionerDetailsDialog(self._store, name, self)
        dialog.accepted.connect(self.reload)
        dialog.accepted.connect(lambda: self.message.show_message(f"{name}'s details were saved."))
        dialog.open()
        self.details_dialog = dialog

    def save_lock_minutes(self) -> None:
        """Save the idle time before the window locks."""
        minutes = self.lock_minutes.value()
        if minutes != self._store.users.lock_minutes():
            self._run(
                lambda: self._store.users.set_lock_minutes(minutes),
                f"Windows lock after {minutes} idle minutes (from the next sign-in).",
            )


class AuditDialog(QDialog):
    """The audit trail, filtered by user, patient, action and dates; and its chain check."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle("Audit trail")
        fit_to_screen(self, 820, 560)
        self._store = store
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.actor = QLineEdit()
        self.actor.setObjectName("auditActor")
        self.actor.setPlaceholderText("User")
        self.patient = QLineEdit()
        self.patient.setObjectName("auditPatient")
        self.patient.setPlaceholderText("Patient id")
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.action.addItem("Any action", "")
        for action in store.audit.audit_actions():
            self.action.addItem(action, action)
        today = QDate.currentDate()
        self.since = QDateEdit(today.addMonths(-1))
        self.since.setCalendarPopup(True)
        self.until = QDateEdit(today)
        self.until.setCalendarPopup(True)
        show = QPushButton("Show")
        show.clicked.connect(self.reload)
        for widget in (self.actor, self.patient, self.action, self.since, self.until, show):
            filters.addWidget(widget)
        layout.addLayout(filters)
        self.table = _table(("When", "User", "Action", "Patient", "Detail"), "auditTable")
        layout.addWidget(self.table, 1)
        self.check = QLabel()
        self.check.setObjectName("auditCheck")
        self.check.setWordWrap(True)
        layout.addWidget(self.check)
        self.message = FieldMessage("auditMessage")
        layout.addWidget(self.message)
        self.reload()

    def reload(self) -> None:
        """List the entries that match the filters, and check the chain."""
        patient_text = self.patient.text().strip()
        if patient_text and not patient_text.isdigit():
            self.message.show_message("Type the patient's id number, or leave it empty.")
            return
        self.message.show_message("")
        wanted = AuditFilter(
            actor=self.actor.text(),
            patient_id=int(patient_text) if patient_text else None,
            action=str(self.action.currentData() or ""),
            since=self.since.date().toString("yyyy-MM-dd"),
            until=self.until.date().toString("yyyy-MM-dd"),
        )
        entries = self._store.audit.audit_trail(wanted)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            detail = ", ".join(f"{k}={v}" for k, v in sorted(entry.detail.items()))
            for column, text in enumerate(
                (
                    entry.at.strftime("%Y-%m-%d %H:%M:%S"),
                    entry.actor,
                    entry.action,
                    "" if entry.patient_id is None else str(entry.patient_id),
                    detail,
                )
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        problems = self._store.audit.verify_audit()
        self.check.setText(
            "The audit trail is whole: no entry was changed or removed."
            if not problems
            else "The audit trail was tampered with:\n" + "\n".join(problems)
        )
