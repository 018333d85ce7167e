"""The patient's screen: diagram and patient-facing text only, following the practitioner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from consult_app.context import AppContext
from consult_app.ui.info_panel import InfoPanel
from consult_app.ui.selection import AreaSelection
from consult_app.ui.workspace import DiagramTabs


class PatientDisplay(QWidget):
    """A window for a second screen. It shows nothing meant only for the practitioner."""

    def __init__(self, context: AppContext, selection: AreaSelection) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("patientDisplay")
        self.setWindowTitle(f"{context.content.clinic.name}: information for you")
        self.setAccessibleName("Patient screen")
        self.diagram_tabs = DiagramTabs(
            context.content, context.diagrams, selection, interactive=False
        )
        self.diagram_tabs.tabs.tabBar().hide()
        self.info = InfoPanel(context.content, patient_facing_only=True)
        self.info.set_patient_view(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.diagram_tabs)
        splitter.addWidget(self.info)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.setFont(font)
        selection.focusChanged.connect(self.info.show_area)

    def show_on(self, screen: QScreen) -> None:
        """Open full screen on ``screen``."""
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()


def other_screen(current: QScreen | None) -> QScreen | None:
    """Return a connected screen other than ``current``, if there is one."""
    for screen in QGuiApplication.screens():
        if screen is not current:
            return screen
    return None
