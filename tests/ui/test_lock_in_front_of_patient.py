"""Locking in front of a patient: nothing of any patient shows, a short PIN unlocks, and the
window comes back exactly as it was (the patient view stays the patient view)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from consult_app.app import create_main_window
from consult_app.domain.access import Role, User
from consult_app.domain.models import PatientDetails
from consult_app.store import Store
from consult_app.ui.lock import UnlockPinDialog
from consult_app.ui.main_window import MainWindow

PASSWORD = "a long enough secret"
PIN = "2580"


@pytest.fixture
def system(data_dir: Path) -> Iterator[Store]:
    store = Store.open(data_dir)
    yield store
    store.close()


@pytest.fixture
def hala(system: Store) -> User:
    system.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
    admin = system.sign_in("owner", PASSWORD)
    return admin.users.add_user("hala", "Hala Haddad", Role.PRACTITIONER, PASSWORD)


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, hala: User) -> MainWindow:
    win = create_main_window(data_dir, user=hala)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def shown_text(window: MainWindow) -> str:
    """Return every text a person could read in the window and its open dialogs now."""
    texts = [window.windowTitle(), window.statusBar().currentMessage()]
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QTextEdit):
            texts.append(widget.toPlainText())
        if widget.isWindow():
            texts.append(widget.windowTitle())
    return "\n".join(texts)


def is_locked(window: MainWindow) -> bool:
    """Return whether the window is locked (read afresh: unlocking changes it)."""
    return window.locked


def set_pin_from_the_file_menu(window: MainWindow, qtbot: QtBot) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    action = next(a for a in file_menu.actions() if a.text() == "My unlock P&IN…")
    assert action.isVisible()
    action.trigger()
    dialog = window.findChild(UnlockPinDialog, "unlockPinDialog")
    assert isinstance(dialog, UnlockPinDialog)
    qtbot.waitExposed(dialog)
    dialog.password.setText(PASSWORD)
    dialog.pin.setText(PIN)
    dialog.repeat.setText("2581")
    dialog.set_button.click()
    assert "not the same" in dialog.message.text()
    assert dialog.isVisible()  # nothing typed is lost: fix it and try again
    dialog.repeat.setText(PIN)
    dialog.set_button.click()
    assert not dialog.isVisible()


def test_the_pin_unlocks_and_the_patient_view_stays_the_patient_view(
    window: MainWindow, qtbot: QtBot
) -> None:
    store = window.context.store
    patient = store.patients.create_patient(
        PatientDetails("Zelda", "Quennell", date(1990, 5, 17)), date.today()
    )
    window.patient_panel.open_patient(patient.id)
    window.selection.toggle("masseter")
    set_pin_from_the_file_menu(window, qtbot)
    assert store.has_unlock_pin()
    window.set_patient_view(True)
    assert not window.patient_panel.isVisible()

    window.lock_action.trigger()
    assert window.locked
    text = shown_text(window)
    assert "Quennell" not in text and "Zelda" not in text
    assert "your PIN" in window.lock_screen.hint.text()
    password = window.lock_screen.password
    qtbot.keyClicks(password, "1357")
    qtbot.keyClick(password, Qt.Key.Key_Return)
    assert window.locked
    assert "not the password or the PIN of hala" in window.lock_screen.message.text()
    qtbot.keyClicks(password, PIN)
    qtbot.keyClick(password, Qt.Key.Key_Return)

    assert not is_locked(window)
    assert window.patient_view and window.patient_view_action.isChecked()
    assert not window.patient_panel.isVisible()
    assert window.workspace.isVisible()
    assert window.patient_panel.current_patient_id == patient.id
    assert "masseter" in window.selection.selected
    assert window.print_action.isEnabled()


def test_open_dialogs_hide_while_locked_and_come_back(window: MainWindow, qtbot: QtBot) -> None:
    store = window.context.store
    patient = store.patients.create_patient(
        PatientDetails("Zelda", "Quennell", date(1990, 5, 17)), date.today()
    )
    window.patient_panel.open_patient(patient.id)
    window.show_warning("Cannot save Zelda Quennell", "Check the disk.")
    box = window.last_message
    assert box is not None and box.isVisible()
    window.lock()
    assert not box.isVisible()
    assert "Quennell" not in shown_text(window)
    assert "your password to carry on" in window.lock_screen.hint.text()  # no PIN set
    window.lock_screen.password.setText(PASSWORD)
    window.lock_screen.try_unlock()
    assert not is_locked(window)
    assert box.isVisible()
    assert not window.patient_view
    assert window.patient_panel.isVisible()


def test_a_question_asked_when_the_window_locks_is_not_answered_yes_nor_shown_again(
    window: MainWindow, qtbot: QtBot
) -> None:
    QTimer.singleShot(50, window.lock)
    answer = QMessageBox.question(window, "Finish visit", "Finish the visit of Zelda Quennell?")
    assert is_locked(window)
    assert answer != QMessageBox.StandardButton.Yes
    assert "Quennell" not in shown_text(window)
    window.lock_screen.password.setText(PASSWORD)
    window.lock_screen.try_unlock()  # the question is gone: nothing to show again
    assert not is_locked(window)
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]


TWO_SCREENS = {
    "screens": [
        {"name": "Practitioner", "x": 0, "y": 0, "width": 1366, "height": 768,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "Patient", "x": 1366, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    ]
}  # fmt: skip

LOCK_ON_TWO_SCREENS = """
import json, sys
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from consult_app.app import create_main_window
app = QApplication(sys.argv)
window = create_main_window(sys.argv[1])
window.setScreen(next(s for s in QGuiApplication.screens() if s.name() == "Practitioner"))
window.show()
app.processEvents()
window.selection.toggle("masseter")
window.set_patient_view(True)
app.processEvents()
def patient_screen_open():
    return any(
        w.isVisible() and w.screen().name() == "Patient" for w in QApplication.topLevelWidgets()
    )
seen = {"before": patient_screen_open()}
window.lock()
app.processEvents()
seen["locked"] = patient_screen_open()
window.unlock()
app.processEvents()
seen["unlocked"] = patient_screen_open()
seen["patient_view"] = window.patient_view
print(json.dumps(seen))
"""


@pytest.mark.gui
@pytest.mark.slow
def test_the_patients_own_screen_is_hidden_while_locked_and_back_after(tmp_path: Path) -> None:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(TWO_SCREENS), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    env.pop("QT_SCALE_FACTOR", None)
    result = subprocess.run(
        [sys.executable, "-c", LOCK_ON_TWO_SCREENS, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"before": True, "locked": False, "unlocked": True, "patient_view": True}
