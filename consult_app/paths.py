"""Where records live: the data directory, chosen once for the app and every sub-command."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "CONSULT_APP_DATA_DIR"
APP_NAME = "consult-app"


def default_data_dir() -> Path:
    """Return the user's data directory for the app (platform-specific)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(option: str | Path | None) -> Path:
    """Choose the data directory: the option, else ``$CONSULT_APP_DATA_DIR``, else the default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return default_data_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` if needed, readable by its owner only on POSIX, and return it."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
