"""Calendar-date rules: ages, plan dates, the local day of a moment.

All dates are local calendar dates. A moment is turned into a date in its own time zone,
never through UTC, so a visit late at night stays on the day it happened.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from consult_app.content.models import AreaTiming


def age_on(birth_date: date, day: date) -> int:
    """Return the age in whole years on ``day``.

    Someone born on 29 February has their birthday on 1 March in a common year
    (the usual legal reading in the UK and Australia).
    """
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def local_day(moment: datetime) -> date:
    """Return the calendar date of ``moment`` where it happened.

    A naive moment is taken as local time; an aware one keeps its own offset.
    """
    return moment.date()


def plan_dates(treatment_date: date, timing: AreaTiming) -> tuple[date, date]:
    """Return ``(review_date, earliest_next_treatment)`` for an area treated that day."""
    review = treatment_date + timedelta(days=timing.review_after_days)
    earliest_next = treatment_date + timedelta(days=timing.min_interval_days)
    return review, earliest_next


def review_window(treatment_date: date, timing: AreaTiming) -> tuple[date, date]:
    """Return the first and last good days for the review after ``treatment_date``."""
    first, last = timing.review_window_days
    return treatment_date + timedelta(days=first), treatment_date + timedelta(days=last)


def earliest_next(treatment_date: date, timing: AreaTiming) -> date:
    """Return the first day an area treated on ``treatment_date`` may be treated again."""
    return treatment_date + timedelta(days=timing.min_interval_days)


def days_between(earlier: date, later: date) -> int:
    """Return the number of whole days from ``earlier`` to ``later``."""
    return (later - earlier).days


def parse_date(text: str) -> date | None:
    """Parse a typed date: ``YYYY-MM-DD`` or ``DD/MM/YYYY``. Return ``None`` if it is not one."""
    text = text.strip()
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            if year < 1000:
                return None
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        return None
