"""Fixtures for store tests: a fresh database in a temporary folder."""

import pytest
from factories import make_content

from consult_app.content.models import Content
from consult_app.store import Store


@pytest.fixture
def store(tmp_path, clock):
    opened = Store.open(tmp_path / "data", clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def content() -> Content:
    return make_content()
