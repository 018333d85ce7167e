"""Fixtures for domain tests."""

import pytest
from factories import make_content

from consult_app.content.models import Content


@pytest.fixture
def content() -> Content:
    return make_content()
