"""The standard shortcuts, pressed as real keys on the active window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from consult_app.ui.main_window import MainWindow
from consult_app.ui.pdf_preview import PdfPreviewDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier):
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.focusWidget() or window, key, modifier)


def test_ctrl_f_puts_the_cursor_in_patient_search(window: MainWindow, qtbot: QtBot) -> None:
    window.workspace.diagram_tabs.diagrams[next(iter(window.context.diagrams))].setFocus()
    press(qtbot, window, Qt.Key.Key_F, CTRL)
    focus = window.focusWidget()
    assert isinstance(focus, QLineEdit) and focus.objectName() == "patientSearch"


def test_ctrl_shift_v_toggles_the_patient_view(window: MainWindow, qtbot: QtBot) -> None:
    press(qtbot, window, Qt.Key.Key_V, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.patient_view
    patient_file = window.findChild(QWidget, "patientFile")
    assert patient_file is not None and not patient_file.isVisible()
    press(qtbot, window, Qt.Key.Key_V, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert not window.patient_view


def test_f11_switches_full_screen(window: MainWindow, qtbot: QtBot) -> None:
    press(qtbot, window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    press(qtbot, window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_ctrl_p_previews_a_handout(window: MainWindow, qtbot: QtBot) -> None:
    window.selection.toggle("underarms")
    press(qtbot, window, Qt.Key.Key_P, CTRL)
    assert isinstance(window.preview, PdfPreviewDialog)
    assert window.preview.page_count() >= 1


def test_ctrl_l_locks_the_window(window: MainWindow, qtbot: QtBot) -> None:
    press(qtbot, window, Qt.Key.Key_L, CTRL)
    assert window.locked
    assert not window.splitter.isVisible()


def test_ctrl_q_closes_the_window(window: MainWindow, qtbot: QtBot) -> None:
    press(qtbot, window, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not window.isVisible())
