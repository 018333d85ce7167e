"""The consultation workspace: face and body diagrams, chosen areas, and area information."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from consult_app.content.diagram import Diagram
from consult_app.content.models import Content, DiagramView
from consult_app.ui.area_chips import SelectedAreasBar
from consult_app.ui.diagram_widget import DiagramWidget
from consult_app.ui.info_panel import InfoPanel
from consult_app.ui.selection import AreaSelection

VIEW_TITLES = {DiagramView.FACE: "Face", DiagramView.BODY: "Body (sweating)"}


class DiagramTabs(QWidget):
    """Face and body diagrams as tabs, with the chosen areas underneath."""

    viewChanged = Signal(str)

    def __init__(
        self,
        content: Content,
        diagrams: dict[DiagramView, Diagram],
        selection: AreaSelection,
        *,
        interactive: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._content = content
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Diagram views")
        self.diagrams: dict[DiagramView, DiagramWidget] = {}
        for view, diagram in diagrams.items():
            widget = DiagramWidget(diagram, selection, self.area_name, interactive=interactive)
            widget.setObjectName(f"{view.value}Diagram")
            widget.setAccessibleName(f"{VIEW_TITLES[view]} diagram")
            widget.setAccessibleDescription(
                "Use the arrow keys to move between areas and Space to choose one."
            )
            self.diagrams[view] = widget
            self.tabs.addTab(widget, VIEW_TITLES[view])
        self.tabs.currentChanged.connect(lambda _: self.viewChanged.emit(self.current_view.value))
        self.chips = SelectedAreasBar(selection, self.area_name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.chips)
        selection.focusChanged.connect(self._follow_focus)

    def area_name(self, area_id: str) -> str:
        """Return an area's patient-facing name."""
        return self._content.area(area_id).name.get()

    @property
    def current_view(self) -> DiagramView:
        """Return the view on show."""
        widget = self.tabs.currentWidget()
        for view, diagram in self.diagrams.items():
            if diagram is widget:
                return view
        return DiagramView.FACE

    def show_view(self, view: DiagramView) -> None:
        """Switch to ``view``."""
        self.tabs.setCurrentWidget(self.diagrams[view])

    def _follow_focus(self, area_id: str) -> None:
        """Switch to the diagram that draws the focused area."""
        if area_id:
            self.show_view(self._content.area(area_id).view)


class Workspace(QSplitter):
    """Diagram in the centre and the information panel beside it."""

    def __init__(
        self,
        content: Content,
        diagrams: dict[DiagramView, Diagram],
        selection: AreaSelection,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("workspaceSplitter")
        self.setChildrenCollapsible(False)
        self.diagram_tabs = DiagramTabs(content, diagrams, selection)
        self.info = InfoPanel(content)
        self.addWidget(self.diagram_tabs)
        self.addWidget(self.info)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        selection.focusChanged.connect(self.info.show_area)
