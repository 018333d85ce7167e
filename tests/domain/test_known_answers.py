"""Answers the record already gives: a toxin treatment recorded here within the window."""

from dataclasses import replace
from datetime import date

from factories import make_content

from consult_app.content.models import AppliesTo, Rule, ScreeningQuestion
from consult_app.domain.models import Answer, ScreeningAnswer
from consult_app.domain.screening import known_answer, record_contradiction

TODAY = date(2025, 6, 15)
RECENT = ScreeningQuestion("recent_toxin", "Toxin lately?", Rule.TAKE_CARE, AppliesTo.ALL, "r")
CONTENT = replace(make_content(), screening=(*make_content().screening, RECENT))


def test_a_treatment_inside_the_window_answers_yes_with_the_date() -> None:
    known = known_answer(CONTENT, "recent_toxin", [date(2025, 2, 15), date(2025, 6, 5)], TODAY)
    assert known == ScreeningAnswer(
        "recent_toxin", Answer.YES, "Treated here on 2025-06-05, 10 days ago."
    )


def test_outside_the_window_or_another_question_is_left_to_ask() -> None:
    window = CONTENT.timing.ask_about_toxin_within_days
    old = date.fromordinal(TODAY.toordinal() - window - 1)
    assert known_answer(CONTENT, "recent_toxin", [old], TODAY) is None
    assert known_answer(CONTENT, "recent_toxin", [], TODAY) is None
    assert known_answer(CONTENT, "pregnancy", [date(2025, 6, 5)], TODAY) is None
    # A later date (a visit recorded ahead) says nothing about the past.
    assert known_answer(CONTENT, "recent_toxin", [date(2025, 6, 20)], TODAY) is None


def test_only_an_answer_against_the_record_is_refused() -> None:
    dates = [date(2025, 6, 5)]
    no = ScreeningAnswer("recent_toxin", Answer.NO)
    message = record_contradiction(CONTENT, no, dates, TODAY)
    assert message is not None and "2025-06-05, 10 days ago" in message
    yes = ScreeningAnswer("recent_toxin", Answer.YES, "and elsewhere in May")
    assert record_contradiction(CONTENT, yes, dates, TODAY) is None
    assert record_contradiction(CONTENT, no, [], TODAY) is None
