"""Plan dates, ages and the iterative plan, table-driven."""

from datetime import date, datetime, timedelta, timezone

import pytest
from factories import FACE_TIMING, SWEATING_TIMING, goal, make_area, make_content

from consult_app.domain.dates import age_on, local_day, parse_date, plan_dates, review_window
from consult_app.domain.models import (
    Assessment,
    Goal,
    Hope,
    Plan,
    PlanStep,
    ReviewOutcome,
    Severity,
    StepKind,
)
from consult_app.domain.plan import (
    apply_review,
    areas_by_priority,
    derive_plan,
    move_step,
    plan_after_treatment,
)

TIMINGS = make_content().timings


@pytest.mark.parametrize(
    ("treated", "review", "earliest_next"),
    [
        (date(2025, 6, 2), date(2025, 6, 16), date(2025, 8, 31)),
        (date(2024, 2, 15), date(2024, 2, 29), date(2024, 5, 15)),  # review on a leap day
        (date(2024, 2, 29), date(2024, 3, 14), date(2024, 5, 29)),  # treated on a leap day
        (date(2023, 2, 15), date(2023, 3, 1), date(2023, 5, 16)),  # common year
        (date(2025, 12, 20), date(2026, 1, 3), date(2026, 3, 20)),  # over the new year
    ],
)
def test_plan_dates(treated, review, earliest_next):
    # A face area: review at 14 days, next treatment no sooner than 90 days (not 84).
    assert plan_dates(treated, FACE_TIMING) == (review, earliest_next)


def test_review_window():
    assert review_window(date(2025, 6, 2), FACE_TIMING) == (date(2025, 6, 12), date(2025, 6, 23))


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(2000, 2, 29), date(2018, 2, 28), 17),  # leap-day birthday: not yet 18
        (date(2000, 2, 29), date(2018, 3, 1), 18),
        (date(2000, 2, 29), date(2020, 2, 29), 20),
        (date(1990, 6, 15), date(2025, 6, 14), 34),
        (date(1990, 6, 15), date(2025, 6, 15), 35),
        (date(1990, 12, 31), date(2025, 1, 1), 34),
    ],
)
def test_age_on(birth, day, age):
    assert age_on(birth, day) == age


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2025, 3, 31, 23, 45),  # naive local time
        datetime(2025, 3, 31, 23, 45, tzinfo=timezone(timedelta(hours=10))),  # Sydney
        datetime(2025, 3, 31, 23, 45, tzinfo=timezone(timedelta(hours=-5))),
    ],
)
def test_visit_late_at_night_keeps_its_day(moment):
    day = local_day(moment)
    assert day == date(2025, 3, 31)
    assert plan_dates(day, FACE_TIMING)[0] == date(2025, 4, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1985-03-07", date(1985, 3, 7)),
        ("07/03/1985", date(1985, 3, 7)),
        (" 29/02/2000 ", date(2000, 2, 29)),
        ("29/02/2001", None),
        ("7/3/85", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_derive_plan_treats_goal_areas_by_priority():
    goals = [goal("forehead", 2), goal("glabella", 1)]
    plan = derive_plan(goals, TIMINGS, date(2025, 6, 2))
    assert [(s.kind, s.due, s.areas) for s in plan.steps] == [
        (StepKind.TREAT, date(2025, 6, 2), ("glabella", "forehead")),
        (StepKind.REVIEW, date(2025, 6, 16), ("glabella", "forehead")),
        (StepKind.REPEAT, date(2025, 8, 31), ("glabella", "forehead")),
    ]
    assert plan.next_step == plan.steps[0]


def test_derive_plan_conservative_first_subset_leaves_rest_for_next_time():
    goals = [goal("glabella", 1), goal("forehead", 2), goal("crows_feet", 3)]
    plan = derive_plan(goals, TIMINGS, date(2025, 6, 2), first_areas=1)
    assert plan.steps[0].areas == ("glabella",)
    assert plan.steps[1].areas == ("glabella",)
    assert plan.steps[2].areas == ("glabella", "forehead", "crows_feet")


def test_derive_plan_defers_blocked_areas_and_ignores_untroubled_ones():
    calm = Goal("crows_feet", "fine", Severity.NONE, Severity.NONE, Hope.SOFTER, 3)
    goals = [goal("glabella", 1), goal("forehead", 2), calm]
    plan = derive_plan(goals, TIMINGS, date(2025, 6, 2), blocked_areas={"glabella"})
    assert plan.steps[0].areas == ("forehead",)
    assert plan.deferred == ("glabella",)
    assert areas_by_priority(goals) == ("glabella", "forehead")


def test_derive_plan_with_nothing_treatable():
    plan = derive_plan([goal("glabella")], TIMINGS, date(2025, 6, 2), blocked_areas={"glabella"})
    assert plan.steps == () and plan.next_step is None and plan.deferred == ("glabella",)


def next_of(plan: Plan) -> PlanStep:
    """Return the plan's next step, which these plans have."""
    step = plan.next_step
    assert step is not None
    return step


def test_after_treatment_then_review_moves_the_next_step():
    planned = derive_plan([goal("glabella", 1), goal("forehead", 2)], TIMINGS, date(2025, 6, 2))
    treated = plan_after_treatment(planned, ["glabella"], date(2025, 6, 3), TIMINGS)
    assert treated.steps[0].done
    assert next_of(treated).kind is StepKind.REVIEW
    assert next_of(treated).due == date(2025, 6, 17)
    assert treated.steps[2].areas == ("glabella", "forehead")  # forehead waits
    outcome = ReviewOutcome("glabella", 4, Assessment.TOO_LITTLE, top_up_given=False)
    reviewed = apply_review(treated, [outcome], date(2025, 6, 18), TIMINGS)
    assert next_of(reviewed).kind is StepKind.REPEAT
    assert next_of(reviewed).due == date(2025, 9, 1)  # 90 days after treatment
    assert "glabella: less effect than planned" in next_of(reviewed).note
    assert reviewed.steps[1].due == date(2025, 6, 18)  # when the review happened


def test_top_up_at_review_pushes_the_next_treatment_back():
    treated = plan_after_treatment(None, ["glabella"], date(2025, 6, 2), TIMINGS)
    outcome = ReviewOutcome("glabella", 2, Assessment.TOO_LITTLE, top_up_given=True)
    reviewed = apply_review(treated, [outcome], date(2025, 6, 16), TIMINGS)
    assert next_of(reviewed).due == date(2025, 9, 14)  # 90 days after the top-up


def test_practitioner_can_move_steps_but_not_repeat_too_soon():
    treated = plan_after_treatment(None, ["glabella"], date(2024, 2, 29), TIMINGS)
    moved = move_step(treated, StepKind.REVIEW, date(2024, 3, 15), TIMINGS)
    assert next_of(moved).due == date(2024, 3, 15)
    later = move_step(treated, StepKind.REPEAT, date(2024, 6, 1), TIMINGS)
    assert later.steps[2].due == date(2024, 6, 1)
    with pytest.raises(ValueError, match="before 2024-05-29"):
        move_step(treated, StepKind.REPEAT, date(2024, 5, 28), TIMINGS)
    with pytest.raises(ValueError, match="no treat step"):
        move_step(treated, StepKind.TREAT, date(2024, 6, 1), TIMINGS)


JAW_TIMING = FACE_TIMING.__class__((28, 84), (84, 98), (120, 180), 90, (84, 98), 90)
MIXED = {
    "glabella": FACE_TIMING,
    "masseter": JAW_TIMING,
    "underarms": SWEATING_TIMING,
}


def test_each_area_gets_its_own_review_and_next_treatment():
    day = date(2025, 6, 2)
    goals = [goal("glabella", 1), goal("masseter", 2), goal("underarms", 3)]
    plan = derive_plan(goals, MIXED, day)
    reviews = [(s.due, s.areas) for s in plan.steps if s.kind is StepKind.REVIEW]
    repeats = [(s.due, s.areas) for s in plan.steps if s.kind is StepKind.REPEAT]
    for area_id, timing in MIXED.items():
        review = day + timedelta(days=timing.review_after_days)
        repeat = day + timedelta(days=timing.min_interval_days)
        assert any(due == review and area_id in areas for due, areas in reviews), area_id
        assert any(due == repeat and area_id in areas for due, areas in repeats), area_id
    # The jaw is not reviewed at day 14 with the frown lines: its shape shows at 3 months.
    assert (day + timedelta(days=14), ("glabella",)) in reviews
    assert all("masseter" not in areas for due, areas in reviews if due < day + timedelta(84))
    assert [due for due, _ in reviews] == sorted(due for due, _ in reviews)


def test_review_of_some_areas_leaves_the_later_review_open():
    plan = plan_after_treatment(None, ["glabella", "masseter"], date(2025, 6, 2), MIXED)
    outcome = ReviewOutcome("glabella", 4, Assessment.AS_PLANNED, top_up_given=False)
    reviewed = apply_review(plan, [outcome], date(2025, 6, 16), MIXED)
    open_reviews = [s for s in reviewed.steps if s.kind is StepKind.REVIEW and not s.done]
    assert [s.areas for s in open_reviews] == [("masseter",)]


def test_underarm_top_up_waits_112_days_while_face_waits_90():
    plan = plan_after_treatment(None, ["glabella", "underarms"], date(2025, 6, 2), MIXED)
    top_ups = [
        ReviewOutcome("glabella", 2, Assessment.TOO_LITTLE, top_up_given=True),
        ReviewOutcome("underarms", 2, Assessment.TOO_LITTLE, top_up_given=True),
    ]
    reviewed = apply_review(plan, top_ups, date(2025, 6, 30), MIXED)
    due = {a: s.due for s in reviewed.steps if s.kind is StepKind.REPEAT for a in s.areas}
    assert due["glabella"] == date(2025, 6, 30) + timedelta(FACE_TIMING.min_interval_days)
    assert due["underarms"] == date(2025, 6, 30) + timedelta(SWEATING_TIMING.min_interval_days)


def test_moving_a_repeat_respects_the_longest_interval_of_its_areas():
    plan = plan_after_treatment(None, ["underarms"], date(2025, 6, 2), MIXED)
    with pytest.raises(ValueError, match="before 2025-09-22"):
        move_step(plan, StepKind.REPEAT, date(2025, 9, 1), MIXED)


def test_an_area_missing_from_the_content_is_named():
    with pytest.raises(ValueError, match="no area 'old_area'"):
        derive_plan([goal("old_area")], MIXED, date(2025, 6, 2))


def test_bundled_content_drives_the_dates():
    from consult_app.content import load_content

    content = load_content()
    day = date(2025, 6, 2)
    for area in content.areas:
        plan = plan_after_treatment(None, [area.id], day, content.timings)
        review = next(s for s in plan.steps if s.kind is StepKind.REVIEW)
        repeat = next(s for s in plan.steps if s.kind is StepKind.REPEAT)
        assert review.due == day + timedelta(days=area.timing.review_after_days)
        assert repeat.due == day + timedelta(days=area.timing.min_interval_days)
    assert make_area("x").timing == FACE_TIMING
