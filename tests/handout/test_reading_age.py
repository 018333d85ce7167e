"""Every generic handout, read back from the PDF, reads at school year 6 or below."""

from __future__ import annotations

from datetime import date

from handout_pdf import text_of
from reading import grade_level

from consult_app.content import Content
from consult_app.handout import GenericRequest, build_generic

MAX_GRADE = 6  # school year 6: reading age about 11 (CLINICAL-FACTS, Writing for patients)


def _grade(content: Content, area_ids: tuple[str, ...]) -> float:
    pdf = build_generic(content, GenericRequest(area_ids, date(2026, 12, 2), "REF-1"))
    return grade_level([text_of(pdf)])


def test_the_handout_for_all_areas_together_reads_at_year_6(bundled: Content) -> None:
    assert _grade(bundled, ()) <= MAX_GRADE


def test_each_areas_handout_reads_at_year_6(bundled: Content) -> None:
    grades = {area.id: _grade(bundled, (area.id,)) for area in bundled.areas}
    assert {a: g for a, g in grades.items() if g > MAX_GRADE} == {}


def test_the_measure_would_catch_dense_wording(bundled: Content) -> None:
    import dataclasses

    from consult_app.content.models import Text

    dense = Text.plain(
        "Intramuscular administration of botulinum neurotoxin inhibits presynaptic "
        "acetylcholine exocytosis, consequently attenuating hyperfunctional musculature "
        "and diminishing dynamic rhytides considerably."
    )
    areas = tuple(dataclasses.replace(a, summary=dense, treats=dense) for a in bundled.areas)
    assert _grade(dataclasses.replace(bundled, areas=areas), ()) > MAX_GRADE
