"""Shared test setup: Qt runs headless, and the fixtures every folder uses are defined here.

- ``bundled`` and ``content``: the bundled content, loaded once per run (it is frozen, so
  sharing is safe). tests/domain, tests/store and tests/handout override ``content`` with
  their small hand-built set and use ``bundled`` where they need the real one.
- ``quick_hashing``: argon2id at its lowest cost for every test, so signing in takes
  milliseconds; tests/trust/test_access.py checks the real cost separately.
- ``clock``: a settable :class:`clock.Clock`, late at night local time.
- The ``gui`` marker is given to every test that uses Qt widgets (the ``qtbot`` or ``qapp``
  fixture), and set by hand on a test that opens a window in a subprocess; ``slow`` is set
  by hand on the few tests over about 1 s.
"""

import os
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from clock import Clock

from consult_app.content import load_content
from consult_app.content.models import Content
from consult_app.paths import DATA_DIR_ENV
from consult_app.store import users

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

#: Fixtures that mean a test needs Qt widgets.
GUI_FIXTURES = frozenset({"qtbot", "qapp"})


@pytest.fixture(autouse=True, scope="session")
def _own_config_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the user's config and data folders out of the real home; each worker has its own."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
            patch.setenv(name, str(tmp_path_factory.mktemp(name.lower())))
        patch.delenv(DATA_DIR_ENV, raising=False)
        yield


@pytest.fixture(autouse=True, scope="session")
def quick_hashing() -> Iterator[None]:
    """Hash passwords with a low argon2id cost so the tests stay fast."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            users, "_hasher", lambda: PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        )
        yield


@pytest.fixture(scope="session")
def bundled(_own_config_folder: None) -> Content:
    """Return the bundled content, loaded once (frozen, so every test may share it)."""
    return load_content()


@pytest.fixture(scope="session")
def content(bundled: Content) -> Content:
    """Return the bundled content; a folder whose tests need a small hand-built set overrides it."""
    return bundled


@pytest.fixture
def clock() -> Clock:
    """Return a clock that stands still until a test moves it."""
    return Clock()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses Qt widgets as ``gui``."""
    for item in items:
        if GUI_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)
