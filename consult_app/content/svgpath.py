"""SVG geometry without a renderer: path data, basic shapes and transforms, flattened to polygons.

Curves and arcs are cut into straight segments about :data:`SEGMENT_LENGTH` user units long,
which is finer than a screen pixel at the sizes the diagrams are shown. The polygon tests the
diagram needs (point-in-shape, a point well inside a shape) are in
:mod:`consult_app.content.polygons` and re-exported here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from consult_app.content.polygons import Point as Point
from consult_app.content.polygons import Polygon as Polygon
from consult_app.content.polygons import contains as contains
from consult_app.content.polygons import edge_distance as edge_distance
from consult_app.content.polygons import pole_of_inaccessibility as pole_of_inaccessibility

Matrix = tuple[float, float, float, float, float, float]
"""An affine transform ``(a, b, c, d, e, f)``, as in SVG's ``matrix(a b c d e f)``."""

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
SEGMENT_LENGTH = 1.5
_MAX_SEGMENTS = 256
_COMMANDS = "MmZzLlHhVvCcSsQqTtAa"
_PARAM_COUNTS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7}
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_SEPARATORS = " \t\r\n\f,"
_TRANSFORM = re.compile(r"\s*([A-Za-z]+)\s*\(([^)]*)\)\s*,?")


class GeometryError(ValueError):
    """Path data, a number list or a transform that cannot be read."""


class _Scanner:
    """Reads numbers, flags and command letters from SVG path or list syntax."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in _SEPARATORS:
            self.pos += 1

    def at_end(self) -> bool:
        self.skip()
        return self.pos >= len(self.text)

    def has_number(self) -> bool:
        self.skip()
        return _NUMBER.match(self.text, self.pos) is not None

    def number(self) -> float:
        self.skip()
        match = _NUMBER.match(self.text, self.pos)
        if match is None:
            found = repr(self.text[self.pos]) if self.pos < len(self.text) else "the end"
            raise GeometryError(f"expected a number at character {self.pos + 1}, found {found}")
        value = float(match.group())
        if not math.isfinite(value):
            raise GeometryError(f"number too large at character {self.pos + 1}")
        self.pos = match.end()
        return value

    def flag(self) -> bool:
        self.skip()
        if self.pos >= len(self.text) or self.text[self.pos] not in "01":
            raise GeometryError(f"expected an arc flag (0 or 1) at character {self.pos + 1}")
        self.pos += 1
        return self.text[self.pos - 1] == "1"


def parse_numbers(text: str) -> list[float]:
    """Read a list of numbers separated by spaces or commas."""
    scanner = _Scanner(text)
    numbers = []
    while not scanner.at_end():
        numbers.append(scanner.number())
    return numbers


def _segments(length: float) -> int:
    return max(2, min(_MAX_SEGMENTS, math.ceil(length / SEGMENT_LENGTH)))


def _cubic(p0: Point, p1: Point, p2: Point, p3: Point) -> list[Point]:
    n = _segments(math.dist(p0, p1) + math.dist(p1, p2) + math.dist(p2, p3))
    points = []
    for i in range(1, n + 1):
        t = i / n
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        points.append(
            (
                a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
            )
        )
    return points


def _quadratic(p0: Point, p1: Point, p2: Point) -> list[Point]:
    n = _segments(math.dist(p0, p1) + math.dist(p1, p2))
    points = []
    for i in range(1, n + 1):
        t = i / n
        u = 1 - t
        a, b, c = u * u, 2 * u * t, t * t
        points.append((a * p0[0] + b * p1[0] + c * p2[0], a * p0[1] + b * p1[1] + c * p2[1]))
    return points


def _arc(
    p0: Point, rx: float, ry: float, angle: float, large: bool, sweep: bool, p1: Point
) -> list[Point]:
    """Flatten an SVG elliptical arc (endpoint form, SVG 1.1 appendix F.6)."""
    if p0 == p1:
        return []
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0:
        return [p1]
    phi = math.radians(angle)
    cos_phi, sin_phi = math.cos(phi), math.sin(phi)
    dx, dy = (p0[0] - p1[0]) / 2, (p0[1] - p1[1]) / 2
    x1 = cos_phi * dx + sin_phi * dy
    y1 = -sin_phi * dx + cos_phi * dy
    scale = (x1 / rx) ** 2 + (y1 / ry) ** 2
    if scale > 1:
        rx, ry = rx * math.sqrt(scale), ry * math.sqrt(scale)
    numerator = (rx * ry) ** 2 - (rx * y1) ** 2 - (ry * x1) ** 2
    denominator = (rx * y1) ** 2 + (ry * x1) ** 2
    coef = math.sqrt(max(0.0, numerator / denominator))
    if large == sweep:
        coef = -coef
    cx1, cy1 = coef * rx * y1 / ry, -coef * ry * x1 / rx
    cx = cos_phi * cx1 - sin_phi * cy1 + (p0[0] + p1[0]) / 2
    cy = sin_phi * cx1 + cos_phi * cy1 + (p0[1] + p1[1]) / 2
    start = math.atan2((y1 - cy1) / ry, (x1 - cx1) / rx)
    delta = math.atan2((-y1 - cy1) / ry, (-x1 - cx1) / rx) - start
    if sweep and delta < 0:
        delta += 2 * math.pi
    elif not sweep and delta > 0:
        delta -= 2 * math.pi
    n = _segments(abs(delta) * max(rx, ry))
    points = []
    for i in range(1, n):
        t = start + delta * i / n
        ex, ey = rx * math.cos(t), ry * math.sin(t)
        points.append((cx + ex * cos_phi - ey * sin_phi, cy + ex * sin_phi + ey * cos_phi))
    points.append(p1)
    return points


def flatten_path(data: str) -> list[tuple[Polygon, bool]]:
    """Flatten SVG path data into ``(points, closed)`` subpaths; raise GeometryError if invalid."""
    scanner = _Scanner(data)
    if scanner.at_end():
        raise GeometryError("path data is empty")
    subpaths: list[tuple[Polygon, bool]] = []
    current: list[Point] = []
    point = start = (0.0, 0.0)
    control: Point | None = None  # last control point, for the smooth S and T commands
    previous = ""

    def finish(closed: bool) -> None:
        nonlocal current
        if len(current) >= 2:
            subpaths.append((tuple(current), closed))
        current = []

    while not scanner.at_end():
        command = scanner.text[scanner.pos]
        if command not in _COMMANDS:
            raise GeometryError(f"unexpected {command!r} at character {scanner.pos + 1}")
        if not previous and command not in "Mm":
            raise GeometryError("path data must start with a move command (M or m)")
        scanner.pos += 1
        if command in "Zz":
            finish(closed=True)
            point, previous, control = start, "Z", None
            continue
        while True:
            upper = command.upper()
            relative = command.islower()
            ox, oy = point if relative else (0.0, 0.0)
            if upper == "A":
                rx, ry, angle = scanner.number(), scanner.number(), scanner.number()
                large, sweep = scanner.flag(), scanner.flag()
                args = [scanner.number(), scanner.number()]
            else:
                args = [scanner.number() for _ in range(_PARAM_COUNTS[upper])]
            pairs = [(ox + args[i], oy + args[i + 1]) for i in range(0, len(args) - 1, 2)]
            if upper == "M":
                finish(closed=False)
                start = point = pairs[0]
                current = [point]
                command = "l" if relative else "L"
                control = None
            else:
                if not current:
                    current = [point]
                new_control: Point | None = None
                if upper == "L" or (upper == "T" and previous not in ("Q", "T")):
                    end = pairs[0]
                    if upper == "T":
                        new_control = point
                    segment = [end]
                elif upper == "H":
                    end = (ox + args[0], point[1])
                    segment = [end]
                elif upper == "V":
                    end = (point[0], oy + args[0])
                    segment = [end]
                elif upper == "C":
                    new_control, end = pairs[1], pairs[2]
                    segment = _cubic(point, pairs[0], pairs[1], end)
                elif upper == "S":
                    first = _reflect(point, control) if previous in ("C", "S") else point
                    new_control, end = pairs[0], pairs[1]
                    segment = _cubic(point, first, pairs[0], end)
                elif upper == "Q":
                    new_control, end = pairs[0], pairs[1]
                    segment = _quadratic(point, pairs[0], end)
                elif upper == "T":
                    new_control, end = _reflect(point, control), pairs[0]
                    segment = _quadratic(point, new_control, end)
                else:
                    end = pairs[0]
                    segment = _arc(point, rx, ry, angle, large, sweep, end)
                current.extend(segment)
                point, control = end, new_control
            previous = upper
            if not scanner.has_number():
                break
    finish(closed=False)
    return subpaths


def _reflect(point: Point, control: Point | None) -> Point:
    if control is None:
        return point
    return (2 * point[0] - control[0], 2 * point[1] - control[1])


def ellipse(cx: float, cy: float, rx: float, ry: float) -> Polygon:
    """Return an ellipse as a polygon."""
    n = max(16, _segments(2 * math.pi * max(rx, ry)))
    return tuple(
        (cx + rx * math.cos(2 * math.pi * i / n), cy + ry * math.sin(2 * math.pi * i / n))
        for i in range(n)
    )


def rounded_rect(x: float, y: float, w: float, h: float, rx: float, ry: float) -> Polygon:
    """Return a rectangle, with corners rounded by ``rx``/``ry`` when they are positive."""
    rx, ry = min(rx, w / 2), min(ry, h / 2)
    if rx <= 0 or ry <= 0:
        return ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
    d = (
        f"M{x + rx},{y} H{x + w - rx} A{rx},{ry} 0 0 1 {x + w},{y + ry} V{y + h - ry}"
        f" A{rx},{ry} 0 0 1 {x + w - rx},{y + h} H{x + rx} A{rx},{ry} 0 0 1 {x},{y + h - ry}"
        f" V{y + ry} A{rx},{ry} 0 0 1 {x + rx},{y} Z"
    )
    return flatten_path(d)[0][0]


def multiply(m1: Matrix, m2: Matrix) -> Matrix:
    """Return the transform that applies ``m2`` first, then ``m1``."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (
        a1 * a2 + c1 * b2,
        b1 * a2 + d1 * b2,
        a1 * c2 + c1 * d2,
        b1 * c2 + d1 * d2,
        a1 * e2 + c1 * f2 + e1,
        b1 * e2 + d1 * f2 + f1,
    )


def parse_transform(text: str) -> Matrix:
    """Read an SVG transform list (matrix, translate, scale, rotate, skewX, skewY)."""
    result = IDENTITY
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _TRANSFORM.match(text, pos)
        if match is None:
            raise GeometryError(f"cannot read transform at character {pos + 1}")
        name, args = match.group(1), parse_numbers(match.group(2))
        result = multiply(result, _one_transform(name, args))
        pos = match.end()
    return result


def _one_transform(name: str, args: list[float]) -> Matrix:
    counts = {
        "matrix": (6,),
        "translate": (1, 2),
        "scale": (1, 2),
        "rotate": (1, 3),
        "skewX": (1,),
        "skewY": (1,),
    }
    if name not in counts:
        raise GeometryError(f"unknown transform {name!r}")
    if len(args) not in counts[name]:
        raise GeometryError(f"{name}() takes {' or '.join(map(str, counts[name]))} numbers")
    if name == "matrix":
        return (args[0], args[1], args[2], args[3], args[4], args[5])
    if name == "translate":
        return (1.0, 0.0, 0.0, 1.0, args[0], args[1] if len(args) == 2 else 0.0)
    if name == "scale":
        return (args[0], 0.0, 0.0, args[-1], 0.0, 0.0)
    if name == "rotate":
        a = math.radians(args[0])
        rotation = (math.cos(a), math.sin(a), -math.sin(a), math.cos(a), 0.0, 0.0)
        if len(args) == 1:
            return rotation
        cx, cy = args[1], args[2]
        moved = multiply((1.0, 0.0, 0.0, 1.0, cx, cy), rotation)
        return multiply(moved, (1.0, 0.0, 0.0, 1.0, -cx, -cy))
    tangent = math.tan(math.radians(args[0]))
    if name == "skewX":
        return (1.0, 0.0, tangent, 1.0, 0.0, 0.0)
    return (1.0, tangent, 0.0, 1.0, 0.0, 0.0)


def apply(matrix: Matrix, points: Sequence[Point]) -> Polygon:
    """Transform points."""
    a, b, c, d, e, f = matrix
    return tuple((a * x + c * y + e, b * x + d * y + f) for x, y in points)
