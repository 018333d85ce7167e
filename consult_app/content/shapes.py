"""SVG basic shapes and presentation values, flattened and read as the diagram needs them."""

from __future__ import annotations

import re

from consult_app.content import svgpath
from consult_app.content.svgpath import GeometryError, Polygon

_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\Z")
_NAMED_COLOURS = {"black": "#000000", "white": "#ffffff", "grey": "#808080", "gray": "#808080"}
_LENGTH = re.compile(r"\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(px)?\s*\Z")


def colour(value: str) -> str | None:
    """Return a colour as #rrggbb, or None for none and colours this module does not model."""
    value = value.strip()
    match = _HEX.match(value)
    if match is None:
        return _NAMED_COLOURS.get(value.lower())
    digits = match.group(1).lower()
    return "#" + (digits if len(digits) == 6 else "".join(c * 2 for c in digits))


def length(text: str, name: str) -> float:
    """Return a length in user units (a plain number, or px)."""
    match = _LENGTH.match(text)
    if match is None:
        raise GeometryError(f"{name} {text!r} must be a plain number (user units or px)")
    return float(match.group(1))


def geometry(tag: str, attrs: dict[str, str]) -> tuple[list[Polygon], bool]:
    """Flatten one basic shape or path into polygons; return them and whether all are closed."""

    def number(name: str, default: float | None = 0.0) -> float:
        if name not in attrs:
            if default is None:
                raise GeometryError(f"the {name!r} attribute is missing")
            return default
        value = length(attrs[name], name)
        if name in ("r", "rx", "ry", "width", "height") and value < 0:
            raise GeometryError(f"{name} must not be negative")
        return value

    if tag == "path":
        subpaths = svgpath.flatten_path(attrs.get("d", ""))
        return [points for points, _ in subpaths], all(closed for _, closed in subpaths)
    if tag == "circle":
        r = number("r", None)
        return [svgpath.ellipse(number("cx"), number("cy"), r, r)], True
    if tag == "ellipse":
        rx, ry = number("rx", None), number("ry", None)
        return [svgpath.ellipse(number("cx"), number("cy"), rx, ry)], True
    if tag == "rect":
        has_rx, has_ry = "rx" in attrs, "ry" in attrs
        round_x = number("rx") if has_rx else number("ry")
        round_y = number("ry") if has_ry else round_x
        box = (number("x"), number("y"), number("width", None), number("height", None))
        return [svgpath.rounded_rect(*box, round_x, round_y)], True
    if tag == "line":
        ends = ((number("x1"), number("y1")), (number("x2"), number("y2")))
        return [ends], False
    values = svgpath.parse_numbers(attrs.get("points", ""))
    if len(values) < 4 or len(values) % 2:
        raise GeometryError("points must be at least 2 pairs of numbers")
    points = tuple((values[i], values[i + 1]) for i in range(0, len(values), 2))
    return [points], tag == "polygon"


def polygon_area(polygon: Polygon) -> float:
    """Return the area a polygon encloses (the shoelace formula)."""
    n = len(polygon)
    twice = sum(
        polygon[i][0] * polygon[(i + 1) % n][1] - polygon[(i + 1) % n][0] * polygon[i][1]
        for i in range(n)
    )
    return abs(twice) / 2
