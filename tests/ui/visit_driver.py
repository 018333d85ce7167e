"""Drive the real main window as a user would, counting each click, key and choice.

Free text (names, concerns, units, batch numbers) is typed but not counted: the count is of
the actions that the window's layout decides. Widgets are looked up by object name, so a
screen rearranged by another change is still driven the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QScrollArea,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from consult_app.ui.main_window import MainWindow

W = TypeVar("W", bound=QWidget)
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


class VisitDriver:
    """Wraps ``qtbot``: every counted action is logged as ``(kind, what)``."""

    def __init__(self, qtbot: QtBot, window: MainWindow) -> None:
        self.qtbot = qtbot
        self.window = window
        self.log: list[tuple[str, str]] = []

    @property
    def actions(self) -> int:
        """Return how many actions were counted."""
        return len(self.log)

    def count(self, kind: str, what: str) -> None:
        """Count one action the window cannot see being done (answering a system dialog)."""
        self.log.append((kind, what))

    def answer_yes(self, question: str) -> bool:
        """Say yes to a question the window asks in a system dialog (Enter), as one action."""
        self.count("key", question)
        return True

    # finding ------------------------------------------------------------------------------
    def find(self, kind: type[W], name: str) -> W:
        """Return the visible widget called ``name``, in the window or any open dialog."""
        roots = [self.window, *QApplication.topLevelWidgets()]
        for root in roots:
            if isinstance(root, kind) and root.objectName() == name and root.isVisible():
                return root
            for found in root.findChildren(kind, name):
                if found.isVisible():
                    return found
        raise AssertionError(f"no visible {kind.__name__} called {name!r}")

    def focused(self) -> QWidget:
        """Return the widget with the keyboard focus."""
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the focus"
        return widget

    # acting -------------------------------------------------------------------------------
    def click(self, widget: QWidget, pos: QPoint | None = None, what: str = "") -> None:
        """Click ``widget`` (scrolled into view first), as one action."""
        self.qtbot.waitUntil(lambda: widget.isVisible() and widget.height() > 0)
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(widget)
            parent = parent.parentWidget()
        # Counted first: a click may open a dialog whose own answers are counted in turn.
        self.log.append(("click", what or widget.objectName()))
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())

    def press(self, name: str) -> None:
        """Click the button called ``name``."""
        self.click(self.find(QAbstractButton, name))

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
        """Press one key (with its modifiers) where the focus is, as one action."""
        self.window.activateWindow()
        target = QApplication.focusWidget() or self.window
        self.qtbot.keyClick(target, key, modifier)
        self.log.append(("key", f"{modifier.name}+{key.name}"))

    def shortcut(self, key: Qt.Key) -> None:
        """Press Ctrl with ``key`` on the active window."""
        self.window.activateWindow()
        self.qtbot.waitActive(self.window)
        self.key(key, Qt.KeyboardModifier.ControlModifier)

    def find_patient(self, text: str) -> None:
        """Find a patient and open the first found: Ctrl+F unless the cursor is in the search."""
        search = self.find(QWidget, "patientSearch")
        if QApplication.focusWidget() is not search:
            self.shortcut(Qt.Key.Key_F)
        self.type(text)
        self.key(Qt.Key.Key_Return)

    def type(self, text: str) -> None:
        """Type free text where the focus is (not counted)."""
        self.qtbot.keyClicks(self.focused(), text)

    def fill(self, name: str, text: str) -> None:
        """Put the cursor in the field called ``name`` (a click unless it is there) and type."""
        field = self.find(QWidget, name)
        if QApplication.focusWidget() is not field:
            self.click(field)
        self.type(text)

    def choose(self, name: str, data: object) -> None:
        """Choose ``data`` in the list called ``name``: open it and pick, unless already chosen."""
        box = self.find(QComboBox, name)
        index = box.findData(data)
        assert index >= 0, (name, data)
        if box.currentIndex() == index:
            return
        box.setCurrentIndex(index)
        self.log += [("click", f"open {name}"), ("click", f"pick {data}")]

    def open_tab(self, tabs_name: str, title: str) -> None:
        """Click the tab titled ``title`` unless it is already shown."""
        tabs = self.find(QTabWidget, tabs_name)
        index = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
        if tabs.currentIndex() == index:
            return
        bar = tabs.tabBar()
        self.click(bar, bar.tabRect(index).center(), what=f"tab {title}")
        assert tabs.currentIndex() == index, title

    def drag(self, widget: QWidget, points: list[QPoint]) -> None:
        """Draw one stroke on ``widget`` (a signature), as one action."""
        self.qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=points[0])
        for point in points[1:]:
            self.qtbot.mouseMove(widget, point)
        self.qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=points[-1])
        self.log.append(("drag", widget.objectName()))

    def summary(self) -> str:
        """Return the counted actions, one a line, for a failing assertion's message."""
        return "\n".join(f"{n:3} {kind} {what}" for n, (kind, what) in enumerate(self.log, 1))


def save_file_answer(driver: VisitDriver, folder: Path) -> object:
    """Return a stand-in for the system save dialog: Enter accepts the suggested name."""

    def answer(_parent: QWidget, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        driver.count("key", "Enter in the save dialog")
        return str(folder / Path(suggested).name), ""

    return answer
