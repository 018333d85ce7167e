"""A pad the patient signs on with a finger, a pen or the mouse."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageWriter,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTabletEvent,
)
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

#: Ink shorter than this (in pixels, all strokes together) is a tap, not a signature.
MIN_INK_LENGTH = 20.0
#: Blank space kept around the signature in :meth:`SignaturePad.to_png`, in pixels.
PNG_MARGIN = 12
#: The PNG is drawn at this multiple of screen pixels, so it prints sharply.
PNG_SCALE = 2.0

INK = QColor("#10233f")
_MOUSE_PRESSURE = 0.5


@dataclass(frozen=True)
class InkPoint:
    """One sampled point of a stroke; ``pressure`` is 0 to 1 (0.5 for a mouse or finger)."""

    x: float
    y: float
    pressure: float


def _width(pressure: float) -> float:
    """Return the pen width for a pen pressure: a firmer press gives a thicker line."""
    return 1.5 + 3.0 * max(0.0, min(1.0, pressure))


def _mid(a: InkPoint, b: InkPoint) -> QPointF:
    return QPointF((a.x + b.x) / 2, (a.y + b.y) / 2)


def draw_strokes(painter: QPainter, strokes: list[list[InkPoint]]) -> None:
    """Draw ``strokes`` as smooth curves through the midpoints of the sampled points."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for stroke in strokes:
        if len(stroke) == 1:
            point = stroke[0]
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(INK)
            radius = _width(point.pressure) / 2
            painter.drawEllipse(QPointF(point.x, point.y), radius, radius)
            continue
        painter.setBrush(Qt.BrushStyle.NoBrush)
        start = QPointF(stroke[0].x, stroke[0].y)
        # Each piece runs from one midpoint to the next, bending through the sampled point
        # between them; this smooths the corners of a jerky mouse or finger.
        for i in range(1, len(stroke)):
            point = stroke[i]
            end = _mid(point, stroke[i + 1]) if i + 1 < len(stroke) else QPointF(point.x, point.y)
            path = QPainterPath(start)
            path.quadTo(QPointF(point.x, point.y), end)
            pen = QPen(INK, _width(point.pressure))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.drawPath(path)
            start = end


class SignaturePad(QWidget):
    """The patient signs here; :meth:`to_png` gives the signature, cropped, as PNG bytes.

    Mouse and pen (tablet) input draw directly; a finger on a touch screen arrives as
    synthesised mouse events. ``changed`` is emitted after every stroke and after Clear.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAccessibleName("Patient's signature")
        self.setAccessibleDescription(
            "Sign in this box with a finger, a pen or the mouse. Press Clear to start again."
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMinimumSize(360, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._strokes: list[list[InkPoint]] = []
        self._drawing = False

        self.clear_button = QPushButton("Clear", self)
        self.clear_button.setObjectName("clearSignature")
        self.clear_button.setAccessibleName("Clear the signature")
        self.clear_button.setCursor(Qt.CursorShape.ArrowCursor)
        self.clear_button.setAutoDefault(False)
        self.clear_button.setEnabled(False)
        self.clear_button.clicked.connect(self.clear)

    def sizeHint(self) -> QSize:
        return QSize(560, 200)

    # State -------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        """Return whether there is no signature (nothing drawn, or only a tap)."""
        return self.ink_length() < MIN_INK_LENGTH

    def ink_length(self) -> float:
        """Return the total length of all strokes, in pixels."""
        total = 0.0
        for stroke in self._strokes:
            for a, b in itertools.pairwise(stroke):
                total += ((b.x - a.x) ** 2 + (b.y - a.y) ** 2) ** 0.5
        return total

    def clear(self) -> None:
        """Remove the signature."""
        self._strokes.clear()
        self._drawing = False
        self.clear_button.setEnabled(False)
        self.update()
        self.changed.emit()

    def to_png(self, *, white_background: bool = False) -> bytes:
        """Return the signature as PNG bytes, cropped with a margin; ``b""`` when empty.

        The background is transparent unless ``white_background`` is set.
        """
        points = [p for stroke in self._strokes for p in stroke]
        if not points:
            return b""
        pad = PNG_MARGIN + _width(1.0)
        left = min(p.x for p in points) - pad
        top = min(p.y for p in points) - pad
        right = max(p.x for p in points) + pad
        bottom = max(p.y for p in points) + pad
        size = QSize(round((right - left) * PNG_SCALE), round((bottom - top) * PNG_SCALE))
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(QColor("white") if white_background else QColor(0, 0, 0, 0))
        painter = QPainter(image)
        painter.scale(PNG_SCALE, PNG_SCALE)
        painter.translate(-left, -top)
        draw_strokes(painter, self._strokes)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        QImageWriter(buffer, QByteArray(b"PNG")).write(image)
        buffer.close()
        return bytes(data.data())

    # Input -------------------------------------------------------------------------------

    def _begin(self, pos: QPointF, pressure: float) -> None:
        self._drawing = True
        self._strokes.append([InkPoint(pos.x(), pos.y(), pressure)])
        self.update()

    def _extend(self, pos: QPointF, pressure: float) -> None:
        if not self._drawing:
            return
        stroke = self._strokes[-1]
        last = stroke[-1]
        # Skip sub-pixel jitter: it adds points without adding ink.
        if abs(pos.x() - last.x) + abs(pos.y() - last.y) < 1.0:
            return
        stroke.append(InkPoint(pos.x(), pos.y(), pressure))
        self.update()

    def _end(self) -> None:
        if not self._drawing:
            return
        self._drawing = False
        self.clear_button.setEnabled(True)
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position(), _MOUSE_PRESSURE)
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drawing:
            self._extend(event.position(), _MOUSE_PRESSURE)
            event.accept()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._drawing:
            self._extend(event.position(), _MOUSE_PRESSURE)
            self._end()
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def tabletEvent(self, event: QTabletEvent) -> None:
        # Accepting the tablet event stops Qt from also sending a synthesised mouse event.
        kind = event.type()
        pressure = event.pressure() if event.pressure() > 0 else _MOUSE_PRESSURE
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletRelease:
            self._extend(event.position(), pressure)
            self._end()
        else:
            event.ignore()
            return
        event.accept()

    # Drawing -----------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        hint = self.clear_button.sizeHint()
        self.clear_button.setGeometry(
            self.width() - hint.width() - 8, 8, hint.width(), hint.height()
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.fillRect(rect, QColor("white"))
        painter.setPen(QPen(QColor("#6b7a90"), 1))
        painter.drawRoundedRect(rect, 6, 6)
        baseline = self.height() - 40
        painter.setPen(QPen(QColor("#9aa5b4"), 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(24, baseline), QPointF(self.width() - 24, baseline))
        if not self._strokes:
            painter.setPen(QColor("#4a5568"))
            painter.drawText(
                QRectF(24, baseline + 6, self.width() - 48, 30),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                "Sign above the line",
            )
        draw_strokes(painter, self._strokes)
        painter.end()
