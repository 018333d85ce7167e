"""Treatment-area diagrams: safe SVG loading and area geometry, without Qt.

An area is one element with ``class="area"`` whose ``id`` is the area id (snake_case): a basic
shape, or a ``<g>`` that groups the left and right parts. Every other element with an id is line
art and its id starts with ``art-``, except the ``<g id="landmarks">`` group: named anatomical
points (ear lobes, mouth corners, ...), each a ``<circle>`` whose centre is the point, used to
check where the areas sit and never drawn or clicked. Hit-testing is exact to the filled shape
of each area.

Errors carry the line of the SVG they come from; line 0 means the file as a whole (it cannot be
read, or it is too large).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.parsers import expat

from consult_app.content import shapes, svgpath
from consult_app.content.svgpath import GeometryError, Matrix, Point, Polygon

MAX_BYTES = 2 * 1024 * 1024
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
SHAPE_ELEMENTS = frozenset({"path", "circle", "ellipse", "rect", "line", "polyline", "polygon"})
_SKIPPED = frozenset({"title", "desc", "metadata", "defs", "style"})
LANDMARKS_ID = "landmarks"
_AREA_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z")


class DiagramError(ValueError):
    """A diagram file that cannot be used, with the line of the SVG where the problem is."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Shape:
    """One drawable element, flattened to polygons (or polylines) in user coordinates."""

    area_id: str | None
    polygons: tuple[Polygon, ...]
    closed: bool
    fill: str | None
    stroke: str | None
    stroke_width: float
    even_odd: bool = False
    bounds: tuple[float, float, float, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        xs = [x for polygon in self.polygons for x, _ in polygon] or [0.0]
        ys = [y for polygon in self.polygons for _, y in polygon] or [0.0]
        object.__setattr__(self, "bounds", (min(xs), min(ys), max(xs), max(ys)))

    def contains(self, x: float, y: float) -> bool:
        """Return whether (x, y) lies in the filled shape."""
        min_x, min_y, max_x, max_y = self.bounds
        if not (min_x <= x <= max_x and min_y <= y <= max_y):
            return False
        return svgpath.contains(self.polygons, x, y, self.even_odd)


@dataclass(frozen=True)
class Diagram:
    """A loaded diagram: its drawable shapes and the treatment areas among them."""

    path: Path
    view_box: tuple[float, float, float, float]
    area_ids: tuple[str, ...]
    area_lines: dict[str, int]
    shapes: tuple[Shape, ...]
    landmarks: dict[str, Point] = field(default_factory=dict)
    _points: dict[str, Point] = field(default_factory=dict, init=False, repr=False, compare=False)

    def area_at(self, x: float, y: float) -> str | None:
        """Return the area whose drawn shape holds (x, y), or None."""
        for shape in reversed(self.shapes):
            if shape.area_id is not None and shape.contains(x, y):
                return shape.area_id
        return None

    def _parts(self, area_id: str) -> list[Shape]:
        parts = [s for s in self.shapes if s.area_id == area_id]
        if not parts:
            raise KeyError(f"no area {area_id!r} in {self.path}")
        return parts

    def outline(self, area_id: str) -> tuple[Polygon, ...]:
        """Return the polygons of every part of an area."""
        return tuple(p for shape in self._parts(area_id) for p in shape.polygons)

    def representative_point(self, area_id: str) -> tuple[float, float]:
        """Return a point well inside the area's largest part (farthest from its edges)."""
        if area_id in self._points:
            return self._points[area_id]
        best: tuple[Point, float] | None = None
        for shape in self._parts(area_id):
            point, distance = svgpath.pole_of_inaccessibility(shape.polygons, shape.even_odd)
            if best is None or distance > best[1] + 1e-6:
                best = (point, distance)
        assert best is not None
        self._points[area_id] = best[0]
        return best[0]


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Node] = field(default_factory=list)


@dataclass(frozen=True)
class _Style:
    fill: str | None = "#000000"
    stroke: str | None = None
    stroke_width: float = 1.0
    even_odd: bool = False


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def load_diagram(path: Path) -> Diagram:
    """Read and check an SVG diagram; raise DiagramError (with a line) if it cannot be used."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise DiagramError(path, 0, f"cannot read the diagram ({error.strerror})") from error
    if len(data) > MAX_BYTES:
        raise DiagramError(path, 0, f"the diagram is larger than {MAX_BYTES // 1024} KB")
    return _build(path, data)


@lru_cache(maxsize=8)
def _build(path: Path, data: bytes) -> Diagram:
    """Parse and flatten a diagram; cached by its bytes, as validation and the app both load it."""
    try:
        root = _parse_xml(data)
        return _Builder(path).build(root)
    except _Refused as error:
        raise DiagramError(path, error.line, error.message) from None


def _parse_xml(data: bytes) -> _Node:
    """Parse XML into nodes with line numbers, refusing any DTD (so no entities at all)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Node] = []
    roots: list[_Node] = []

    def refuse_dtd(*_args: object) -> None:
        raise _Refused(
            parser.CurrentLineNumber,
            "DOCTYPE and ENTITY declarations are not allowed in a diagram; remove them",
        )

    def refuse_external(*_args: object) -> int:
        raise _Refused(parser.CurrentLineNumber, "external entities are not allowed in a diagram")

    def start(name: str, attrs: dict[str, str]) -> None:
        node = _Node(name, attrs, parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def end(_name: str) -> None:
        stack.pop()

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.ExternalEntityRefHandler = refuse_external
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code)
        raise _Refused(
            error.lineno, f"the file is not well-formed XML: {reason} (column {error.offset + 1})"
        ) from None
    except (LookupError, UnicodeError) as error:
        raise _Refused(1, f"cannot read the text ({error}); save the file as UTF-8") from None
    return roots[0]


def _local_name(tag: str) -> str:
    namespace, _, local = tag.rpartition(" ")
    return local if namespace in ("", SVG_NAMESPACE) else f"{{{namespace}}}{local}"


class _Builder:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.shapes: list[Shape] = []
        self.area_lines: dict[str, int] = {}
        self.landmarks: dict[str, Point] = {}

    def build(self, root: _Node) -> Diagram:
        if _local_name(root.tag) != "svg":
            name = root.tag.rpartition(" ")[2]
            raise _Refused(root.line, f"this is not an SVG drawing (the root element is <{name}>)")
        self._check_ids(root, {})
        view_box = self._view_box(root)
        style = self._style(root, _Style())
        matrix = self._transform(root, svgpath.IDENTITY)
        for child in root.children:
            self._walk(child, matrix, style, None)
        for area_id, line in self.area_lines.items():
            parts = [s for s in self.shapes if s.area_id == area_id]
            if not any(shapes.polygon_area(p) > 1.0 for s in parts for p in s.polygons):
                raise _Refused(line, f"area {area_id!r} has no shape with an inside to click on")
        areas = tuple(self.area_lines)
        return Diagram(
            self.path, view_box, areas, dict(self.area_lines), tuple(self.shapes), self.landmarks
        )

    def _check_ids(self, node: _Node, seen: dict[str, int]) -> None:
        element_id = node.attrs.get("id")
        if element_id is not None:
            if element_id in seen:
                raise _Refused(
                    node.line, f"id {element_id!r} is used twice (first on line {seen[element_id]})"
                )
            seen[element_id] = node.line
        for child in node.children:
            self._check_ids(child, seen)

    def _view_box(self, root: _Node) -> tuple[float, float, float, float]:
        text = root.attrs.get("viewBox")
        if text is None:
            raise _Refused(
                root.line, 'the <svg> element needs a viewBox, e.g. viewBox="0 0 400 500"'
            )
        try:
            numbers = svgpath.parse_numbers(text)
        except GeometryError:
            numbers = []
        if len(numbers) != 4 or numbers[2] <= 0 or numbers[3] <= 0:
            raise _Refused(
                root.line, f"viewBox {text!r} must be 4 numbers: min-x min-y width height (>0)"
            )
        return (numbers[0], numbers[1], numbers[2], numbers[3])

    def _walk(self, node: _Node, matrix: Matrix, style: _Style, area: str | None) -> None:
        tag = _local_name(node.tag)
        if tag in _SKIPPED:
            return
        element_id = node.attrs.get("id")
        if tag == "g" and element_id == LANDMARKS_ID:
            if area is not None:
                raise _Refused(node.line, f"the landmarks cannot sit inside an area ({area!r})")
            self._read_landmarks(node, self._transform(node, matrix))
            return
        if "area" in node.attrs.get("class", "").split():
            if area is not None:
                raise _Refused(node.line, f"an area cannot sit inside another area ({area!r})")
            if not element_id:
                raise _Refused(node.line, 'an element with class="area" needs an id (the area id)')
            if not _AREA_ID.match(element_id):
                raise _Refused(
                    node.line, f"area id {element_id!r} must be snake_case, like 'crows_feet'"
                )
            area = element_id
            self.area_lines[area] = node.line
        elif element_id is not None and not element_id.startswith("art-"):
            raise _Refused(
                node.line,
                f"id {element_id!r} is not an area: add class=\"area\" or start the id with 'art-'",
            )
        if tag != "g" and tag not in SHAPE_ELEMENTS:
            if area is not None:
                raise _Refused(
                    node.line,
                    f"<{tag}> is not allowed in an area; use g, path, circle, ellipse, rect, "
                    "line, polyline or polygon",
                )
            return  # text, images and the like are not part of the diagram's geometry
        style = self._style(node, style)
        matrix = self._transform(node, matrix)
        if tag == "g":
            for child in node.children:
                self._walk(child, matrix, style, area)
            return
        try:
            polygons, closed = shapes.geometry(tag, node.attrs)
        except GeometryError as error:
            raise _Refused(node.line, f"<{tag}>: {error}") from None
        scale = math.sqrt(abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]))
        self.shapes.append(
            Shape(
                area_id=area,
                polygons=tuple(svgpath.apply(matrix, p) for p in polygons),
                closed=closed,
                fill=style.fill,
                stroke=style.stroke,
                stroke_width=style.stroke_width * scale,
                even_odd=style.even_odd,
            )
        )

    def _read_landmarks(self, group: _Node, matrix: Matrix) -> None:
        """Keep each landmark's centre; landmarks are points to check against, not shapes."""
        for node in group.children:
            tag = _local_name(node.tag)
            if tag in _SKIPPED:
                continue
            if tag != "circle":
                raise _Refused(
                    node.line,
                    f"<{tag}> cannot be a landmark; mark each one with a <circle> centred on it",
                )
            name = node.attrs.get("id", "")
            if "area" in node.attrs.get("class", "").split():
                raise _Refused(node.line, f"area {name!r} cannot be a landmark; move it out")
            if not _AREA_ID.match(name):
                raise _Refused(
                    node.line, f"landmark id {name!r} must be snake_case, like 'right_ear_lobe'"
                )
            try:
                x, y = (shapes.length(node.attrs.get(key, "0"), key) for key in ("cx", "cy"))
            except GeometryError as error:
                raise _Refused(node.line, f"<circle>: {error}") from None
            self.landmarks[name] = svgpath.apply(self._transform(node, matrix), [(x, y)])[0]

    def _transform(self, node: _Node, matrix: Matrix) -> Matrix:
        text = node.attrs.get("transform")
        if text is None:
            return matrix
        try:
            return svgpath.multiply(matrix, svgpath.parse_transform(text))
        except GeometryError as error:
            raise _Refused(node.line, f"transform: {error}") from None

    def _style(self, node: _Node, inherited: _Style) -> _Style:
        properties = dict(node.attrs)
        for declaration in node.attrs.get("style", "").split(";"):
            name, _, value = declaration.partition(":")
            if value.strip():
                properties[name.strip()] = value.strip()
        fill, stroke = inherited.fill, inherited.stroke
        width, even_odd = inherited.stroke_width, inherited.even_odd
        if "fill" in properties:
            fill = shapes.colour(properties["fill"])
        if "stroke" in properties:
            stroke = shapes.colour(properties["stroke"])
        if "stroke-width" in properties:
            try:
                width = shapes.length(properties["stroke-width"], "stroke-width")
            except GeometryError as error:
                raise _Refused(node.line, str(error)) from None
        if "fill-rule" in properties:
            even_odd = properties["fill-rule"].strip() == "evenodd"
        return _Style(fill, stroke, width, even_odd)
