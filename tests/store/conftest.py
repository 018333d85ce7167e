"""Fixtures for store tests: a fresh database in a temporary folder."""

from datetime import datetime, timedelta, timezone

import pytest
from factories import make_content

from consult_app.content.models import Content
from consult_app.domain.access import system_user
from consult_app.store import Store

LOCAL = timezone(timedelta(hours=10))


class Clock:
    """A settable clock, late at night local time by default."""

    def __init__(self) -> None:
        self.now = datetime(2025, 6, 15, 23, 30, tzinfo=LOCAL)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    # The command line acts for its operating-system account; here, the practitioner's.
    opened = Store.open(tmp_path / "data", clock=clock, user=system_user("Dr Hala"))
    yield opened
    opened.close()


@pytest.fixture
def content() -> Content:
    return make_content()
