"""The plan-step and hoped-result labels are content: declared, checked, one per kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from consult_app.content import load_content
from consult_app.content.models import HopeLabels, PlanStepLabels, Text
from consult_app.content.schema import RECORDS
from consult_app.content.statements import patient_statements
from consult_app.domain.models import Hope, StepKind
from content.test_loader import edit, problems


def test_every_step_kind_and_hoped_result_has_a_label_in_the_schema() -> None:
    steps = RECORDS["PlanStepLabels"]
    hopes = RECORDS["HopeLabels"]
    assert [key.name for key in steps.keys] == [kind.value for kind in StepKind]
    assert [key.name for key in hopes.keys] == [hope.value for hope in Hope]
    assert all(key.type == "text" for key in (*steps.keys, *hopes.keys))


def test_the_bundled_labels_load_and_are_found_by_kind() -> None:
    labels = load_content().info.labels
    assert labels.plan_steps.of(StepKind.REVIEW).get() == "Review visit"
    assert labels.plan_steps.of(StepKind.REPEAT).get() == "Earliest next treatment"
    assert labels.hopes.of(Hope.DRIER).get() == "Less sweating"
    assert labels.source


def test_a_kind_without_a_label_is_a_key_error() -> None:
    steps = PlanStepLabels(Text.plain("a"), Text.plain("b"), Text.plain("c"))
    hopes = HopeLabels(Text.plain("a"), Text.plain("b"), Text.plain("c"))
    with pytest.raises(KeyError):
        steps.of("top_up")
    with pytest.raises(KeyError):
        hopes.of("of")  # a method's name is not a label


def test_a_missing_label_is_reported(content_dir: Path) -> None:
    info = content_dir / "content" / "info.yaml"
    edit(info, "    drier: Less sweating\n", "")
    found = problems(content_dir)
    assert len(found) == 1
    assert found[0].startswith("content/info.yaml:")
    assert "missing key 'drier'" in found[0]


def test_a_brand_name_in_a_label_is_reported(content_dir: Path) -> None:
    info = content_dir / "content" / "info.yaml"
    edit(info, "    review: Review visit", "    review: Botox review visit")
    found = problems(content_dir)
    assert len(found) == 1
    assert "names the brand 'Botox'" in found[0]


def test_the_labels_are_in_the_content_review_with_their_source() -> None:
    content = load_content()
    found = [s for s in patient_statements(content) if s.text == "Earliest next treatment"]
    assert len(found) == 1
    assert found[0].source == content.info.labels.source


def test_has_area_knows_the_content_areas_only() -> None:
    content = load_content()
    assert all(content.has_area(area.id) for area in content.areas)
    assert not content.has_area("elbow")
    assert not content.has_area("")
