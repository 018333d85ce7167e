"""Signing in: the first start creates the admin account; every start asks who is there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from consult_app.content.models import Content
from consult_app.domain.access import MIN_PASSWORD_LENGTH, User, password_problem
from consult_app.store import Store, StoreError, ValidationError
from consult_app.ui.patient_file.common import FieldMessage


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _ok_cancel(dialog: QDialog, ok_text: str, on_ok: Callable[[], None]) -> QDialogButtonBox:
    """Return OK and Cancel buttons: OK runs ``on_ok`` (which accepts when all is well)."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    if ok_text:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _new_password_saved(
    message: FieldMessage, password: str, repeat: str, save: Callable[[], object]
) -> bool:
    """Check the new password, run ``save``; show what to fix and return False if either fails."""
    problem = password_problem(password, repeat)
    if problem:
        message.show_message(problem)
        return False
    try:
        save()
    except ValidationError as error:
        message.show_message(" ".join(error.errors.values()))
        return False
    except StoreError as error:
        message.show_message(str(error))
        return False
    return True


class FirstRunDialog(QDialog):
    """Create the admin account on the first start, and sign them in.

    ``created`` holds the new user, ``signed_in`` the store acting for them.
    """

    def __init__(self, store: Store, clinic: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle("Create the admin account")
        self._store = store
        self.created: User | None = None
        self.signed_in: Store | None = None
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
        layout.addWidget(_ok_cancel(self, "", self.create_account))

    def create_account(self) -> None:
        """Create the account, or say what to fix."""

        def create() -> None:
            self.created = self._store.users.create_first_admin(
                self.username.text(), self.display_name.text(), self.password.text()
            )

        if not _new_password_saved(self.message, self.password.text(), self.repeat.text(), create):
            return
        try:
            self.signed_in = self._store.sign_in(self.username.text(), self.password.text())
        except StoreError as error:
            # The account is kept: the sign-in dialog that follows lets them try again.
            self.message.show_message(str(error))
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
        layout.addWidget(_ok_cancel(self, "Sign in", self.sign_in))

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


def ask_sign_in(
    store: Store, clinic: str, hint: str = "", *, content: Content | None = None
) -> Store | None:
    """Ask who is there and sign them in; ``None`` if the user gave up.

    On the first start (no accounts yet) the clinic's details are asked first when ``content``
    is given, then the admin account is created and that admin signed in.
    """
    if not store.users.has_users():
        if content is not None:
            from consult_app.ui.clinic_settings import ClinicSettingsDialog

            setup = ClinicSettingsDialog(store, content, first_start=True)
            if setup.exec() != QDialog.DialogCode.Accepted:
                return None
            clinic = setup.saved.name if setup.saved is not None else clinic
        first = FirstRunDialog(store, clinic)
        if first.exec() != QDialog.DialogCode.Accepted:
            return None
        if first.signed_in is not None:
            return first.signed_in
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
        layout.addWidget(_ok_cancel(self, "Change password", self.change))

    def change(self) -> None:
        """Change the password, or say what to fix and keep the dialog open."""
        new = self.new.text()
        if _new_password_saved(
            self.message,
            new,
            self.repeat.text(),
            lambda: self._store.change_own_password(self.current.text(), new),
        ):
            self.accept()
