"""Locking the window: after some idle minutes, or on demand (Ctrl+L).

The lock screen hides everything of every patient; only the signed-in user's own password, or
their short unlock PIN, unlocks it, and the window comes back exactly as it was (the patient
view stays the patient view). Another person signs the user out first, then signs in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from consult_app.store import Store, StoreError
from consult_app.store.unlock_pins import MAX_PIN_LENGTH, MIN_PIN_LENGTH, pin_problem
from consult_app.ui.patient_file.common import FieldMessage

if TYPE_CHECKING:
    from consult_app.ui.main_window import MainWindow

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
}


class LockScreen(QWidget):
    """What shows while the window is locked: who is signed in, and a password field."""

    unlocked = Signal()
    signOutRequested = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self._store = store
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        user = store.user
        self.title = QLabel(
            f"<h2>Locked</h2>Signed in as {escape(user.display_name)} ({escape(user.username)})."
        )
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.title)
        self.hint = QLabel()
        self.hint.setObjectName("unlockHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.hint)
        row = QHBoxLayout()
        row.addStretch(1)
        self.password = QLineEdit()
        self.password.setObjectName("unlockPassword")
        self.password.setAccessibleName("Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMinimumWidth(240)
        self.password.returnPressed.connect(self.try_unlock)
        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.try_unlock)
        self.sign_out_button = QPushButton("Sign out")
        self.sign_out_button.setObjectName("lockSignOutButton")
        self.sign_out_button.clicked.connect(self.signOutRequested.emit)
        row.addWidget(self.password)
        row.addWidget(self.unlock_button)
        row.addWidget(self.sign_out_button)
        row.addStretch(1)
        outer.addLayout(row)
        self.message = FieldMessage("unlockMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.message)
        outer.addStretch(2)
        self.prepare()

    def prepare(self) -> None:
        """Say what unlocks the window now (the password, or the PIN too if the user set one)."""
        self._pin = self._store.has_unlock_pin()
        what = "password or your PIN" if self._pin else "password"
        self.hint.setText(
            f"Type your {what} to carry on. Someone else? Sign out first, then sign in."
        )
        self.password.setAccessibleName("Password or PIN" if self._pin else "Password")
        self.message.show_message("")

    def try_unlock(self) -> None:
        """Unlock if the password is the signed-in user's own."""
        password = self.password.text()
        self.password.clear()
        try:
            unlocked = self._store.unlock(password)
        except StoreError as error:  # paused after wrong passwords, or the account disabled
            self.message.show_message(str(error))
            return
        if unlocked:
            self.message.show_message("")
            self.unlocked.emit()
            return
        what = "password or the PIN" if self._pin else "password"
        self.message.show_message(
            f"That is not the {what} of {self._store.user.username}. Try again, or sign out."
        )
        self.password.setFocus()


class IdleLock(QObject):
    """Emit ``idle`` after ``minutes`` without a key press, click or mouse move in the app."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle.emit)
        self.set_interval_ms(max(1, minutes) * 60_000)
        self._watching = False

    def watch(self) -> None:
        """Start counting input anywhere in the app as activity (once; later calls do nothing).

        The main window calls this after its first paint rather than at once: the first events
        a Python filter sees make PySide create wrappers for Qt's own internal objects, a
        one-off cost that need not delay the window. The idle countdown runs from the start.
        """
        app = QApplication.instance()
        if app is not None and not self._watching:
            app.installEventFilter(self)
            self._watching = True

    @property
    def watching(self) -> bool:
        """Whether input is being watched yet."""
        return self._watching

    def set_interval_ms(self, milliseconds: int) -> None:
        """Change the idle time (tests use a short one) and start counting again."""
        self.timer.setInterval(milliseconds)
        self.timer.start()

    def pause(self) -> None:
        """Stop counting (while locked)."""
        self.timer.stop()

    def restart(self) -> None:
        """Start counting from now."""
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Count any input as activity."""
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False


@dataclass
class ShownBeforeLock:
    """What the window showed when it was locked, put back exactly when it is unlocked."""

    patient_view: bool = False
    dialogs: list[QDialog] = field(default_factory=list)
    enabled: dict[QAction, bool] = field(default_factory=dict)


def hide_for_lock(window: MainWindow) -> ShownBeforeLock:
    """Hide every patient's details: the main page, open dialogs and the patient's screen."""
    shown = ShownBeforeLock(patient_view=window.patient_view)
    for dialog in window.findChildren(QDialog):
        if dialog.isVisible():
            shown.dialogs.append(dialog)
            dialog.hide()
    if window.patient_display is not None:
        window.patient_display.close()
        window.patient_display = None
    for action in window.findChildren(QAction):
        shown.enabled[action] = action.isEnabled()
        action.setEnabled(action is window.sign_out_action or action is window.quit_action)
    window.toolbar.setEnabled(False)
    window.statusBar().clearMessage()
    window.stack.setCurrentWidget(window.lock_screen)
    window.lock_screen.prepare()
    window.lock_screen.password.setFocus()
    return shown


def show_after_unlock(window: MainWindow, shown: ShownBeforeLock) -> None:
    """Put back what ``hide_for_lock`` hid: actions, the page, the patient's screen, dialogs."""
    for action, enabled in shown.enabled.items():
        action.setEnabled(enabled)
    window.toolbar.setEnabled(True)
    window.stack.setCurrentWidget(window.main_page)
    if shown.patient_view and window.patient_view and window.patient_display is None:
        window.open_patient_display()
    for dialog in shown.dialogs:
        # A question asked with exec() ended when the lock hid it, and may be deleted by now.
        if isValid(dialog):
            dialog.show()


class UnlockPinDialog(QDialog):
    """Set, change or remove the signed-in user's own unlock PIN (the password confirms it)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockPinDialog")
        self.setWindowTitle("My unlock PIN")
        self._store = store
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"A PIN of {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits unlocks your locked window, "
            "so you need not type your whole password in front of a patient. It cannot sign "
            "you in. Wrong PINs count like wrong passwords."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.password = _secret_edit("pinPasswordEdit", "Your password")
        self.pin = _secret_edit("newPinEdit", "New PIN")
        self.repeat = _secret_edit("repeatPinEdit", "New PIN again")
        for edit in (self.pin, self.repeat):
            edit.setMaxLength(MAX_PIN_LENGTH)
            edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        form.addRow("Your password", self.password)
        form.addRow("New PIN", self.pin)
        form.addRow("New PIN again", self.repeat)
        layout.addLayout(form)
        self.message = FieldMessage("unlockPinMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.set_button = QPushButton("Set PIN")
        self.set_button.setObjectName("setPinButton")
        self.set_button.setDefault(True)
        self.set_button.clicked.connect(self.set_pin)
        self.remove_button = QPushButton("Remove my PIN")
        self.remove_button.setObjectName("removePinButton")
        self.remove_button.clicked.connect(self.remove_pin)
        self.remove_button.setEnabled(store.has_unlock_pin())
        buttons.addButton(self.set_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def set_pin(self) -> None:
        """Save the PIN, or say what to fix and keep the dialog open (nothing typed is lost)."""
        problem = pin_problem(self.pin.text(), self.repeat.text())
        if problem:
            self.message.show_message(problem)
            return
        try:
            self._store.set_unlock_pin(self.password.text(), self.pin.text())
        except StoreError as error:  # a wrong password, or paused after too many
            self.message.show_message(str(error))
            return
        self.accept()

    def remove_pin(self) -> None:
        """Remove the PIN: from now on only the password unlocks."""
        try:
            self._store.remove_unlock_pin()
        except StoreError as error:
            self.message.show_message(str(error))
            return
        self.accept()


def _secret_edit(name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit
