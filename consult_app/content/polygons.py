"""Polygon tests without a renderer: inside or not, distance to the edges, a point well inside.

Inside follows the nonzero or the even-odd fill rule; the point well inside a shape is its pole
of inaccessibility (the inside point farthest from every edge).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

Point = tuple[float, float]
Polygon = tuple[Point, ...]


def contains(polygons: Sequence[Polygon], x: float, y: float, even_odd: bool = False) -> bool:
    """Return whether (x, y) is inside the filled shape (polygons are implicitly closed)."""
    winding = 0
    crossings = 0
    for polygon in polygons:
        n = len(polygon)
        for i in range(n):
            x1, y1 = polygon[i]
            x2, y2 = polygon[(i + 1) % n]
            if (y1 <= y) == (y2 <= y):
                continue
            cross_x = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if cross_x > x:
                crossings += 1
                winding += 1 if y2 > y1 else -1
    return crossings % 2 == 1 if even_odd else winding != 0


def edge_distance(polygons: Sequence[Polygon], x: float, y: float) -> float:
    """Return the distance from (x, y) to the nearest edge of the polygons."""
    best = math.inf
    for polygon in polygons:
        n = len(polygon)
        for i in range(n):
            x1, y1 = polygon[i]
            x2, y2 = polygon[(i + 1) % n]
            dx, dy = x2 - x1, y2 - y1
            length2 = dx * dx + dy * dy
            t = (
                0.0
                if length2 == 0
                else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / length2))
            )
            best = min(best, math.hypot(x - x1 - t * dx, y - y1 - t * dy))
    return best


def pole_of_inaccessibility(
    polygons: Sequence[Polygon], even_odd: bool = False, precision: float = 0.5
) -> tuple[Point, float]:
    """Return the inside point farthest from any edge, and that distance (polylabel method)."""
    xs = [p[0] for polygon in polygons for p in polygon]
    ys = [p[1] for polygon in polygons for p in polygon]
    if not xs:
        raise ValueError("no polygon")
    min_x, min_y, max_x, max_y = min(xs), min(ys), max(xs), max(ys)
    size = min(max_x - min_x, max_y - min_y)
    if size <= 0:
        return (min_x, min_y), 0.0

    def signed(x: float, y: float) -> float:
        distance = edge_distance(polygons, x, y)
        return distance if contains(polygons, x, y, even_odd) else -distance

    def cell(x: float, y: float, half: float) -> tuple[float, float, float, float, float]:
        d = signed(x, y)
        return (-(d + half * math.sqrt(2)), x, y, half, d)

    heap: list[tuple[float, float, float, float, float]] = []
    half = size / 2
    x = min_x
    while x < max_x:
        y = min_y
        while y < max_y:
            heapq.heappush(heap, cell(x + half, y + half, half))
            y += size
        x += size
    centre = ((min_x + max_x) / 2, (min_y + max_y) / 2)
    best = (centre, signed(*centre))
    while heap:
        _, x, y, half, d = heapq.heappop(heap)
        if d > best[1]:
            best = ((x, y), d)
        if d + half * math.sqrt(2) - best[1] <= precision:
            continue
        half /= 2
        for dx in (-half, half):
            for dy in (-half, half):
                heapq.heappush(heap, cell(x + dx, y + dy, half))
    return best
