"""The diagram drawing (labels, highlight) and handouts built from the bundled content."""

from __future__ import annotations

import itertools
import subprocess
import sys
from datetime import date
from pathlib import Path

from handout_pdf import embedded_fonts, reader, text_of
from handout_requests import FACE, typical_request
from pypdf.generic import DictionaryObject

from consult_app.content.diagram import Diagram, load_diagram
from consult_app.content.models import DiagramView
from consult_app.handout import GenericRequest, build_generic, build_sheet
from consult_app.handout.diagram_drawing import DiagramFlowable, load_cached
from consult_app.handout.styles import make_styles, register_fonts


def placed_labels(diagram, labels, width=500.0):
    register_fonts()
    flowable = DiagramFlowable(diagram, labels, make_styles().label, 160)
    _w, height = flowable.wrap(width, 800)
    return flowable, height


def test_labels_sit_beside_the_drawing_and_never_overlap():
    names = [
        ("forehead", "Forehead lines"),
        ("glabella", "Frown lines between the eyebrows, a long label that wraps"),
        ("crows_feet", "Crow's feet"),
        ("masseter", "Jaw muscle"),
    ]
    flowable, height = placed_labels(FACE, names)
    labels = flowable._placed
    assert {label.area_id for label in labels} == {a for a, _n in names}
    drawing_left = flowable._origin[0]
    drawing_right = drawing_left + FACE.view_box[2] * flowable._scale
    for side in (True, False):
        column = sorted((lab for lab in labels if lab.left_side is side), key=lambda x: x.top)
        for upper, lower in itertools.pairwise(column):
            assert upper.top + upper.height <= lower.top
        for label in column:
            assert label.top >= 0 and label.top + label.height <= height
    assert flowable._label_width < drawing_left
    assert flowable._avail_width - flowable._label_width > drawing_right


def test_many_labels_on_one_side_grow_the_drawing_instead_of_overlapping():
    names = [("masseter", f"Label number {i} with a few words to wrap") for i in range(12)]
    flowable, height = placed_labels(FACE, names)
    assert height > 160
    tops = sorted((lab.top, lab.height) for lab in flowable._placed if lab.left_side is False)
    for (top, h), (next_top, _h) in itertools.pairwise(tops):
        assert top + h <= next_top


def test_bundled_sheet_fits_3_pages_with_the_areas_drawn_and_named(bundled):
    pdf = build_sheet(bundled, typical_request())
    document = reader(pdf)
    assert len(document.pages) <= 3
    text = text_of(pdf)
    chosen = [bundled.area(a) for a in typical_request().area_ids]
    for area in chosen:
        assert area.name.get() in text
        for effect in area.side_effects:
            assert " ".join(effect.get().split()) in text
    for area in bundled.areas:
        if area.id not in typical_request().area_ids:
            assert area.name.get() not in text, area.id
    assert "Get help urgently" in text
    assert all(embedded_fonts(pdf).values())
    # The highlighted areas are vector paths filled see-through, not a picture.
    page = document.pages[0]
    contents = page.get_contents()
    assert contents is not None
    assert b" B" in contents.get_data()
    resources = page["/Resources"]
    assert isinstance(resources, DictionaryObject)
    assert "/ExtGState" in resources


def test_bundled_generic_handout_covers_every_area_on_both_diagrams(bundled):
    pdf = build_generic(bundled, GenericRequest((), date(2025, 6, 3), "G-1"))
    text = text_of(pdf)
    for area in bundled.areas:
        assert area.name.get() in text
    assert len(reader(pdf).pages) <= 5


def test_diagram_cache_reuses_geometry_until_the_file_changes(tmp_path, bundled):
    source = bundled.diagrams[DiagramView.FACE]
    copy = tmp_path / "face.svg"
    copy.write_bytes(source.read_bytes())
    first = load_cached(copy)
    assert load_cached(copy) is first
    copy.write_bytes(source.read_bytes().replace(b"</svg>", b"<!-- changed --></svg>"))
    second = load_cached(copy)
    assert second is not first
    assert isinstance(second, Diagram)
    assert second.area_ids == load_diagram(source).area_ids


def test_reprint_is_identical_after_other_handouts_and_in_a_fresh_process(bundled):
    from consult_app.handout import pdf_sha256

    first = build_sheet(bundled, typical_request())
    build_generic(bundled, GenericRequest((), date(2025, 6, 3), "G-1"))
    build_generic(bundled, GenericRequest(("forehead",), date(2025, 6, 3), "G-2"))
    assert build_sheet(bundled, typical_request()) == first
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from handout_requests import typical_request;"
        "from consult_app.content.loader import load_content;"
        "from consult_app.handout import build_sheet, pdf_sha256;"
        "print(pdf_sha256(build_sheet(load_content(), typical_request())))"
    )
    tests_dir = str(Path(__file__).parents[1])
    fresh = subprocess.run(
        [sys.executable, "-c", code, tests_dir], check=True, capture_output=True, text=True
    )
    assert fresh.stdout.strip() == pdf_sha256(first)
