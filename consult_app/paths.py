"""Where records live: the data directory, chosen once for the app and every sub-command."""

from __future__ import annotations

import contextlib
import os
import tempfile
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
    """Create ``path`` if needed, readable by its owner only on POSIX, and return it.

    An existing folder that others may read or enter is made private too; if that is not
    allowed (it belongs to someone else), PermissionError says what to do.
    """
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and path.stat().st_mode & 0o077:
        try:
            path.chmod(0o700)
        except OSError as error:
            raise PermissionError(
                error.errno,
                "other users of this computer could read this folder, and it could not be "
                f"made private. Make it private (chmod 700 {path}) or choose another folder",
                str(path),
            ) from error
    return path


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by its owner only (0o600 on POSIX), all or nothing.

    The bytes go to a temporary file in the same folder, are synced, and the file is renamed
    over ``path``; a full disk, a read-only folder or a crash leaves any earlier file as it was
    and no temporary file behind. Raises the ``OSError``; callers say what it means.
    """
    # mkstemp creates the file readable and writable by its owner only.
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
