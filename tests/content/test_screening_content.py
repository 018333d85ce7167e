"""The bundled screening content follows the clinical facts, and check-content checks the areas
and products that screening rules name."""

from __future__ import annotations

from pathlib import Path

from consult_app.content import AppliesTo, DerivedCheckKind, Rule, load_content
from consult_app.content.models import DerivedCheck, ScreeningQuestion
from content.test_loader import edit, line_of, problems

# "Who should not be treated" in the clinical facts: each of these blocks treatment.
BLOCKS = (
    "site_infection",
    "unwell_today",
    "toxin_allergy",
    "cows_milk_allergy",
    "myasthenia_gravis",
    "lambert_eaton",
    "als",
    "pregnancy",
    "breastfeeding",
    "planning_pregnancy",
)
# "Ask about, and let the practitioner decide": new questions, each a take-care finding.
ASKED = ("anticholinergics", "surgery_planned", "past_toxin_problem", "fine_control")


def test_the_facts_blocks_are_do_not_treat_and_every_rule_is_sourced() -> None:
    content = load_content()
    rules = {q.id: q.rule for q in content.screening}

    for ident in BLOCKS:
        assert rules[ident] is Rule.DO_NOT_TREAT, ident
    for ident in ASKED:
        assert rules[ident] is Rule.TAKE_CARE, ident
    items: list[ScreeningQuestion | DerivedCheck] = [*content.screening, *content.derived_checks]
    for item in items:
        assert item.reason.strip() and item.source.strip(), item.id


def test_cows_milk_allergy_concerns_abobotulinumtoxin_a_only() -> None:
    content = load_content()
    cows_milk = next(q for q in content.screening if q.id == "cows_milk_allergy")

    assert [content.product(p).name for p in cows_milk.products] == ["abobotulinumtoxinA"]
    assert cows_milk.applies_to is AppliesTo.ALL
    assert "cow's milk" in cows_milk.source


def test_fine_control_applies_to_lips_and_palms() -> None:
    content = load_content()
    fine = next(q for q in content.screening if q.id == "fine_control")

    assert fine.applies_to_areas == ("lip_lines", "palms")
    for word in ("wind instruments", "singing", "surgery", "fine handwork"):
        assert word in fine.question


def test_past_reaction_asks_which_product() -> None:
    content = load_content()
    past = next(q for q in content.screening if q.id == "past_toxin_problem")

    assert "product" in past.note_prompt.lower()
    assert "antibodies" in past.reason


def test_age_65_is_a_per_product_flag_for_the_cosmetic_labels() -> None:
    content = load_content()
    [age] = [c for c in content.derived_checks if c.kind is DerivedCheckKind.AGE_AT_LEAST]

    assert (age.value, age.rule, age.applies_to) == (65, Rule.TAKE_CARE, AppliesTo.COSMETIC)
    assert [content.product(p).name for p in age.products] == [
        "onabotulinumtoxinA",
        "abobotulinumtoxinA",
        "incobotulinumtoxinA",
    ]
    assert "off-label" in age.reason


def test_body_dysmorphia_is_a_recorded_questionnaire_not_an_invented_question() -> None:
    content = load_content()
    questionnaire = content.questionnaire

    assert questionnaire is not None
    assert "BDDQ-AS" in questionnaire.instruments
    assert questionnaire.applies_to is AppliesTo.COSMETIC
    assert questionnaire.rule is Rule.TAKE_CARE
    assert "referral" in questionnaire.positive_reason
    assert "medicalboard.gov.au" in questionnaire.source and "(2nd)" in questionnaire.source
    assert "body_dysmorphia" not in {q.id for q in content.screening}


# check-content ----------------------------------------------------------------------------


def test_unknown_area_in_applies_to_areas_is_reported(content_dir: Path) -> None:
    screening = content_dir / "content" / "screening.yaml"
    edit(screening, "applies_to_areas: [lip_lines, palms]", "applies_to_areas: [lip_line, palms]")

    assert problems(content_dir) == [
        f"content/screening.yaml:{line_of(screening, 'applies_to_areas:')}: 'fine_control' "
        "names area 'lip_line' in 'applies_to_areas', but there is no such area in "
        "content/areas.yaml (did you mean 'lip_lines'?)"
    ]


def test_named_area_outside_the_rules_scope_is_reported(content_dir: Path) -> None:
    screening = content_dir / "content" / "screening.yaml"
    edit(
        screening,
        "    applies_to: all\n    applies_to_areas:",
        "    applies_to: cosmetic\n    applies_to_areas:",
    )

    [found] = problems(content_dir)
    assert found.startswith(f"content/screening.yaml:{line_of(screening, 'applies_to_areas:')}:")
    assert "names area 'palms'" in found and "it is a sweating area" in found
    assert "use 'applies_to: all'" in found


def test_unknown_product_in_a_question_or_check_is_reported(content_dir: Path) -> None:
    screening = content_dir / "content" / "screening.yaml"
    edit(screening, "products: [abobotulinumtoxin_a]", "products: [abobotulinumtoxin]")
    edit(screening, "products: [onabotulinumtoxin_a,", "products: [botox,")

    found = problems(content_dir)
    stocked = "the products are onabotulinumtoxin_a, abobotulinumtoxin_a, incobotulinumtoxin_a"
    assert found == [
        f"content/screening.yaml:{line_of(screening, 'products: [abobotulinumtoxin]')}: "
        f"'cows_milk_allergy' names product 'abobotulinumtoxin', but clinic.yaml stocks no such "
        f"product; {stocked}",
        f"content/screening.yaml:{line_of(screening, 'products: [botox,')}: "
        f"'age_65_or_over' names product 'botox', but clinic.yaml stocks no such product; "
        f"{stocked}",
    ]


def test_questionnaire_id_shared_with_a_question_is_reported(content_dir: Path) -> None:
    screening = content_dir / "content" / "screening.yaml"
    edit(screening, "  id: body_image_screen", "  id: dry_eye")

    assert problems(content_dir) == [
        f"content/screening.yaml:{line_of(screening, '  id: dry_eye', after='questionnaire:')}: "
        "questionnaire id 'dry_eye' is also a question or check id; ids must be unique"
    ]


def test_questionnaire_needs_an_instrument(content_dir: Path) -> None:
    screening = content_dir / "content" / "screening.yaml"
    edit(screening, "instruments: [BDDQ-AS]", "instruments: []")

    [found] = problems(content_dir)
    assert "'instruments' in questionnaire 'body_image_screen' needs at least 1 item" in found


def test_content_without_a_questionnaire_loads(content_dir: Path) -> None:
    screening = content_dir / "content" / "screening.yaml"
    text = screening.read_text(encoding="utf-8")
    screening.write_text(text[: text.index("\nquestionnaire:")] + "\n", encoding="utf-8")

    assert load_content(content_dir).questionnaire is None
