"""A settable clock for tests: the store, the screens and sign-in limits read the time from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

#: Ten hours ahead of UTC, so a late evening locally is already another day in UTC.
LOCAL = timezone(timedelta(hours=10))

#: Late at night local time: dates must come from the local day, not the UTC one.
START = datetime(2025, 6, 15, 23, 30, tzinfo=LOCAL)


@dataclass
class Clock:
    """Return ``now`` when called; tests move it on by setting or adding to ``now``."""

    now: datetime = field(default=START)

    def __call__(self) -> datetime:
        return self.now

    def today(self) -> date:
        """Return the local date of ``now``."""
        return self.now.date()
