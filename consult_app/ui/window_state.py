"""Window sizes that fit the screen, and the main window's layout kept between sessions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from consult_app.content.models import DiagramView

if TYPE_CHECKING:
    from consult_app.ui.workspace import Workspace

#: Room left for the title bar and borders the system draws around a window (logical pixels).
FRAME_WIDTH = 16
FRAME_HEIGHT = 40


def available_room(widget: QWidget) -> QRect | None:
    """Return the part of ``widget``'s screen a window may use (the taskbar left out)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Size ``widget`` to ``width`` by ``height``, smaller where its screen is, and keep it on it.

    Small laptop screens (1366x768, or a larger one at 200%) must still show every button.
    """
    room = available_room(widget)
    if room is None:
        widget.resize(width, height)
        return
    widget.resize(
        max(1, min(width, room.width() - FRAME_WIDTH)),
        max(1, min(height, room.height() - FRAME_HEIGHT)),
    )
    keep_on_screen(widget)


def keep_on_screen(widget: QWidget) -> None:
    """Move and, if need be, shrink a top-level ``widget`` so the whole of it is on its screen."""
    room = available_room(widget)
    if room is None or not widget.isWindow() or widget.isMaximized() or widget.isFullScreen():
        return
    width = min(widget.width(), room.width() - FRAME_WIDTH)
    height = min(widget.height(), room.height() - FRAME_HEIGHT)
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(max(1, width), max(1, height))
    frame = widget.frameGeometry()
    x = min(max(frame.x(), room.left()), room.right() + 1 - width - FRAME_WIDTH)
    y = min(max(frame.y(), room.top()), room.bottom() + 1 - height - FRAME_HEIGHT)
    if (x, y) != (frame.x(), frame.y()):
        widget.move(max(room.left(), x), max(room.top(), y))


@dataclass(frozen=True)
class WindowState:
    """Restores and saves the layout of ``window`` in the INI file ``settings_file``."""

    settings_file: Path
    window: QMainWindow
    splitter: QSplitter
    workspace: Workspace

    def _settings(self) -> QSettings:
        return QSettings(str(self.settings_file), QSettings.Format.IniFormat)

    def restore(self, views: Iterable[DiagramView]) -> None:
        """Restore size, position, splitters and the diagram view (one of ``views``)."""
        settings = self._settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.window.restoreGeometry(geometry)
        # Saved on a larger screen, or at a smaller scale: it must still fit this one.
        keep_on_screen(self.window)
        # First start: room for the patient file's tabs, and the diagram a little wider than
        # the information beside it.
        self.splitter.setSizes([400, max(600, self.window.width() - 400)])
        rest = max(600, self.window.width() - 400)
        self.workspace.setSizes([rest * 3 // 5, rest * 2 // 5])
        for key, splitter in (
            ("window/mainSplitter", self.splitter),
            ("window/workspaceSplitter", self.workspace),
        ):
            state = settings.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        view = settings.value("window/view")
        if isinstance(view, str) and view in {v.value for v in views}:
            self.workspace.diagram_tabs.show_view(DiagramView(view))

    def save(self) -> None:
        """Remember size, position, splitters and the diagram view."""
        settings = self._settings()
        settings.setValue("window/geometry", self.window.saveGeometry())
        settings.setValue("window/mainSplitter", self.splitter.saveState())
        settings.setValue("window/workspaceSplitter", self.workspace.saveState())
        settings.setValue("window/view", self.workspace.diagram_tabs.current_view.value)
        settings.sync()
