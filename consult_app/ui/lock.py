"""Locking the window: after some idle minutes, or on demand (Ctrl+L).

The lock screen hides everything; only the signed-in user's own password unlocks it.
Another person signs the user out first, then signs in as themselves.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.store import Store, StoreError
from consult_app.ui.patient_file.common import FieldMessage

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
        hint = QLabel("Type your password to carry on. Someone else? Sign out first, then sign in.")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(hint)
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
        self.message.show_message(
            f"That is not the password of {self._store.user.username}. Try again, or sign out."
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
