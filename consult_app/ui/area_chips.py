"""The chosen areas as removable chips under the diagram."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QPushButton, QWidget

from consult_app.ui.selection import AreaSelection

CHIP_STYLE = (
    "QPushButton { border: 2px solid #1f6f78; border-radius: 14px; padding: 4px 12px;"
    " background: #e6f2f2; color: #14474d; font-weight: bold; }"
    "QPushButton:hover, QPushButton:focus { background: #cfe7e7; }"
)


class FlowLayout(QLayout):
    """Lays widgets out left to right, wrapping onto new rows."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:
        """Add an item at the end."""
        self._items.append(item)

    def count(self) -> int:
        """Return the number of items."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        """Return the item at ``index``."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        """Remove and return the item at ``index``."""
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        """Do not grow beyond the rows needed."""
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        """Height depends on width, because rows wrap."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Return the height needed at ``width``."""
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        """Place the items in ``rect``."""
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Return a comfortable size."""
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        """Return the size of the largest item plus margins."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > area.right() and row_height > 0:
                x = area.x()
                y += row_height + self.spacing()
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.spacing()
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + margins.bottom()


class SelectedAreasBar(QWidget):
    """One chip per selected area; pressing a chip removes that area from the selection."""

    def __init__(
        self,
        selection: AreaSelection,
        area_name: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("selectedAreas")
        self.setAccessibleName("Areas chosen today")
        self._selection = selection
        self._area_name = area_name
        self._layout = FlowLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._empty = QLabel("No areas chosen yet. Click the diagram to add one.")
        self._empty.setStyleSheet("color: #5a6b75;")
        selection.changed.connect(self._rebuild)
        self._rebuild()

    def chips(self) -> list[QPushButton]:
        """Return the chip buttons, in selection order."""
        return [
            w
            for w in self.findChildren(QPushButton)
            if w.property("areaId") and w.isVisibleTo(self)
        ]

    def _rebuild(self) -> None:
        while (item := self._layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None and widget is not self._empty:
                widget.hide()
                widget.deleteLater()
        selected = self._selection.selected
        if not selected:
            self._layout.addWidget(self._empty)
            self._empty.show()
        else:
            self._empty.hide()
        for area_id in selected:
            name = self._area_name(area_id)
            chip = QPushButton(f"{name}  \u2715")
            chip.setProperty("areaId", area_id)
            chip.setObjectName(f"chip_{area_id}")
            chip.setStyleSheet(CHIP_STYLE)
            chip.setAccessibleName(f"Remove {name}")
            chip.setToolTip(f"Remove {name} from today's areas")
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.clicked.connect(lambda _=False, a=area_id: self._selection.remove(a))
            self._layout.addWidget(chip)
            chip.show()
        self.updateGeometry()
