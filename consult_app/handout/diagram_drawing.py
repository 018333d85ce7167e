"""The treatment diagram as vector paths, with the chosen areas highlighted and labelled.

Shapes come from :func:`consult_app.content.diagram.load_diagram`; they are drawn as PDF
paths (sharp at any print size). Labels sit in columns either side of the drawing, joined to
their area by a leader line, so they never cover the drawing or each other.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from consult_app.content.svgpath import contains, pole_of_inaccessibility
from consult_app.handout.model import HandoutError
from consult_app.handout.scripts import markup
from consult_app.handout.styles import ACCENT_DARK, HIGHLIGHT_FILL, MUTED, Para

_LABEL_GAP = 5.0
# Outline simplification tolerance, as a fraction of the diagram's size (about 0.1 pt printed).
_SIMPLIFY = 0.0006
_DRAWING_GAP = 14.0


class ShapeLike(Protocol):
    """What the drawing needs from one diagram shape."""

    @property
    def area_id(self) -> str | None: ...
    @property
    def polygons(self) -> tuple[tuple[tuple[float, float], ...], ...]: ...
    @property
    def closed(self) -> bool: ...
    @property
    def fill(self) -> str | None: ...
    @property
    def stroke(self) -> str | None: ...
    @property
    def stroke_width(self) -> float: ...


class DiagramLike(Protocol):
    """What the drawing needs from a loaded diagram."""

    @property
    def view_box(self) -> tuple[float, float, float, float]: ...
    @property
    def shapes(self) -> Sequence[ShapeLike]: ...
    def representative_point(self, area_id: str) -> tuple[float, float]: ...


DiagramLoader = Callable[[Path], DiagramLike]

_cache_lock = threading.Lock()
_cache: dict[tuple[Path, int, int], DiagramLike] = {}


def _load_bundled(path: Path) -> DiagramLike:
    from consult_app.content.diagram import load_diagram

    return load_diagram(path)


def load_cached(path: Path, loader: DiagramLoader | None = None) -> DiagramLike:
    """Load a diagram, reusing the parsed geometry while the file is unchanged."""
    try:
        if loader is None:
            stat = path.stat()
            key = (path, stat.st_mtime_ns, stat.st_size)
            with _cache_lock:
                cached = _cache.get(key)
            if cached is not None:
                return cached
            diagram = _load_bundled(path)
            with _cache_lock:
                _cache[key] = diagram
            return diagram
        return loader(path)
    except (OSError, ValueError) as exc:
        raise HandoutError(
            f"The diagram {path} could not be read ({exc}). "
            "Run check-content to find the problem in the content files."
        ) from exc


def _bounds(
    polygons: Sequence[Sequence[tuple[float, float]]],
) -> tuple[float, float, float, float]:
    """Return min x, min y, max x and max y of some polygons."""
    xs = [x for polygon in polygons for x, _ in polygon]
    ys = [y for polygon in polygons for _, y in polygon]
    return (min(xs), min(ys), max(xs), max(ys))


def _rgb(value: str) -> tuple[float, float, float] | None:
    """Turn ``#rrggbb`` into an RGB triple (``None`` if it is not one)."""
    text = value.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        return None
    try:
        return (int(text[0:2], 16) / 255, int(text[2:4], 16) / 255, int(text[4:6], 16) / 255)
    except ValueError:
        return None


@dataclass(frozen=True)
class _PlacedLabel:
    area_id: str
    paragraph: Paragraph
    left_side: bool
    anchor: tuple[float, float]  # drawing coordinates, y down from the flowable's top
    top: float
    height: float


class DiagramFlowable(Flowable):  # type: ignore[misc]
    """The diagram with ``labels`` (area id -> patient-facing name) highlighted and named."""

    def __init__(
        self,
        diagram: DiagramLike,
        labels: Sequence[tuple[str, str]],
        label_style: ParagraphStyle,
        max_height: float,
    ) -> None:
        super().__init__()
        self._diagram = diagram
        self._labels = tuple(labels)
        self._label_style = label_style
        self._max_height = max_height
        self._placed: tuple[_PlacedLabel, ...] = ()
        self._scale = 1.0
        self._origin = (0.0, 0.0)
        self.width = 0.0
        self.height = 0.0
        self._drawing_height = 0.0

    def _to_local(self, x: float, y: float) -> tuple[float, float]:
        """Map diagram user coordinates to local coordinates (y down from the top)."""
        min_x, min_y, _w, _h = self._diagram.view_box
        return (self._origin[0] + (x - min_x) * self._scale, (y - min_y) * self._scale)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _min_x, _min_y, vb_width, vb_height = self._diagram.view_box
        label_width = min(150.0, avail_width * 0.28)
        drawing_width = avail_width - 2 * (label_width + _DRAWING_GAP)
        self._scale = min(drawing_width / vb_width, self._max_height / vb_height)
        self._drawing_height = vb_height * self._scale
        self._origin = ((avail_width - vb_width * self._scale) / 2, 0.0)
        self._placed = self._place_labels(avail_width, label_width)
        bottom = max((p.top + p.height for p in self._placed), default=0.0)
        self.width = avail_width
        self.height = max(self._drawing_height, bottom)
        return self.width, self.height

    def _side_points(self, area_id: str) -> dict[bool, tuple[float, float]]:
        """Return where a leader from each column meets the area (the left column is True).

        Each column's leader goes to the part of the area nearest that column, so it never
        crosses the area's other half (both cheeks, both soles) to reach it.
        """
        try:
            x, y = self._diagram.representative_point(area_id)
        except (KeyError, ValueError) as exc:
            raise HandoutError(
                f"The area {area_id} has no shape on its diagram. "
                "Run check-content to find the problem in the content files."
            ) from exc
        parts = [s.polygons for s in self._diagram.shapes if s.area_id == area_id and s.closed]
        points = {True: (x, y), False: (x, y)}
        own = next((part for part in parts if contains(part, x, y)), None)
        if own is not None and len(parts) > 1:
            nearest = {
                True: min(parts, key=lambda part: _bounds(part)[0]),
                False: max(parts, key=lambda part: _bounds(part)[2]),
            }
            for left, part in nearest.items():
                if part is own:
                    continue
                # The halves are usually mirror images: the same point, mirrored within the
                # other half's bounds, is inside it and quick to find.
                (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = _bounds(own), _bounds(part)
                mirrored = ((ax0 + ax1 + bx0 + bx1) / 2 - x, y + (by0 + by1 - ay0 - ay1) / 2)
                inside = contains(part, *mirrored)
                points[left] = mirrored if inside else pole_of_inaccessibility(part)[0]
        return points

    def _place_labels(self, avail_width: float, label_width: float) -> tuple[_PlacedLabel, ...]:
        """Choose a side for each label and stack them so none overlap."""
        min_x, _min_y, vb_width, _h = self._diagram.view_box
        middle = min_x + vb_width / 2
        off_centre = vb_width * 0.08
        sides: dict[bool, list[tuple[str, str, tuple[float, float]]]] = {True: [], False: []}
        # Areas clearly on one side take that side; central and two-sided ones, from the top
        # down, balance the two columns.
        flexible = []
        for area_id, name in self._labels:
            points = self._side_points(area_id)
            if points[False][0] < middle - off_centre:
                sides[True].append((area_id, name, self._to_local(*points[True])))
            elif points[True][0] > middle + off_centre:
                sides[False].append((area_id, name, self._to_local(*points[False])))
            else:
                flexible.append((area_id, name, points))
        for area_id, name, points in sorted(flexible, key=lambda item: item[2][True][1]):
            left = len(sides[True]) <= len(sides[False])
            sides[left].append((area_id, name, self._to_local(*points[left])))
        placed: list[_PlacedLabel] = []
        for left_side, items in sides.items():
            style = ParagraphStyle(
                f"label_{left_side}",
                parent=self._label_style,
                alignment=TA_RIGHT if left_side else TA_LEFT,
            )
            stacked: list[tuple[str, Paragraph, tuple[float, float], float]] = []
            for area_id, name, anchor in sorted(items, key=lambda item: item[2][1]):
                paragraph = Para(markup(name), style)
                _w, height = paragraph.wrap(label_width, 10_000)
                stacked.append((area_id, paragraph, anchor, height))
            tops = _stack(
                [anchor[1] - h / 2 for _a, _p, anchor, h in stacked],
                [h for _a, _p, _anchor, h in stacked],
                self._drawing_height,
            )
            for (area_id, paragraph, anchor, height), top in zip(stacked, tops, strict=True):
                placed.append(_PlacedLabel(area_id, paragraph, left_side, anchor, top, height))
        self._label_width = label_width
        self._avail_width = avail_width
        return tuple(placed)

    def draw(self) -> None:
        canvas = self.canv
        top = self.height

        def page(point: tuple[float, float]) -> tuple[float, float]:
            return point[0], top - point[1]

        min_x, min_y, _w, _h = self._diagram.view_box
        chosen = {area_id for area_id, _name in self._labels}
        paths = _path_code(self._diagram)
        canvas.saveState()
        # Draw in the diagram's own coordinates: y runs down in SVG, up in PDF.
        canvas.translate(self._origin[0], top)
        canvas.scale(self._scale, -self._scale)
        canvas.translate(-min_x, -min_y)
        canvas.setLineJoin(1)
        canvas.setLineCap(1)
        for shape, code in zip(self._diagram.shapes, paths, strict=True):
            if shape.area_id is None and code:
                self._draw_art(shape, code)
        canvas.setFillAlpha(0.6)
        canvas.setFillColor(HIGHLIGHT_FILL)
        canvas.setStrokeColor(ACCENT_DARK)
        canvas.setLineWidth(1.3 / self._scale)
        for shape, code in zip(self._diagram.shapes, paths, strict=True):
            if shape.area_id in chosen and code:
                canvas.addLiteral(f"{code} {'B' if shape.closed else 'S'}")
        canvas.restoreState()
        canvas.saveState()
        for label in self._placed:
            self._draw_label(label, page)
        canvas.restoreState()

    def _draw_art(self, shape: ShapeLike, code: str) -> None:
        """Draw one piece of line art in its own colours (muted grey if it has none)."""
        canvas = self.canv
        fill = _rgb(shape.fill) if shape.fill else None
        stroke = _rgb(shape.stroke) if shape.stroke else None
        if fill is None and stroke is None:
            stroke = (MUTED.red, MUTED.green, MUTED.blue)
        if fill is not None:
            canvas.setFillColorRGB(*fill)
        if stroke is not None:
            canvas.setStrokeColorRGB(*stroke)
            canvas.setLineWidth(max(0.4 / self._scale, shape.stroke_width))
        do_fill = fill is not None and shape.closed
        operator = {(True, True): "B", (True, False): "f", (False, True): "S"}.get(
            (do_fill, stroke is not None), "n"
        )
        canvas.addLiteral(f"{code} {operator}")

    def _draw_label(
        self, label: _PlacedLabel, page: Callable[[tuple[float, float]], tuple[float, float]]
    ) -> None:
        canvas = self.canv
        if label.left_side:
            x = 0.0
            edge = self._label_width + 3
        else:
            x = self._avail_width - self._label_width
            edge = x - 3
        label.paragraph.drawOn(canvas, x, self.height - label.top - label.height)
        first_line = label.top + self._label_style.leading * 0.55
        canvas.setStrokeColor(ACCENT_DARK)
        canvas.setLineWidth(0.8)
        ax, ay = page(label.anchor)
        ex, ey = page((edge, first_line))
        canvas.line(ex, ey, ax, ay)
        canvas.setFillColor(ACCENT_DARK)
        canvas.setStrokeColorRGB(1, 1, 1)
        canvas.setLineWidth(0.8)
        canvas.circle(ax, ay, 2.4, stroke=1, fill=1)


_path_lock = threading.Lock()
# id(diagram) -> (diagram, path operators per shape); the diagram is kept so its id stays unique.
_path_cache: dict[int, tuple[DiagramLike, tuple[str, ...]]] = {}


def _simplify(points: Sequence[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Drop points that lie within ``tolerance`` of the line through their neighbours.

    Curves are flattened finely when a diagram is loaded (for exact hit-testing); on paper
    a tenth of a point is invisible, and fewer points make a smaller, faster PDF.
    """
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        worst, worst_index = -1.0, -1
        for index in range(first + 1, last):
            px, py = points[index]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs(dy * (px - ax) - dx * (py - ay)) / length
            if distance > worst:
                worst, worst_index = distance, index
        if worst > tolerance:
            keep[worst_index] = True
            stack.append((first, worst_index))
            stack.append((worst_index, last))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _path_code(diagram: DiagramLike) -> tuple[str, ...]:
    """Return each shape's outline as PDF path operators in diagram coordinates (cached)."""
    with _path_lock:
        cached = _path_cache.get(id(diagram))
    if cached is not None and cached[0] is diagram:
        return cached[1]
    _x, _y, width, height = diagram.view_box
    tolerance = max(width, height) * _SIMPLIFY
    codes: list[str] = []
    for shape in diagram.shapes:
        parts: list[str] = []
        for polygon in shape.polygons:
            if len(polygon) < 2:
                continue
            points = _simplify(polygon, tolerance)
            x, y = points[0]
            parts.append(f"{x:.2f} {y:.2f} m")
            parts.extend(f"{x:.2f} {y:.2f} l" for x, y in points[1:])
            if shape.closed:
                parts.append("h")
        codes.append(" ".join(parts))
    result = tuple(codes)
    with _path_lock:
        if len(_path_cache) > 16:
            _path_cache.clear()
        _path_cache[id(diagram)] = (diagram, result)
    return result


def _stack(wanted: list[float], heights: list[float], bottom: float) -> list[float]:
    """Place boxes as near their wanted tops as possible, in order, without overlapping."""
    tops: list[float] = []
    for index, want in enumerate(wanted):
        lowest = tops[-1] + heights[index - 1] + _LABEL_GAP if tops else 0.0
        tops.append(max(want, lowest, 0.0))
    # Pull the stack back up if it runs past the drawing, never above the top.
    limit = bottom
    for index in range(len(tops) - 1, -1, -1):
        tops[index] = max(0.0, min(tops[index], limit - heights[index]))
        limit = tops[index] - _LABEL_GAP
    for index in range(1, len(tops)):
        tops[index] = max(tops[index], tops[index - 1] + heights[index - 1] + _LABEL_GAP)
    return tops


def diagram_flowables(
    diagrams: Sequence[tuple[DiagramLike, Sequence[tuple[str, str]]]],
    label_style: ParagraphStyle,
    max_height: float,
) -> list[Any]:
    """Return one flowable per diagram (views with no chosen area are left out)."""
    return [
        DiagramFlowable(diagram, labels, label_style, max_height)
        for diagram, labels in diagrams
        if labels
    ]
