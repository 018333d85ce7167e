"""Small widgets and helpers shared by the patient file's tabs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consult_app.store import StoreError, ValidationError

T = TypeVar("T")

ERROR_STYLE = "color: #b42318;"
HINT_STYLE = "color: #5a6b75;"
NOTICE_STYLE = (
    "QLabel { border: 1px solid #d0a34a; background: #fff7e6; color: #5c3d00;"
    " border-radius: 4px; padding: 6px; }"
)


class FieldMessage(QLabel):
    """A message shown next to a field; hidden when there is nothing to say."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName("Message")
        self.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what was typed
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        """Show ``text``, or hide the label if it is empty."""
        self.setText(text)
        self.setVisible(bool(text))


def hint(text: str, name: str = "") -> QLabel:
    """Return a grey, wrapped explanatory label."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    if name:
        label.setObjectName(name)
    label.setAccessibleName(text[:60])
    return label


class CommitTextEdit(QPlainTextEdit):
    """A multi-line text field that says when the user leaves it, like QLineEdit does."""

    editingFinished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Commit what was typed when focus leaves."""
        super().focusOutEvent(event)
        self.editingFinished.emit()


def scrolling(inner: QWidget, name: str) -> QScrollArea:
    """Wrap ``inner`` in a frameless vertical scroll area."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setAccessibleName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(inner)
    return area


def column(parent: QWidget | None = None) -> tuple[QWidget, QVBoxLayout]:
    """Return a plain widget with a vertical layout."""
    widget = QWidget(parent)
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(6, 6, 6, 6)
    return widget, layout


def attempt(action: Callable[[], T]) -> tuple[T | None, StoreError | None]:
    """Run a store action; return its result, or the store error that refused it."""
    try:
        return action(), None
    except StoreError as error:
        return None, error


def field_errors(error: StoreError | None) -> dict[str, str]:
    """Return ``{field: message}`` for a validation error, else ``{}``."""
    return dict(error.errors) if isinstance(error, ValidationError) else {}


def show_date(day: date | None) -> str:
    """Return a date as the clinic reads it, e.g. 7 Mar 2025."""
    return f"{day.day} {day:%b %Y}" if day else "not given"
