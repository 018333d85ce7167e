"""Every screening rule, table-driven."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from factories import all_no

from consult_app.content.models import Rule
from consult_app.domain.models import Answer, QuestionnaireResult, ScreeningAnswer, ScreenOutcome
from consult_app.domain.screening import (
    MISSING_BIRTH_DATE,
    answer_problem,
    evaluate_screening,
    treatment_refusal,
)

TODAY = date(2025, 6, 15)
ADULT = date(1985, 3, 7)


def answers_with(content, **given):
    answers = {a.question_id: a for a in all_no(content)}
    for qid, answer in given.items():
        answers[qid] = ScreeningAnswer(qid, Answer(answer))
    return answers


@pytest.mark.parametrize(
    ("question", "rule"),
    [
        ("site_infection", Rule.DO_NOT_TREAT),
        ("toxin_allergy", Rule.DO_NOT_TREAT),
        ("myasthenia_gravis", Rule.DO_NOT_TREAT),
        ("lambert_eaton", Rule.DO_NOT_TREAT),
        ("pregnancy", Rule.TAKE_CARE),
        ("breastfeeding", Rule.TAKE_CARE),
        ("aminoglycosides", Rule.TAKE_CARE),
        ("blood_thinners", Rule.TAKE_CARE),
        ("swallowing", Rule.TAKE_CARE),
    ],
)
def test_yes_answer_gives_the_rule_with_its_reason(content, question, rule):
    result = evaluate_screening(
        content, answers_with(content, **{question: "yes"}), ADULT, [], TODAY, ["glabella"]
    )
    assert result.complete
    [finding] = result.findings
    assert (finding.check_id, finding.rule, finding.areas) == (question, rule, ("glabella",))
    assert finding.reason == f"Reason for {question}."
    assert (result.blocked_areas == {"glabella"}) is (rule is Rule.DO_NOT_TREAT)
    assert (result.caution_areas == {"glabella"}) is (rule is Rule.TAKE_CARE)


def test_all_no_gives_no_findings(content):
    result = evaluate_screening(content, all_no(content), ADULT, [], TODAY, ["glabella"])
    assert result.complete and result.findings == () and not result.blocked_areas


def test_unsure_counts_as_finding_until_resolved(content):
    result = evaluate_screening(
        content, answers_with(content, toxin_allergy="unsure"), ADULT, [], TODAY, ["forehead"]
    )
    [finding] = result.findings
    assert finding.unsure and finding.rule is Rule.DO_NOT_TREAT
    assert finding.reason.startswith("Unsure")
    assert result.blocked_areas == {"forehead"}


def test_unanswered_questions_keep_screening_incomplete(content):
    answers = all_no(content)[1:]
    result = evaluate_screening(content, answers, ADULT, [], TODAY, ["glabella"])
    assert not result.complete
    assert result.unanswered == ("site_infection",)
    assert "not complete: 1 question" in (treatment_refusal(result, "glabella", set()) or "")


def test_missing_birth_date_keeps_screening_incomplete(content):
    result = evaluate_screening(content, all_no(content), None, [], TODAY, ["glabella"])
    assert result.unanswered == (MISSING_BIRTH_DATE,)
    assert "date of birth is missing" in (treatment_refusal(result, "glabella", set()) or "")


def test_area_scope_limits_findings(content):
    # dry_eye applies to cosmetic areas only; other_sweating_causes to sweating only.
    answers = answers_with(content, dry_eye="yes", other_sweating_causes="yes")
    face = evaluate_screening(content, answers, ADULT, [], TODAY, ["glabella"])
    body = evaluate_screening(content, answers, ADULT, [], TODAY, ["underarms"])
    assert [f.check_id for f in face.findings] == ["dry_eye"]
    assert [f.check_id for f in body.findings] == ["other_sweating_causes"]


def test_no_chosen_areas_means_every_covered_area(content):
    result = evaluate_screening(
        content, answers_with(content, site_infection="yes"), ADULT, [], TODAY
    )
    assert result.blocked_areas == {"glabella", "forehead", "crows_feet", "underarms"}


@pytest.mark.parametrize(
    ("birth", "area", "blocked"),
    [
        (date(2007, 6, 16), "glabella", True),  # 17, turns 18 tomorrow
        (date(2007, 6, 15), "glabella", False),  # 18 today
        (date(2007, 6, 16), "underarms", False),  # under 18, but sweating is not cosmetic
        (date(2008, 2, 29), "glabella", True),  # leap-day birthday, 17
    ],
)
def test_under_18_cosmetic_is_derived_from_birth_date(content, birth, area, blocked):
    result = evaluate_screening(content, all_no(content), birth, [], TODAY, [area])
    assert (area in result.blocked_areas) is blocked
    if blocked:
        assert "(age 17)" in result.findings[0].reason


@pytest.mark.parametrize(
    ("days_ago", "area", "flagged"),
    [
        (89, "glabella", True),  # a face area waits 90 days (not 84)
        (90, "glabella", False),
        (84, "glabella", True),
        (111, "underarms", True),  # the underarms wait 112 days (16 weeks)
        (112, "underarms", False),
        (400, "glabella", False),
    ],
)
def test_recent_treatment_uses_each_areas_own_minimum_interval(content, days_ago, area, flagged):
    interval = content.area(area).timing.min_interval_days
    assert flagged is (days_ago < interval)
    last = TODAY - timedelta(days=days_ago)
    result = evaluate_screening(
        content, all_no(content), ADULT, [date(2024, 1, 1), last], TODAY, [area]
    )
    found = [f for f in result.findings if f.check_id == "recent_treatment"]
    assert bool(found) is flagged
    if flagged:
        assert found[0].rule is Rule.TAKE_CARE
        assert found[0].areas == (area,)
        assert f"{last.isoformat()}, {days_ago} days ago" in found[0].reason
        assert f"need {interval} days" in found[0].reason


def test_recent_treatment_flags_only_the_areas_still_waiting(content):
    last = TODAY - timedelta(days=100)  # past the face's 90 days, not the underarms' 112
    result = evaluate_screening(
        content, all_no(content), ADULT, [last], TODAY, ["glabella", "underarms"]
    )
    [found] = [f for f in result.findings if f.check_id == "recent_treatment"]
    assert found.areas == ("underarms",)


def test_future_treatment_dates_are_ignored(content):
    result = evaluate_screening(
        content, all_no(content), ADULT, [date(2025, 6, 20)], TODAY, ["glabella"]
    )
    assert result.findings == ()


def test_do_not_treat_blocks_until_override(content):
    result = evaluate_screening(
        content, answers_with(content, site_infection="yes"), ADULT, [], TODAY, ["glabella"]
    )
    refusal = treatment_refusal(result, "glabella", set())
    assert refusal is not None and "Reason for site_infection." in refusal
    assert "override" in refusal
    assert treatment_refusal(result, "glabella", {"glabella"}) is None


def test_take_care_does_not_block(content):
    result = evaluate_screening(
        content, answers_with(content, blood_thinners="yes"), ADULT, [], TODAY, ["glabella"]
    )
    assert treatment_refusal(result, "glabella", set()) is None


def test_do_not_treat_findings_come_first(content):
    answers = answers_with(content, blood_thinners="yes", lambert_eaton="yes")
    result = evaluate_screening(content, answers, ADULT, [], TODAY, ["glabella"])
    assert [f.rule for f in result.findings] == [Rule.DO_NOT_TREAT, Rule.TAKE_CARE]


def test_answer_note_is_shown_with_reason(content):
    answers = answers_with(content)
    answers["blood_thinners"] = ScreeningAnswer("blood_thinners", Answer.YES, "aspirin 75 mg")
    result = evaluate_screening(content, answers, ADULT, [], TODAY, ["glabella"])
    assert "aspirin 75 mg" in result.findings[0].reason


# The bundled content's rules (expected rules are read from the content itself) -------------

BLOCKS_IN_THE_FACTS = (
    "unwell_today",
    "site_infection",
    "toxin_allergy",
    "myasthenia_gravis",
    "lambert_eaton",
    "als",
    "pregnancy",
    "breastfeeding",
    "planning_pregnancy",
)


def question(content, qid):
    return next(q for q in content.screening if q.id == qid)


def check(content, check_id):
    return next(c for c in content.derived_checks if c.id == check_id)


def negative_screen(content):
    assert content.questionnaire is not None
    return QuestionnaireResult(
        content.questionnaire.id, content.questionnaire.instruments[0], ScreenOutcome.NEGATIVE
    )


def evaluate(content, yes=(), birth=ADULT, areas=("glabella",), questionnaire="negative"):
    results: tuple[QuestionnaireResult, ...] = (
        () if questionnaire is None else (negative_screen(content),)
    )
    if questionnaire not in (None, "negative"):
        results = (replace(results[0], outcome=ScreenOutcome(questionnaire), recorded_by="hala"),)
    answers = answers_with(content, **dict.fromkeys(yes, "yes"))
    return evaluate_screening(content, answers, birth, [], TODAY, areas, results)


@pytest.mark.parametrize("qid", BLOCKS_IN_THE_FACTS)
def test_each_block_stops_every_area_until_overridden(bundled, qid):
    every_area = tuple(a.id for a in bundled.areas)
    result = evaluate(bundled, yes=[qid], areas=every_area)

    [finding] = result.findings
    assert (finding.check_id, finding.rule) == (qid, Rule.DO_NOT_TREAT)
    assert finding.reason == question(bundled, qid).reason
    assert result.blocked_areas == set(every_area)
    refusal = treatment_refusal(result, "glabella", set(), "onabotulinumtoxin_a", bundled)
    assert refusal is not None and question(bundled, qid).reason in refusal
    assert treatment_refusal(result, "underarms", set()) is not None
    assert treatment_refusal(result, "glabella", {"glabella"}, "onabotulinumtoxin_a") is None


def test_fine_control_applies_to_its_named_areas_only(bundled):
    named = question(bundled, "fine_control").applies_to_areas
    assert named  # the content names the areas; the rule must follow them

    everywhere = evaluate(bundled, yes=["fine_control"], areas=())
    chosen = evaluate(bundled, yes=["fine_control"], areas=("glabella", "lip_lines", "underarms"))
    elsewhere = evaluate(bundled, yes=["fine_control"], areas=("glabella", "underarms"))

    [finding] = everywhere.findings
    assert finding.areas == named
    assert finding.rule is Rule.TAKE_CARE
    assert chosen.findings[0].areas == ("lip_lines",)
    assert elsewhere.findings == ()


def test_cows_milk_allergy_rules_out_its_product_only(bundled):
    ruled_out = question(bundled, "cows_milk_allergy").products
    allowed = [p.id for p in bundled.clinic.products if p.id not in ruled_out]
    assert ruled_out == ("abobotulinumtoxin_a",) and allowed

    result = evaluate(bundled, yes=["cows_milk_allergy"], areas=("glabella", "underarms"))

    assert result.blocked_areas == set()  # screening comes before the product is chosen
    assert result.areas_with_blocks == {"glabella", "underarms"}
    assert result.blocked_products("glabella") == {"abobotulinumtoxin_a"}
    refusal = treatment_refusal(result, "glabella", set(), "abobotulinumtoxin_a", bundled)
    assert refusal is not None
    assert refusal.startswith("Do not treat this area with abobotulinumtoxinA:")
    assert "record an override" in refusal
    for product_id in allowed:
        assert treatment_refusal(result, "glabella", set(), product_id, bundled) is None
    assert treatment_refusal(result, "glabella", {"glabella"}, "abobotulinumtoxin_a") is None


def test_a_product_limited_block_without_a_product_chosen_does_not_refuse(bundled):
    result = evaluate(bundled, yes=["cows_milk_allergy"])
    assert treatment_refusal(result, "glabella", set()) is None


@pytest.mark.parametrize(
    ("birth", "flagged"),
    [
        (date(1960, 6, 16), False),  # 64, turns 65 tomorrow
        (date(1960, 6, 15), True),  # 65 today
        (date(1950, 1, 1), True),  # 75
        (date(1960, 2, 29), True),  # leap-day birthday, 65 since 1 March
    ],
)
def test_age_65_or_over_is_flagged_for_the_products_it_names(bundled, birth, flagged):
    age_check = check(bundled, "age_65_or_over")
    result = evaluate(bundled, birth=birth, areas=("glabella", "underarms"))

    findings = [f for f in result.findings if f.check_id == age_check.id]
    assert bool(findings) is flagged
    if flagged:
        [finding] = findings
        assert finding.rule is age_check.rule is Rule.TAKE_CARE  # a flag, not a block
        assert finding.areas == ("glabella",)  # cosmetic labels: not the sweating area
        assert finding.products == age_check.products
        for product_id in age_check.products:
            assert bundled.product(product_id).name in finding.reason
        assert not result.blocked_areas
        assert treatment_refusal(result, "glabella", set(), age_check.products[0]) is None


def test_age_65_check_needs_the_birth_date(bundled):
    result = evaluate(bundled, birth=None)
    assert MISSING_BIRTH_DATE in result.unanswered


@pytest.mark.parametrize(
    ("outcome", "reason_field"),
    [
        (None, "missing_reason"),
        ("positive", "positive_reason"),
        ("declined", "declined_reason"),
        ("negative", None),
    ],
)
def test_questionnaire_result_gives_a_take_care_finding_for_cosmetic_areas(
    bundled, outcome, reason_field
):
    questionnaire = bundled.questionnaire
    result = evaluate(bundled, areas=("glabella", "underarms"), questionnaire=outcome)

    findings = [f for f in result.findings if f.check_id == questionnaire.id]
    if reason_field is None:
        assert findings == []
        return
    [finding] = findings
    assert finding.rule is questionnaire.rule is Rule.TAKE_CARE
    assert finding.reason.startswith(getattr(questionnaire, reason_field))
    assert finding.areas == ("glabella",)
    if outcome is not None:
        assert questionnaire.instruments[0] in finding.reason and "hala" in finding.reason
    assert treatment_refusal(result, "glabella", set()) is None


def test_positive_screen_asks_to_discuss_and_consider_referral(bundled):
    assert "consider referral" in bundled.questionnaire.positive_reason


def test_a_question_with_a_note_prompt_needs_a_note_for_yes(bundled):
    asked = question(bundled, "past_toxin_problem")
    assert asked.note_prompt

    bare = answer_problem(asked, ScreeningAnswer(asked.id, Answer.YES))
    assert bare is not None and asked.note_prompt in bare
    assert answer_problem(asked, ScreeningAnswer(asked.id, Answer.YES, " ")) is not None
    assert (
        answer_problem(asked, ScreeningAnswer(asked.id, Answer.YES, "product X, no effect")) is None
    )
    assert answer_problem(asked, ScreeningAnswer(asked.id, Answer.NO)) is None
    assert answer_problem(asked, ScreeningAnswer(asked.id, Answer.UNSURE)) is None
