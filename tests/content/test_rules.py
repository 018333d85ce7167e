"""check-content refuses content a doctor could not sign: the clinical and wording rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from consult_app.content import check_content, load_content
from consult_app.content.labels import families_of, label_status, treatment_title
from consult_app.content.models import ApprovalStatus, AreaKind
from content.test_loader import edit, line_of, problems


def test_the_bundled_content_passes_every_rule() -> None:
    content = load_content()
    for area in content.areas:
        assert area.side_effects, area.id  # every area, sweating areas included
        for field in ("summary", "treats", "expect", "side_effects", "timing"):
            assert getattr(area.sources, field).strip(), (area.id, field)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("It relaxes the forehead muscle", "Botox relaxes the forehead muscle", "brand 'Botox'"),
        ("It relaxes the forehead muscle", "A safe way to relax the muscle", "word 'safe'"),
        ("It relaxes the forehead muscle", "For $200 it relaxes the muscle", "price ('$2')"),
        ("It relaxes the forehead muscle", "It is painless and relaxes it", "word 'painless'"),
        ("It relaxes the forehead muscle", "It is cheaper than surgery", "price ('cheaper')"),
    ],
)
def test_brands_prices_and_promotion_in_patient_text_are_refused(
    content_dir: Path, old: str, new: str, message: str
) -> None:
    areas = content_dir / "content" / "areas.yaml"
    edit(areas, old, new)

    [problem] = problems(content_dir)

    assert problem.startswith(f"content/areas.yaml:{line_of(areas, new)}: ")
    assert message in problem
    assert "forehead" in problem


def test_the_brand_list_is_kept_in_the_content(content_dir: Path) -> None:
    wording = content_dir / "content" / "wording.yaml"
    info = content_dir / "content" / "info.yaml"
    edit(info, "Headache.", "Headache, as with Newtox.")
    assert check_content(content_dir)[1] == []

    edit(wording, "  - Botox\n", "  - Botox\n  - Newtox\n")

    [problem] = problems(content_dir)
    assert problem.startswith(f"content/info.yaml:{line_of(info, 'Newtox')}: ")
    assert "brand 'Newtox'" in problem


def test_practitioner_fields_may_name_brands(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    edit(areas, "source: Bocouture SmPC\n", "source: Bocouture SmPC (Botox comparison)\n")

    assert check_content(content_dir)[1] == []


def test_sweating_text_never_uses_wrinkle_wording(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    info = content_dir / "content" / "info.yaml"
    edit(areas, "Heavy sweating in your underarms", "Heavy sweating and lines in your underarms")
    edit(info, "The sweat glands there then make", "Wrinkles fade and the sweat glands make")

    found = problems(content_dir)

    assert len(found) == 2
    assert found[0].startswith(f"content/areas.yaml:{line_of(areas, 'and lines in')}: ")
    assert "is about sweating but says 'lines'" in found[0]
    assert found[1].startswith(f"content/info.yaml:{line_of(info, 'Wrinkles fade')}: ")
    assert "says 'Wrinkles'" in found[1]


def test_one_word_for_one_thing(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    edit(areas, "Bruising in the underarm.", "Bruising in the armpit.")

    [problem] = problems(content_dir)

    assert problem.endswith("says 'armpit'; write 'underarm' (one word for one thing)")


def test_an_area_without_risks_is_refused(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    edit(
        areas,
        "    side_effects:\n"
        "      - The injections in the soles can hurt.\n"
        "      - Walking may feel uncomfortable for a while.\n",
        "    side_effects: []\n",
    )

    [problem] = problems(content_dir)

    assert problem.endswith("'side_effects' in area 'soles' needs at least 1 item")


def test_a_risk_list_copied_from_another_area_is_refused(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    edit(
        areas,
        "      - Your smile may look uneven for a while.\n"
        "      - Your lower lip may feel weak for a while.\n",
        "      - Your smile may look uneven for a while.\n",
    )

    [problem] = problems(content_dir)

    assert "the side effects of area 'chin' are a copy of those of area 'mouth_corners'" in problem


def test_a_clinical_field_without_its_source_is_refused(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    edit(areas, "      side_effects: CLINICAL-FACTS treatment areas (drooping eyelid)\n", "")

    [problem] = problems(content_dir)

    assert "missing key 'side_effects' in 'sources' in area 'glabella'" in problem


def test_doses_and_approvals_name_products_the_clinic_lists(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    edit(
        areas,
        "- product: incobotulinumtoxin_a\n        amount: 20 U\n",
        "- product: daxibotulinumtoxin_a\n        amount: 20 U\n",
    )

    [problem] = problems(content_dir)

    assert "product 'daxibotulinumtoxin_a' in area 'glabella' is not in clinic.yaml" in problem


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "      min_interval_days: 112\n      review_note: Score the sweating again (HDSS). A",
            "      min_interval_days: 20\n      review_note: Score the sweating again (HDSS). A",
            "'min_interval_days' (20) of area 'underarms' is before its review (28 days)",
        ),
        (
            "      duration_days: [120, 180]",
            "      duration_days: [180, 120]",
            "'duration_days' of area 'masseter' runs backwards",
        ),
    ],
)
def test_area_timing_that_contradicts_itself_is_refused(
    content_dir: Path, old: str, new: str, message: str
) -> None:
    edit(content_dir / "content" / "areas.yaml", old, new)

    assert any(message in p for p in problems(content_dir)), problems(content_dir)


def test_asking_about_recent_toxin_covers_every_interval(content_dir: Path) -> None:
    edit(
        content_dir / "content" / "timing.yaml",
        "ask_about_toxin_within_days: 120",
        "ask_about_toxin_within_days: 100",
    )

    found = problems(content_dir)

    assert found == [
        f"content/timing.yaml:1: 'ask_about_toxin_within_days' (100) must be at least the "
        f"'min_interval_days' of area '{area}' (112)"
        for area in ("underarms", "palms", "soles")
    ]


# Families and label status ------------------------------------------------------------


def test_families_and_titles_follow_the_areas() -> None:
    content = load_content()
    face, sweat = content.area("glabella"), content.area("underarms")
    assert families_of(content, [sweat]) == (content.info.families.sweating,)
    assert families_of(content, [sweat, face])[0] is content.info.families.cosmetic
    assert "wrinkle" not in treatment_title(content, [sweat], "en")
    both = treatment_title(content, [face, sweat], "en")
    assert both.startswith(content.info.families.cosmetic.name.get("en"))
    assert content.family_of(sweat) is content.info.families.of(AreaKind.SWEATING)


def test_label_status_is_per_product_and_country() -> None:
    content = load_content()
    glabella, palms = content.area("glabella"), content.area("palms")
    assert label_status(glabella, "US", ["abobotulinumtoxin_a"])[0] is ApprovalStatus.APPROVED
    assert label_status(palms, "AU", ["onabotulinumtoxin_a"])[0] is ApprovalStatus.OFF_LABEL
    # In Australia the content records only onabotulinumtoxinA for frown lines: nothing is
    # assumed for the other products, so the stocked set has no single status.
    stocked = [p.id for p in content.clinic.products]
    assert label_status(glabella, "AU", ["onabotulinumtoxin_a"])[0] is ApprovalStatus.APPROVED
    assert label_status(glabella, "AU", stocked)[0] is None
    assert label_status(content.area("platysma"), "UK", ["onabotulinumtoxin_a"])[0] is None


def test_timing_is_said_the_way_patients_count() -> None:
    from consult_app.content.labels import about, timing_sentences, weeks_or_days

    content = load_content()
    assert weeks_or_days(112) == "16 weeks" and weeks_or_days(90) == "90 days"
    assert about(14) == "2 weeks" and about(90) == "3 months"
    assert timing_sentences(content.area("masseter")) == (
        "Review at about 3 months. Next treatment no sooner than 90 days (about 3 months)."
    )
    assert timing_sentences(content.area("underarms")) == (
        "Review at about 4 weeks. Next treatment no sooner than 16 weeks."
    )
