"""Labels on the bundled drawings: each leader meets its area on its own column's side."""

from __future__ import annotations

import pytest

from consult_app.bundled import bundled_resource
from consult_app.content.diagram import Diagram, load_diagram
from consult_app.content.svgpath import contains
from consult_app.handout.diagram_drawing import DiagramFlowable
from consult_app.handout.styles import make_styles, register_fonts

DIAGRAMS = bundled_resource() / "diagrams"


def placed(diagram: Diagram, area_ids: list[str]) -> dict[str, tuple[bool, float, float]]:
    """Lay out labels; return each area's column (left True) and where its leader ends."""
    register_fonts()
    flowable = DiagramFlowable(
        diagram, [(a, a.replace("_", " ")) for a in area_ids], make_styles().label, 200
    )
    flowable.wrap(500, 800)
    min_x, min_y, _w, _h = diagram.view_box
    result = {}
    for label in flowable._placed:
        local_x, local_y = label.anchor
        x = (local_x - flowable._origin[0]) / flowable._scale + min_x
        y = local_y / flowable._scale + min_y
        result[label.area_id] = (label.left_side, x, y)
    return result


def part_side(diagram: Diagram, area_id: str, x: float, y: float) -> str:
    """Return which part of a two-part area holds (x, y): 'left' or 'right' on the page."""
    parts = sorted(diagram.outline(area_id), key=lambda p: min(px for px, _ in p))
    assert len(parts) == 2
    holders = [
        side for side, part in zip(("left", "right"), parts, strict=True) if contains([part], x, y)
    ]
    assert len(holders) == 1, (area_id, x, y)
    return holders[0]


@pytest.mark.parametrize(
    "areas",
    [
        ["crows_feet", "gummy_smile", "masseter", "mouth_corners"],
        ["forehead", "glabella", "crows_feet", "bunny_lines", "gummy_smile", "lip_lines"],
        ["mouth_corners", "chin", "masseter", "platysma"],
    ],
)
def test_two_sided_face_areas_share_the_columns_and_meet_the_near_half(areas: list[str]) -> None:
    face = load_diagram(DIAGRAMS / "face.svg")
    labels = placed(face, areas)
    columns = [left for left, _x, _y in labels.values()]
    assert abs(columns.count(True) - columns.count(False)) <= 1
    for area_id, (left, x, y) in labels.items():
        assert face.area_at(x, y) == area_id
        if len(face.outline(area_id)) == 2:
            assert part_side(face, area_id, x, y) == ("left" if left else "right"), area_id


def test_soles_are_labelled_on_their_own_side_at_the_nearer_sole() -> None:
    body = load_diagram(DIAGRAMS / "body.svg")
    labels = placed(body, ["underarms", "palms", "soles"])
    left, x, y = labels["soles"]
    assert not left  # both soles are drawn right of the figure
    assert body.area_at(x, y) == "soles"
    assert part_side(body, "soles", x, y) == "right"
