"""Input checks: every bad input gets a message for its field; good input gets none."""

from datetime import date
from decimal import Decimal

import pytest
from factories import details, goal, treatment

from consult_app.domain.models import Assessment, ReviewOutcome
from consult_app.domain.validation import (
    parse_units,
    patient_details_from_form,
    totals_by_product,
    validate_goal,
    validate_patient,
    validate_review,
    validate_treatment,
)

TODAY = date(2025, 6, 15)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"given": ""}, "given_name"),
        ({"given": "   "}, "given_name"),
        ({"family": ""}, "family_name"),
        ({"family": "x" * 101}, "family_name"),
        ({"birth": None}, "birth_date"),
        ({"birth": date(2025, 6, 16)}, "birth_date"),  # tomorrow
        ({"birth": date(1905, 6, 15)}, "birth_date"),  # 120 today
        ({"email": "someone@"}, "email"),
        ({"email": "someone example.com"}, "email"),
        ({"email": "a@b"}, "email"),
        ({"phone": "call me"}, "phone"),
        ({"phone": "12"}, "phone"),
    ],
)
def test_bad_patient_input_is_flagged_on_its_field(changes, field):
    errors = validate_patient(details(**changes), TODAY)
    assert list(errors) == [field]
    assert errors[field].endswith(".")


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"given": "عائشة", "family": "李小龙"},
        {"given": "'; DROP TABLE patients; --", "family": "<b>bold</b>"},
        {"birth": date(1905, 6, 16)},  # 119
        {"birth": TODAY},
        {"email": "zoe.obrien+clinic@example.co.uk", "phone": "+44 (0)20 7946-0958"},
    ],
)
def test_good_patient_input_passes(values):
    assert validate_patient(details(**values), TODAY) == {}


def test_form_parses_typed_birth_date():
    form = {"given_name": " Zoë ", "family_name": "O'Brien", "birth_date": "07/03/1985"}
    parsed, errors = patient_details_from_form(form, TODAY)
    assert errors == {}
    assert parsed is not None
    assert parsed.given_name == "Zoë" and parsed.birth_date == date(1985, 3, 7)


def test_form_with_unreadable_date_says_how_to_type_it():
    parsed, errors = patient_details_from_form(
        {"given_name": "A", "family_name": "B", "birth_date": "31/02/1985"}, TODAY
    )
    assert parsed is None
    assert "1985-03-07" in errors["birth_date"]


def test_expired_batch_is_refused(content):
    errors = validate_treatment(treatment(expiry=date(2025, 6, 14)), content, TODAY)
    assert list(errors) == ["expiry"]
    assert "expired on 2025-06-14" in errors["expiry"]
    assert validate_treatment(treatment(expiry=TODAY), content, TODAY) == {}


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (treatment(area_id="elbow"), "area_id"),
        (treatment(product_id="brand_x"), "product_id"),
        (treatment(units="0"), "units"),
        (treatment(units="-2"), "units"),
        (treatment(units="5000"), "units"),
    ],
)
def test_bad_treatment_input(content, record, field):
    assert list(validate_treatment(record, content, TODAY)) == [field]


def test_totals_are_per_product_never_added_across_products():
    records = [
        treatment("glabella", "product_a", "20"),
        treatment("forehead", "product_a", "7.5"),
        treatment("crows_feet", "product_b", "60"),
    ]
    assert totals_by_product(records) == {
        "product_a": Decimal("27.5"),
        "product_b": Decimal("60"),
    }


@pytest.mark.parametrize(("text", "value"), [("2.5", Decimal("2.5")), ("x", None), ("nan", None)])
def test_parse_units(text, value):
    assert parse_units(text) == value


def test_goal_and_review_checks(content):
    assert validate_goal(goal(concern="  "), content) == {
        "concern": "Write what bothers the patient, in their own words."
    }
    assert list(validate_goal(goal(area_id="elbow", priority=0), content)) == [
        "area_id",
        "priority",
    ]
    bad = ReviewOutcome("glabella", 6, Assessment.AS_PLANNED, top_up_given=False)
    assert list(validate_review(bad, content)) == ["patient_rating"]
