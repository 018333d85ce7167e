"""The record files on disk: private to their owner, written whole, never left half-made.

- :func:`private_database_file` makes the database (and so its WAL and SHM files, which SQLite
  creates with the database's permissions) readable by its owner only.
- :func:`private_temp` and :func:`place_new` write a copy beside its target and put it in
  place; :func:`place_new` never replaces a file that is already there.
- :func:`remove_leftovers` removes the temporary copies a killed backup or restore left.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

#: A temporary copy: ``.<name>.tmp<process id>``, with SQLite's journal or WAL beside it.
_TEMP = re.compile(r"^\..+\.tmp(\d+)(-journal|-wal|-shm)?$")

#: A temporary copy this old is left over even when its process id is in use again.
LEFTOVER_AFTER_SECONDS = 3600

_POSIX = os.name == "posix"


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some systems cannot sync a folder; the file itself is already on disk
    finally:
        os.close(fd)


def discard(path: Path) -> None:
    """Remove ``path`` and its SQLite journal or WAL, if they are there."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        leftover = path.with_name(path.name + suffix)
        with contextlib.suppress(OSError):
            leftover.unlink()


def temp_name(out: Path) -> Path:
    """Return this process's temporary file beside ``out``."""
    return out.with_name(f".{out.name}.tmp{os.getpid()}")


@contextlib.contextmanager
def private_temp(out: Path) -> Iterator[Path]:
    """Yield a new, empty, owner-only file beside ``out``; remove it unless it was renamed."""
    tmp = temp_name(out)
    discard(tmp)
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        yield tmp
    finally:
        discard(tmp)


def place_new(tmp: Path, out: Path) -> None:
    """Give ``tmp`` the name ``out`` only if no file has it; raise FileExistsError if one has.

    A hard link cannot replace a file, so two processes choosing the same name at the same
    moment cannot destroy each other's copy.
    """
    try:
        os.link(tmp, out)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: open exclusively, then rename over the empty file.
        os.close(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        tmp.replace(out)
        return
    tmp.unlink()


def private_database_file(db_path: Path) -> None:
    """Create ``db_path`` owner-only if it is new, and make it and its companions owner-only.

    SQLite gives the WAL and SHM files the database file's permissions, so they follow.
    """
    if not _POSIX:
        return
    with contextlib.suppress(FileExistsError):
        os.close(os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    for suffix in ("", "-wal", "-shm", "-journal"):
        part = db_path.with_name(db_path.name + suffix)
        with contextlib.suppress(FileNotFoundError):
            if part.stat().st_mode & 0o077:
                part.chmod(0o600)


def _process_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if not _POSIX:
        return True  # no safe way to ask on Windows; the file's age decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True


def remove_leftovers(*folders: Path) -> list[Path]:
    """Remove temporary copies left by a killed backup or restore; return what was removed.

    A copy whose process still runs (another window backing up now) is left alone, unless it
    is older than :data:`LEFTOVER_AFTER_SECONDS` (its process id was given to another one).
    """
    removed: list[Path] = []
    now = time.time()
    for folder in folders:
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            match = _TEMP.match(entry.name)
            if match is None:
                continue
            try:
                old = now - entry.stat().st_mtime > LEFTOVER_AFTER_SECONDS
                if old or not _process_running(int(match.group(1))):
                    entry.unlink()
                    removed.append(entry)
            except OSError:
                continue
    return removed
