"""The main window's size, position, splitters and diagram view, kept between sessions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from consult_app.content.models import DiagramView
from consult_app.ui.workspace import Workspace


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
