"""Fixtures for store tests: a fresh database in a temporary folder."""

import pytest
from factories import make_content

from consult_app.content.models import Content
from consult_app.domain.access import system_user
from consult_app.store import Store


@pytest.fixture
def store(tmp_path, clock):
    # The command line acts for its operating-system account; here, the practitioner's.
    opened = Store.open(tmp_path / "data", clock=clock, user=system_user("Dr Hala"))
    yield opened
    opened.close()


@pytest.fixture
def content() -> Content:
    return make_content()
