"""Signing in: the first start creates the admin account; every start asks who is there."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from consult_app.domain.access import MIN_PASSWORD_LENGTH, User, password_problem
from consult_app.store import Store, StoreError, ValidationError
from consult_app.ui.patient_file.common import FieldMessage


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class FirstRunDialog(QDialog):
    """Create the admin account on the first start. ``created`` holds the new user."""

    def __init__(self, store: Store, clinic: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle("Create the admin account")
        self._store = store
        self.created: User | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Welcome to {clinic}'s consultation app. First, create the admin account. "
            "The admin adds the other users. Use a password of at least "
            f"{MIN_PASSWORD_LENGTH} characters that you do not use anywhere else."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setObjectName("usernameEdit")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("displayNameEdit")
        self.password = _password_edit("passwordEdit")
        self.repeat = _password_edit("repeatEdit")
        form.addRow("User name", self.username)
        form.addRow("Your name", self.display_name)
        form.addRow("Password", self.password)
        form.addRow("Password again", self.repeat)
        layout.addLayout(form)
        self.message = FieldMessage("firstRunMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.create_account)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def create_account(self) -> None:
        """Create the account, or say what to fix."""
        problem = password_problem(self.password.text(), self.repeat.text())
        if problem:
            self.message.show_message(problem)
            return
        try:
            self.created = self._store.create_first_admin(
                self.username.text(), self.display_name.text(), self.password.text()
            )
        except ValidationError as error:
            self.message.show_message(" ".join(error.errors.values()))
            return
        except StoreError as error:
            self.message.show_message(str(error))
            return
        self.accept()


class SignInDialog(QDialog):
    """Ask for a user name and password. ``signed_in`` holds the store acting for them."""

    def __init__(
        self, store: Store, clinic: str, parent: QWidget | None = None, *, hint: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(f"Sign in: {clinic}")
        self._store = store
        self.signed_in: Store | None = None
        layout = QVBoxLayout(self)
        if hint:
            note = QLabel(hint)
            note.setObjectName("signInHint")
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setObjectName("usernameEdit")
        self.password = _password_edit("passwordEdit")
        form.addRow("User name", self.username)
        form.addRow("Password", self.password)
        layout.addLayout(form)
        self.message = FieldMessage("signInMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Sign in")
        buttons.accepted.connect(self.sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def sign_in(self) -> None:
        """Sign in, or say what went wrong and let the user try again."""
        try:
            self.signed_in = self._store.sign_in(self.username.text(), self.password.text())
        except StoreError as error:
            self.password.clear()
            self.password.setFocus()
            self.message.show_message(str(error))
            return
        self.accept()


def ask_sign_in(store: Store, clinic: str, hint: str = "") -> Store | None:
    """Create the admin on the first start, then sign in; ``None`` if the user gave up."""
    if not store.has_users():
        first = FirstRunDialog(store, clinic)
        if first.exec() != QDialog.DialogCode.Accepted:
            return None
    dialog = SignInDialog(store, clinic, hint=hint)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.signed_in


class ChangePasswordDialog(QDialog):
    """Change the signed-in user's own password."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle("Change my password")
        self._store = store
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Use at least {MIN_PASSWORD_LENGTH} characters that you do not use anywhere else."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.current = _password_edit("currentPasswordEdit")
        self.new = _password_edit("newPasswordEdit")
        self.repeat = _password_edit("repeatPasswordEdit")
        form.addRow("Current password", self.current)
        form.addRow("New password", self.new)
        form.addRow("New password again", self.repeat)
        layout.addLayout(form)
        self.message = FieldMessage("changePasswordMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Change password")
        buttons.accepted.connect(self.change)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def change(self) -> None:
        """Change the password, or say what to fix and keep the dialog open."""
        problem = password_problem(self.new.text(), self.repeat.text())
        if problem:
            self.message.show_message(problem)
            return
        try:
            self._store.change_own_password(self.current.text(), self.new.text())
        except ValidationError as error:
            self.message.show_message(" ".join(error.errors.values()))
            return
        except StoreError as error:
            self.message.show_message(str(error))
            return
        self.accept()
