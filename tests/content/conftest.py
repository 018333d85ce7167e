"""Fixtures for the content tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from consult_app.bundled import bundled_resource


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """Return a copy of the bundled content folder that a test may break."""
    target = tmp_path / "clinic"
    shutil.copytree(
        bundled_resource(),
        target,
        ignore=shutil.ignore_patterns("__pycache__", "*.py", "fonts"),
    )
    return target
