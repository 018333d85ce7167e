"""The interactive face or body diagram.

The SVG is drawn by Qt; which area is under the mouse comes from the pure geometry in
:mod:`consult_app.content.diagram` (exact to the drawn shape). This widget only maps widget
coordinates to the diagram's user coordinates and back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTransform,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from consult_app.content.diagram import Diagram
from consult_app.ui.selection import AreaSelection
from consult_app.ui.spatial import next_area

SELECT_COLOUR = QColor("#1f6f78")
HOVER_COLOUR = QColor("#4aa3a2")
FOCUS_COLOUR = QColor("#c05621")
MARGIN = 12.0

_ARROWS = {
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
}


class DiagramWidget(QWidget):
    """Shows one diagram; hover highlights and names an area, click or Space toggles it."""

    hoveredChanged = Signal(str)

    def __init__(
        self,
        diagram: Diagram,
        selection: AreaSelection,
        area_name: Callable[[str], str],
        *,
        interactive: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._diagram = diagram
        self._selection = selection
        self._area_name = area_name
        self._interactive = interactive
        self._renderer = QSvgRenderer(str(diagram.path), self)
        self._hovered = ""
        self._keyboard_area = ""
        self._paths = {area_id: self._outline_path(area_id) for area_id in self._diagram.area_ids}
        self._to_widget = QTransform()
        self.setMouseTracking(interactive)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if interactive else Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 280)
        selection.changed.connect(self.update)
        selection.focusChanged.connect(self._on_focus_changed)
        self._update_transform()

    # geometry ---------------------------------------------------------------------------
    @property
    def diagram(self) -> Diagram:
        """Return the diagram drawn here."""
        return self._diagram

    def sizeHint(self) -> QSize:
        """Prefer the diagram's own proportions at a comfortable size."""
        _, _, width, height = self._diagram.view_box
        return QSize(480, round(480 * height / width))

    def _outline_path(self, area_id: str) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for polygon in self._diagram.outline(area_id):
            path.addPolygon(QPolygonF([QPointF(x, y) for x, y in polygon]))
            path.closeSubpath()
        return path

    def _update_transform(self) -> None:
        min_x, min_y, width, height = self._diagram.view_box
        avail_w = max(1.0, self.width() - 2 * MARGIN)
        avail_h = max(1.0, self.height() - 2 * MARGIN)
        scale = min(avail_w / width, avail_h / height)
        off_x = (self.width() - width * scale) / 2
        off_y = (self.height() - height * scale) / 2
        self._to_widget = QTransform(
            scale, 0, 0, scale, off_x - min_x * scale, off_y - min_y * scale
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Refit the diagram to the new size."""
        self._update_transform()
        super().resizeEvent(event)

    def area_at_widget(self, pos: QPointF | QPoint) -> str | None:
        """Return the area under a widget position, exact to the drawn shape."""
        inverse, invertible = self._to_widget.inverted()
        if not invertible:
            return None
        point = inverse.map(QPointF(pos))
        return self._diagram.area_at(point.x(), point.y())

    def point_for_area(self, area_id: str) -> QPoint:
        """Return a widget point inside ``area_id`` (for keyboard focus and tests)."""
        x, y = self._diagram.representative_point(area_id)
        return self._to_widget.map(QPointF(x, y)).toPoint()

    # interaction ------------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Highlight and name the area under the mouse."""
        self._set_hovered(self.area_at_widget(event.position()) or "")
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: object) -> None:
        """Stop highlighting when the mouse leaves."""
        self._set_hovered("")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Toggle the area under the mouse."""
        if not self._interactive or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        area_id = self.area_at_widget(event.position())
        if area_id:
            self._keyboard_area = area_id
            self._selection.toggle(area_id)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrow keys move between areas; Space or Enter toggles the focused one."""
        key = Qt.Key(event.key())
        if key in _ARROWS:
            points = {a: self._diagram.representative_point(a) for a in self._diagram.area_ids}
            current = self._keyboard_area or None
            target = next_area(points, current, _ARROWS[key])
            if target:
                self._keyboard_area = target
                self._selection.set_focused(target)
                self._announce(target)
                self.update()
            event.accept()
            return
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not self._keyboard_area and self._diagram.area_ids:
                self._keyboard_area = self._diagram.area_ids[0]
            if self._keyboard_area:
                self._selection.toggle(self._keyboard_area)
                self._announce(self._keyboard_area)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Show where the keyboard is when the diagram gets focus."""
        if not self._keyboard_area and self._diagram.area_ids:
            focused = self._selection.focused
            self._keyboard_area = (
                focused if focused in self._diagram.area_ids else self._diagram.area_ids[0]
            )
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Hide the keyboard marker when focus leaves."""
        super().focusOutEvent(event)
        self.update()

    @property
    def keyboard_area(self) -> str:
        """Return the area the keyboard is on ('' when none)."""
        return self._keyboard_area

    def _on_focus_changed(self, area_id: str) -> None:
        if area_id in self._diagram.area_ids:
            self._keyboard_area = area_id
        self.update()

    def _announce(self, area_id: str) -> None:
        state = "selected" if self._selection.is_selected(area_id) else "not selected"
        self.setAccessibleDescription(f"{self._area_name(area_id)}, {state}")

    def _set_hovered(self, area_id: str) -> None:
        if area_id != self._hovered:
            self._hovered = area_id
            self.setToolTip(self._area_name(area_id) if area_id else "")
            self.hoveredChanged.emit(area_id)
            self.update()

    @property
    def hovered(self) -> str:
        """Return the area under the mouse ('' when none)."""
        return self._hovered

    # painting ---------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the line art, then the highlights on top."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        min_x, min_y, width, height = self._diagram.view_box
        target = self._to_widget.mapRect(QRectF(min_x, min_y, width, height))
        self._renderer.render(painter, target)

        painter.setTransform(self._to_widget)
        scale = self._to_widget.m11() or 1.0
        for area_id, path in self._paths.items():
            selected = self._selection.is_selected(area_id)
            hovered = area_id == self._hovered
            if selected:
                tint = QColor(SELECT_COLOUR)
                tint.setAlpha(90)
                painter.fillPath(path, tint)
                # A hatch as well as colour, so selection does not rely on colour alone.
                hatch = QBrush(SELECT_COLOUR, Qt.BrushStyle.BDiagPattern)
                hatch.setTransform(QTransform.fromScale(1 / scale, 1 / scale))
                painter.fillPath(path, hatch)
                painter.setPen(QPen(SELECT_COLOUR, 3.0 / scale))
                painter.drawPath(path)
            if hovered:
                tint = QColor(HOVER_COLOUR)
                tint.setAlpha(70)
                painter.fillPath(path, tint)
                painter.setPen(QPen(HOVER_COLOUR, 2.0 / scale))
                painter.drawPath(path)
            if self.hasFocus() and area_id == self._keyboard_area:
                pen = QPen(FOCUS_COLOUR, 2.5 / scale, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawPath(path)
        painter.resetTransform()

        label_area = self._hovered or (self._keyboard_area if self.hasFocus() else "")
        if label_area:
            self._draw_label(painter, label_area)
        painter.end()

    def _draw_label(self, painter: QPainter, area_id: str) -> None:
        """Name the area in a small card just above it."""
        text = self._area_name(area_id)
        if self._selection.is_selected(area_id):
            text += "  \u2713"
        font = QFont(self.font())
        font.setPointSizeF(max(11.0, font.pointSizeF() * 1.1))
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        box = metrics.boundingRect(text).adjusted(-10, -6, 10, 6)
        anchor = QPointF(self.point_for_area(area_id))
        bounds = self._paths[area_id].boundingRect()
        top = self._to_widget.map(QPointF(anchor.x(), bounds.top()))
        box.moveCenter(QPointF(anchor.x(), top.y() - box.height() / 2 - 6))
        box.moveLeft(min(max(box.left(), 4.0), self.width() - box.width() - 4))
        if box.top() < 4:
            bottom = self._to_widget.map(QPointF(anchor.x(), bounds.bottom()))
            box.moveTop(bottom.y() + 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(box, 6, 6)
        painter.setPen(QPen(QColor("#23313a")))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
