"""Arrow-key movement between diagram areas (plain Python, no Qt)."""

from __future__ import annotations

import math
from collections.abc import Mapping

Point = tuple[float, float]

_DIRECTIONS: dict[str, Point] = {
    "left": (-1.0, 0.0),
    "right": (1.0, 0.0),
    "up": (0.0, -1.0),
    "down": (0.0, 1.0),
}


def next_area(points: Mapping[str, Point], current: str | None, direction: str) -> str | None:
    """Return the area an arrow key in ``direction`` moves to from ``current``.

    ``points`` maps area ids to a point inside each area (y grows downwards). The nearest area
    within 60 degrees of the direction wins, distance weighted against straying sideways. With
    nothing in that direction, the focus stays. With no current area, the first area is chosen.
    """
    if not points:
        return None
    if current is None or current not in points:
        return next(iter(points))
    dx, dy = _DIRECTIONS[direction]
    cx, cy = points[current]
    best: tuple[float, str] | None = None
    for area_id, (x, y) in points.items():
        if area_id == current:
            continue
        vx, vy = x - cx, y - cy
        distance = math.hypot(vx, vy)
        if distance == 0:
            continue
        along = (vx * dx + vy * dy) / distance
        if along < 0.5:  # more than 60 degrees off the arrow's direction
            continue
        across = abs(vx * dy - vy * dx)
        score = distance + 2.0 * across
        if best is None or score < best[0]:
            best = (score, area_id)
    return best[1] if best else current
