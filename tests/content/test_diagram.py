"""Diagram loading: bundled face and body drawings, hit-testing, transforms and file errors."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from consult_app.content.diagram import Diagram, DiagramError, load_diagram
from consult_app.content.svgpath import Point, Polygon, contains

DIAGRAMS = Path(__file__).resolve().parents[2] / "resources" / "diagrams"
FACE_AREAS = (
    "forehead",
    "glabella",
    "crows_feet",
    "bunny_lines",
    "gummy_smile",
    "lip_lines",
    "mouth_corners",
    "chin",
    "masseter",
    "platysma",
)
FACE_TWO_SIDED = (
    "crows_feet",
    "bunny_lines",
    "gummy_smile",
    "mouth_corners",
    "masseter",
    "platysma",
)
# Named in pairs, right_... and left_... (the patient's sides), besides chin_bottom.
FACE_LANDMARKS = (
    "brow_inner_end",
    "eye_outer_corner",
    "ear_lobe",
    "nostril",
    "lip_peak",
    "mouth_corner",
)
BODY_AREAS = ("underarms", "palms", "soles")
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">'


def write_svg(tmp_path: Path, *body_lines: str, opening: str = SVG_OPEN) -> Path:
    """Write an SVG whose opening tag is on line 1 and body_lines[i] on line i + 2."""
    path = tmp_path / "drawing.svg"
    path.write_text("\n".join([opening, *body_lines, "</svg>"]) + "\n", encoding="utf-8")
    return path


def load_error(path: Path) -> DiagramError:
    with pytest.raises(DiagramError) as caught:
        load_diagram(path)
    error = caught.value
    assert str(error) == f"{path}:{error.line}: {error.message}"
    return error


@pytest.fixture(scope="module")
def face() -> Diagram:
    return load_diagram(DIAGRAMS / "face.svg")


@pytest.fixture(scope="module")
def body() -> Diagram:
    return load_diagram(DIAGRAMS / "body.svg")


def test_bundled_diagrams_have_exactly_the_agreed_areas(face: Diagram, body: Diagram) -> None:
    assert set(face.area_ids) == set(FACE_AREAS)
    assert len(face.area_ids) == len(FACE_AREAS)
    assert set(body.area_ids) == set(BODY_AREAS)
    assert len(body.area_ids) == len(BODY_AREAS)
    assert face.view_box == (0.0, 0.0, 400.0, 500.0)
    assert body.view_box == (0.0, 0.0, 400.0, 560.0)


@pytest.mark.parametrize("name", ["face.svg", "body.svg"])
def test_area_lines_point_at_the_area_elements(name: str) -> None:
    diagram = load_diagram(DIAGRAMS / name)
    lines = (DIAGRAMS / name).read_text(encoding="utf-8").splitlines()
    for area_id, line in diagram.area_lines.items():
        assert f'id="{area_id}"' in lines[line - 1]


@pytest.mark.parametrize("name", ["face.svg", "body.svg"])
def test_representative_point_of_every_area_hits_that_area(name: str) -> None:
    diagram = load_diagram(DIAGRAMS / name)
    for area_id in diagram.area_ids:
        x, y = diagram.representative_point(area_id)
        assert diagram.area_at(x, y) == area_id
        # Well inside: a small step in any direction stays in the area.
        for dx, dy in ((6, 0), (-6, 0), (0, 6), (0, -6)):
            assert diagram.area_at(x + dx, y + dy) == area_id


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        (200, 195, "glabella"),
        (200, 140, "forehead"),
        (108, 218, "crows_feet"),
        (292, 218, "crows_feet"),
        (200, 340, "lip_lines"),
        (120, 320, "masseter"),
        (280, 320, "masseter"),  # the right side is drawn as a mirrored copy
        (228, 460, "platysma"),
        (200, 284, None),  # tip of the nose
        (135, 262, None),  # centre of the cheek
        (200, 172, None),  # between forehead and frown area
        (200, 460, None),  # middle of the neck, between the bands
        (4, 4, None),  # background corner
    ],
)
def test_face_hit_testing(face: Diagram, x: float, y: float, expected: str | None) -> None:
    assert face.area_at(x, y) == expected


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        (111, 156, "underarms"),
        (56, 322, "palms"),
        (244, 322, "palms"),
        (312, 430, "soles"),
        (370, 430, "soles"),
        (150, 222, None),  # belly
        (150, 40, None),  # head
        (395, 5, None),  # background
    ],
)
def test_body_hit_testing(body: Diagram, x: float, y: float, expected: str | None) -> None:
    assert body.area_at(x, y) == expected


def test_areas_of_both_sides_have_two_parts(face: Diagram, body: Diagram) -> None:
    for area_id in FACE_TWO_SIDED:
        assert len(face.outline(area_id)) == 2
    for area_id in BODY_AREAS:
        assert len(body.outline(area_id)) == 2
    with pytest.raises(KeyError):
        face.outline("elbow")


def test_hit_testing_follows_the_shape_not_its_bounding_box(tmp_path: Path) -> None:
    path = write_svg(
        tmp_path,
        '<path id="l_shape" class="area" d="M0,0 H100 V30 H30 V100 H0 Z"/>',
        '<path id="ring" class="area" fill-rule="evenodd"'
        ' d="M150,150 m-40,0 a40,40 0 1,0 80,0 a40,40 0 1,0 -80,0 Z'
        ' M150,150 m-20,0 a20,20 0 1,0 40,0 a20,20 0 1,0 -40,0 Z"/>',
    )
    diagram = load_diagram(path)
    assert diagram.area_at(15, 70) == "l_shape"
    assert diagram.area_at(70, 15) == "l_shape"
    assert diagram.area_at(70, 70) is None  # inside the bounding box, outside the L
    assert diagram.area_at(150, 150) is None  # the hole of the ring
    assert diagram.area_at(150 + 30, 150) == "ring"
    assert diagram.area_at(150 + 29, 150 + 29) is None  # 41 from the centre, outside
    x, y = diagram.representative_point("l_shape")
    assert diagram.area_at(x, y) == "l_shape"
    x, y = diagram.representative_point("ring")
    assert diagram.area_at(x, y) == "ring"


def test_nonzero_fill_keeps_a_hole_drawn_the_other_way_round(tmp_path: Path) -> None:
    path = write_svg(
        tmp_path,
        '<path id="frame" class="area" d="M0,0 h100 v100 h-100 z M20,20 v60 h60 v-60 z"/>',
    )
    diagram = load_diagram(path)
    assert diagram.area_at(10, 50) == "frame"
    assert diagram.area_at(50, 50) is None


def test_transforms_are_applied(tmp_path: Path) -> None:
    path = write_svg(
        tmp_path,
        '<g transform="translate(100 50)">',
        '  <rect id="moved" class="area" x="0" y="0" width="20" height="20"/>',
        "</g>",
        '<g transform="translate(0,120) scale(2)">',
        '  <circle id="scaled" class="area" cx="10" cy="10" r="8"/>',
        "</g>",
        '<g id="art-line" stroke="#abc" stroke-width="1.5" transform="scale(2)">',
        '  <line x1="0" y1="0" x2="10" y2="0"/>',
        "</g>",
    )
    diagram = load_diagram(path)
    assert diagram.area_at(110, 60) == "moved"
    assert diagram.area_at(10, 10) is None
    assert diagram.area_at(20 + 14, 140) == "scaled"  # radius 16 after scaling
    assert diagram.area_at(20 - 14, 140) == "scaled"
    assert diagram.area_at(20 + 17, 140) is None
    line = diagram.shapes[-1]
    assert line.area_id is None
    assert line.polygons == (((0.0, 0.0), (20.0, 0.0)),)
    assert not line.closed
    assert line.stroke == "#aabbcc"
    assert line.stroke_width == pytest.approx(3.0)


def test_arcs_and_relative_commands_are_flattened_accurately(tmp_path: Path) -> None:
    path = write_svg(
        tmp_path,
        '<path id="disc" class="area" d="M50,10 A40,40 0 1,1 50,90 A40,40 0 1,1 50,10 Z"/>',
        '<path id="square" class="area" d="m110,110 h20 v20 h-20 z"/>',
        '<path id="bump" class="area"',
        '      d="M110,10 c0,-10 40,-10 40,0 s-10,30 -20,30 q-20,0 -20,-30 Z"/>',
    )
    diagram = load_diagram(path)
    assert diagram.area_at(50 + 39, 50) == "disc"
    assert diagram.area_at(50 + 41, 50) is None
    assert diagram.area_at(120, 120) == "square"
    assert diagram.area_at(135, 120) is None
    assert diagram.area_at(130, 20) == "bump"
    assert diagram.area_at(130, 4) == "bump"  # above the chord, under the cubic's arch
    assert diagram.area_at(130, 1) is None
    assert diagram.area_at(116, 30) == "bump"  # outside the chord, inside the quadratic
    assert diagram.area_at(112, 30) is None


def test_line_numbers_of_broken_files(tmp_path: Path) -> None:
    cases = [
        (('<html xmlns="http://www.w3.org/1999/xhtml"></html>',), 1, "not an SVG"),
        ((SVG_OPEN, "<g>", "  <path d='M0,0 L1,1'>", "</g>"), 4, "not well-formed"),
        (('<svg xmlns="http://www.w3.org/2000/svg" width="10">', "</svg>"), 1, "viewBox"),
        (('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 -5 10">', "</svg>"), 1, "viewBox"),
        (('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ten 10">', "</svg>"), 1, "viewBox"),
    ]
    for lines, line, words in cases:
        path = tmp_path / "broken.svg"
        path.write_text("\n".join(lines), encoding="utf-8")
        error = load_error(path)
        assert (error.line, words in error.message) == (line, True), error


@pytest.mark.parametrize(
    ("body_lines", "line", "words"),
    [
        (
            ('<circle id="chin" class="area" r="9"/>', '<circle id="chin" class="area" r="9"/>'),
            3,
            "used twice (first on line 2)",
        ),
        (("<g>", '  <circle class="area" cx="5" cy="5" r="9"/>', "</g>"), 3, "needs an id"),
        (('<circle id="CrowsFeet" class="area" r="9"/>',), 2, "snake_case"),
        (('<circle id="crows-feet" class="area" r="9"/>',), 2, "snake_case"),
        (('<g id="chin" class="area">', "  <text>chin</text>", "</g>"), 3, "<text> is not allowed"),
        (('<g id="chin" class="area">', '  <image href="x.png"/>', "</g>"), 3, "not allowed"),
        (("", '<path id="chin" class="area" d="M 10 10 L 20"/>'), 3, "expected a number"),
        (('<path id="chin" class="area" d="L 10 10 20 20"/>',), 2, "must start with a move"),
        (('<path d="M0,0 L10,10 X 3"/>',), 2, "unexpected 'X'"),
        (('<path d=""/>',), 2, "empty"),
        (('<path d="M0,0 A5,5 0 2 1 9,9"/>',), 2, "arc flag"),
        (('<circle cx="5" cy="5"/>',), 2, "'r' attribute is missing"),
        (('<rect width="10%" height="5"/>',), 2, "plain number"),
        (('<polygon points="1,2 3"/>',), 2, "pairs"),
        (('<g transform="rotate(1 2)"><path d="M0,0 H9"/></g>',), 2, "rotate() takes 1 or 3"),
        (('<circle id="chin" r="9"/>',), 2, "is not an area"),
        (('<line id="chin" class="area" x1="0" y1="0" x2="9" y2="9"/>',), 2, "no shape"),
        (('<g id="a" class="area">', '  <circle id="b" class="area" r="9"/>', "</g>"), 3, "inside"),
    ],
)
def test_each_kind_of_error_names_its_line(
    tmp_path: Path, body_lines: tuple[str, ...], line: int, words: str
) -> None:
    error = load_error(write_svg(tmp_path, *body_lines))
    assert error.line == line
    assert words in error.message


def test_doctype_with_external_entity_is_refused_unread(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    path = tmp_path / "evil.svg"
    path.write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE svg [ <!ENTITY x SYSTEM "{secret.as_uri()}"> ]>\n'
        f"{SVG_OPEN}\n"
        '<path id="art-x" d="M0,0 H10"><title>&x;</title></path>\n'
        "</svg>\n",
        encoding="utf-8",
    )
    error = load_error(path)
    assert error.line == 2
    assert "DOCTYPE" in error.message
    assert "TOP-SECRET-MARKER" not in str(error)


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "laughs.svg"
    path.write_text(
        '<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;">\n]>\n'
        f"{SVG_OPEN}<title>&b;</title></svg>\n",
        encoding="utf-8",
    )
    assert load_error(path).line == 1


def test_unknown_text_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.svg"
    path.write_text(f'<?xml version="1.0" encoding="bogus"?>\n{SVG_OPEN}</svg>', encoding="utf-8")
    error = load_error(path)
    assert (error.line, "UTF-8" in error.message) == (1, True)


def test_too_large_or_missing_files_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.svg"
    big.write_text(SVG_OPEN + "<!--" + "x" * (2 * 1024 * 1024) + "--></svg>", encoding="utf-8")
    error = load_error(big)
    assert (error.line, "larger than" in error.message) == (0, True)
    error = load_error(tmp_path / "missing.svg")
    assert (error.line, "cannot read" in error.message) == (0, True)


def test_unmodelled_elements_outside_areas_are_ignored(tmp_path: Path) -> None:
    path = write_svg(
        tmp_path,
        "<title>Face</title>",
        "<defs><circle id='dot' r='3'/></defs>",
        "<text x='5' y='5'>label</text>",
        '<rect id="only" class="area" x="0" y="0" width="50" height="50" fill="none"/>',
    )
    diagram = load_diagram(path)
    assert diagram.area_ids == ("only",)
    assert len(diagram.shapes) == 1
    assert diagram.shapes[0].fill is None
    assert diagram.area_at(25, 25) == "only"  # clickable even without a visible fill


def test_landmarks_are_points_not_areas_or_drawing(tmp_path: Path) -> None:
    path = write_svg(
        tmp_path,
        '<g id="landmarks" display="none" transform="translate(10 20)">',
        "  <title>Points to check the areas against</title>",
        '  <circle id="right_ear_lobe" cx="5" cy="6" r="2"/>',
        '  <circle id="mouth" cx="50" cy="60" r="2" transform="scale(2)"/>',
        "</g>",
        '<rect id="chin" class="area" x="100" y="100" width="50" height="50"/>',
    )
    diagram = load_diagram(path)
    assert diagram.landmarks == {"right_ear_lobe": (15.0, 26.0), "mouth": (110.0, 140.0)}
    assert diagram.area_ids == ("chin",)
    assert len(diagram.shapes) == 1  # the landmark circles are neither drawn nor clicked
    assert diagram.area_at(15, 26) is None


@pytest.mark.parametrize(
    ("body_lines", "line", "words"),
    [
        (('<g id="landmarks">', '  <rect id="nose" width="2" height="2"/>', "</g>"), 3, "<circle>"),
        (('<g id="landmarks">', '  <circle cx="1" cy="1" r="1"/>', "</g>"), 3, "snake_case"),
        (('<g id="landmarks">', '  <circle id="Nose" r="1"/>', "</g>"), 3, "snake_case"),
        (('<g id="landmarks">', '  <circle id="nose" cx="1%" r="1"/>', "</g>"), 3, "plain number"),
        (
            ('<g id="landmarks">', '  <circle id="chin" class="area" r="9"/>', "</g>"),
            3,
            "area 'chin' cannot be a landmark",
        ),
        (
            ('<g id="chin" class="area">', '  <g id="landmarks"/>', "</g>"),
            3,
            "landmarks cannot sit inside an area",
        ),
        # A shape outside the landmarks group is still refused without an area.
        (('<circle id="right_ear_lobe" cx="1" cy="1" r="1"/>',), 2, "is not an area"),
    ],
)
def test_each_kind_of_landmark_error_names_its_line(
    tmp_path: Path, body_lines: tuple[str, ...], line: int, words: str
) -> None:
    error = load_error(write_svg(tmp_path, *body_lines))
    assert error.line == line
    assert words in error.message


def by_side(diagram: Diagram, area_id: str) -> dict[str, Polygon]:
    """Return the two parts of an area by the patient's side (their right is the viewer's left)."""
    min_x, _y, width, _h = diagram.view_box
    middle = min_x + width / 2
    parts = diagram.outline(area_id)
    assert len(parts) == 2
    sides = {("right" if sum(x for x, _ in p) / len(p) < middle else "left"): p for p in parts}
    assert set(sides) == {"right", "left"}
    return sides


def distance_to_outline(polygon: Polygon, point: Point, closed: bool = True) -> float:
    """Return the distance from a point to the edges of a polygon (or an open polyline)."""
    px, py = point
    pairs = zip(polygon, polygon[1:] + (polygon[:1] if closed else ()), strict=False)
    best = math.inf
    for (x1, y1), (x2, y2) in pairs:
        dx, dy = x2 - x1, y2 - y1
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / length2))
        best = min(best, math.hypot(px - x1 - t * dx, py - y1 - t * dy))
    return best


def segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Return whether segments ab and cd cross or touch."""

    def turn(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2, d3, d4 = turn(c, d, a), turn(c, d, b), turn(a, b, c), turn(a, b, d)
    return d1 * d2 <= 0 and d3 * d4 <= 0


def polygons_overlap(first: Polygon, second: Polygon) -> bool:
    """Return whether two closed polygons share any point (edges crossing, or one inside)."""
    ax = [x for x, _ in first]
    ay = [y for _, y in first]
    bx = [x for x, _ in second]
    by = [y for _, y in second]
    if max(ax) < min(bx) or max(bx) < min(ax) or max(ay) < min(by) or max(by) < min(ay):
        return False
    edges_a = list(zip(first, first[1:] + first[:1], strict=True))
    edges_b = list(zip(second, second[1:] + second[:1], strict=True))
    if any(segments_cross(a, b, c, d) for a, b in edges_a for c, d in edges_b):
        return True
    return contains([second], *first[0]) or contains([first], *second[0])


def test_face_landmarks_are_named_on_both_sides_and_mirrored(face: Diagram) -> None:
    expected = {f"{side}_{name}" for side in ("right", "left") for name in FACE_LANDMARKS}
    assert set(face.landmarks) == expected | {"chin_bottom"}
    assert face.landmarks["chin_bottom"][0] == pytest.approx(200.0)
    for name in FACE_LANDMARKS:
        right, left = face.landmarks[f"right_{name}"], face.landmarks[f"left_{name}"]
        assert right[0] < 200 < left[0], name  # the patient's right is on the viewer's left
        assert (right[0] + left[0], right[1]) == pytest.approx((400.0, left[1])), name


def test_face_landmarks_sit_on_the_line_art(face: Diagram) -> None:
    lines = [s for s in face.shapes if s.area_id is None and s.stroke is not None]
    features = [s for s in face.shapes if s.area_id is None and s.stroke is None and s.fill]
    for name, point in face.landmarks.items():
        nearest = min(
            distance_to_outline(polygon, point, shape.closed)
            for shape in lines
            for polygon in shape.polygons
        )
        # On a drawn line, or inside a drawn feature such as an eyebrow.
        assert nearest <= 1.5 or any(s.contains(*point) for s in features), (name, nearest)


def test_two_sided_face_areas_are_mirror_images(face: Diagram) -> None:
    for area_id in FACE_TWO_SIDED:
        sides = by_side(face, area_id)
        mirrored = tuple((400 - x, y) for x, y in sides["right"])
        for point in mirrored:
            assert distance_to_outline(sides["left"], point) < 0.5, (area_id, point)
        for point in sides["left"]:
            assert distance_to_outline(mirrored, point) < 0.5, (area_id, point)


def test_jaw_area_lies_below_the_line_from_ear_lobe_to_mouth_corner(face: Diagram) -> None:
    for side, part in by_side(face, "masseter").items():
        (lobe_x, lobe_y) = face.landmarks[f"{side}_ear_lobe"]
        (mouth_x, mouth_y) = face.landmarks[f"{side}_mouth_corner"]
        for x, y in part:
            line_y = lobe_y + (mouth_y - lobe_y) * (x - lobe_x) / (mouth_x - lobe_x)
            assert y > line_y, (side, (x, y), line_y)
            # Its bulk lies between the ear lobe and the mouth corner, not in front of the mouth.
            assert min(lobe_x, mouth_x) < x < max(lobe_x, mouth_x), (side, (x, y))


def test_gummy_smile_area_sits_beside_each_nostril_above_the_upper_lip(face: Diagram) -> None:
    lip_top = min(face.landmarks[f"{side}_lip_peak"][1] for side in ("right", "left"))
    for side, part in by_side(face, "gummy_smile").items():
        nostril_x, nostril_y = face.landmarks[f"{side}_nostril"]
        assert distance_to_outline(part, (nostril_x, nostril_y)) <= 4.0, side
        # Beside the nostril: on its outer side, level with it, and wholly above the lip.
        centre_x = sum(x for x, _ in part) / len(part)
        centre_y = sum(y for _, y in part) / len(part)
        assert abs(centre_x - 200) > abs(nostril_x - 200), side
        assert abs(centre_y - nostril_y) < 10, side
        assert max(y for _, y in part) < lip_top, side


@pytest.mark.parametrize("name", ["face.svg", "body.svg"])
def test_no_two_area_shapes_overlap(name: str) -> None:
    diagram = load_diagram(DIAGRAMS / name)
    parts = [(area_id, p) for area_id in diagram.area_ids for p in diagram.outline(area_id)]
    for (first_id, first), (second_id, second) in itertools.combinations(parts, 2):
        assert not polygons_overlap(first, second), (first_id, second_id)


def test_every_face_area_lies_on_the_drawn_skin(face: Diagram) -> None:
    figure = [s for s in face.shapes if s.area_id is None and s.fill and s.closed]
    for area_id in face.area_ids:
        for polygon in face.outline(area_id):
            for x, y in polygon:
                assert any(s.contains(x, y) for s in figure), (area_id, (x, y))


def test_upper_face_areas_sit_at_the_brows_and_eye_corners(face: Diagram) -> None:
    (right_brow_x, brow_y), (left_brow_x, _) = (
        face.landmarks[f"{side}_brow_inner_end"] for side in ("right", "left")
    )
    forehead = [point for polygon in face.outline("forehead") for point in polygon]
    assert max(y for _, y in forehead) < brow_y
    # Frown lines: between the inner ends of the brows, at their level.
    frown = [point for polygon in face.outline("glabella") for point in polygon]
    assert all(right_brow_x < x < left_brow_x for x, _ in frown)
    assert min(y for _, y in frown) < brow_y < max(y for _, y in frown)
    # Crow's feet: beside each outer eye corner, on its outer side, level with it.
    for side, part in by_side(face, "crows_feet").items():
        corner_x, corner_y = face.landmarks[f"{side}_eye_outer_corner"]
        assert distance_to_outline(part, (corner_x, corner_y)) <= 6.0, side
        assert all(abs(x - 200) > abs(corner_x - 200) for x, _ in part), side
        assert min(y for _, y in part) < corner_y < max(y for _, y in part), side


def test_chin_is_above_the_chin_bottom_and_neck_bands_below_it(face: Diagram) -> None:
    _x, chin_bottom = face.landmarks["chin_bottom"]
    mouth_y = face.landmarks["right_mouth_corner"][1]
    chin = [point for polygon in face.outline("chin") for point in polygon]
    assert all(mouth_y < y < chin_bottom for _, y in chin)
    neck = [point for polygon in face.outline("platysma") for point in polygon]
    assert all(y > chin_bottom for _, y in neck)
