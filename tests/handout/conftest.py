"""Fixtures for the handout tests; what they build is in handout_requests.py."""

from __future__ import annotations

import pytest
from handout_requests import make_content, typical_request

from consult_app.content.models import Content
from consult_app.handout.model import SheetRequest


@pytest.fixture
def content() -> Content:
    return make_content()


@pytest.fixture
def sheet_request() -> SheetRequest:
    return typical_request()
