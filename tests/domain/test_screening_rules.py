"""Every screening rule, table-driven."""

from datetime import date

import pytest
from factories import all_no

from consult_app.content.models import Rule
from consult_app.domain.models import Answer, ScreeningAnswer
from consult_app.domain.screening import (
    MISSING_BIRTH_DATE,
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
    assert "not complete: 1 question" in treatment_refusal(result, "glabella", set())


def test_missing_birth_date_keeps_screening_incomplete(content):
    result = evaluate_screening(content, all_no(content), None, [], TODAY, ["glabella"])
    assert result.unanswered == (MISSING_BIRTH_DATE,)
    assert "date of birth is missing" in treatment_refusal(result, "glabella", set())


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
    ("last", "flagged"),
    [
        (date(2025, 3, 24), True),  # 83 days ago
        (date(2025, 3, 23), False),  # 84 days ago: 12 weeks exactly
        (date(2024, 12, 1), False),
    ],
)
def test_recent_treatment_is_derived_from_previous_visits(content, last, flagged):
    dates = [date(2024, 1, 1), last]
    result = evaluate_screening(content, all_no(content), ADULT, dates, TODAY, ["glabella"])
    ids = [f.check_id for f in result.findings]
    assert ("recent_treatment" in ids) is flagged
    if flagged:
        assert result.findings[0].rule is Rule.TAKE_CARE
        assert "2025-03-24, 83 days ago" in result.findings[0].reason


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
