"""Every control a person can reach has a name that a screen reader can say."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTextEdit,
    QWidget,
)

from consult_app.ui.main_window import MainWindow

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QTextEdit,
    QAbstractItemView,
)


def unnamed_controls(root: QWidget) -> list[str]:
    missing: list[str] = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if type(widget).__name__ in {"QTabBar", "QScrollBar", "QToolBarExtension"}:
            continue
        own_text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName().strip() or own_text.strip()):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_main_window_controls_have_accessible_names(window: MainWindow) -> None:
    assert unnamed_controls(window) == []


def test_named_parts_exist(window: MainWindow) -> None:
    for name in ("faceDiagram", "bodyDiagram", "areaInfo", "patientViewToggle", "selectedAreas"):
        widget = window.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
