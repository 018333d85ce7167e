"""Is a database file whole, and what to tell a person when saving fails.

:func:`check_integrity` runs SQLite's own checks on a file without changing it.
:func:`storage_error_message` turns a disk or database error into a sentence that says what
happened and what to do (a full disk, a read-only folder, a damaged file, ...).
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from consult_app.store.errors import StorageError, StoreError

#: SQLite's primary result codes (the low byte of an extended code).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26

#: Codes that mean the disk or the file refused, rather than a mistake in the request.
STORAGE_CODES = frozenset(
    {
        _SQLITE_PERM,
        _SQLITE_BUSY,
        _SQLITE_LOCKED,
        _SQLITE_READONLY,
        _SQLITE_IOERR,
        _SQLITE_CORRUPT,
        _SQLITE_FULL,
        _SQLITE_CANTOPEN,
        _SQLITE_NOTADB,
    }
)

#: Codes that mean the file itself is damaged (as opposed to the disk refusing access).
DAMAGE_CODES = frozenset({_SQLITE_CORRUPT, _SQLITE_NOTADB})

RESTORE_HINT = "Restore the newest backup with: consult-app restore FILE"

#: The database engine's own errors, for callers outside the store that must not name the engine.
ENGINE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)


class BackupError(StoreError):
    """A backup, restore or check could not be done; the message says why and what to do."""


def sqlite_code(error: BaseException) -> int | None:
    """Return SQLite's primary result code for ``error``, if it came from SQLite."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_damage(error: BaseException) -> bool:
    """Return whether ``error`` says the database file is damaged or not a database."""
    return sqlite_code(error) in DAMAGE_CODES


def underlying_error(error: BaseException) -> BaseException:
    """Return the error that really stopped a write.

    When SQLite rolls a transaction back by itself (a full disk, an I/O error), a later
    ``ROLLBACK`` fails with "no transaction is active" and hides the real cause, which Python
    keeps as the exception's context.
    """
    if isinstance(error, StorageError) and error.__cause__ is not None:
        error = error.__cause__
    while (
        isinstance(error, sqlite3.Error)
        and "no transaction is active" in str(error)
        and isinstance(error.__context__, sqlite3.Error)
    ):
        error = error.__context__
    return error


def storage_error_message(error: BaseException, what: str = "the change") -> str:
    """Say in plain words why ``what`` could not be saved or read, and what to do next."""
    error = underlying_error(error)
    code = sqlite_code(error)
    number = error.errno if isinstance(error, OSError) else None
    if code == _SQLITE_FULL or number in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"The disk is full, so {what} could not be saved. Nothing was changed. "
            "Free some space on the disk (or choose another place) and try again."
        )
    if code == _SQLITE_READONLY or number == errno.EROFS:
        return (
            f"The folder is read-only, so {what} could not be saved. Nothing was changed. "
            "Check that the disk is not write-protected and that you may write there, "
            "then try again."
        )
    if code == _SQLITE_PERM or number in (errno.EACCES, errno.EPERM):
        where = f" ({error.filename})" if isinstance(error, OSError) and error.filename else ""
        return (
            f"You do not have permission to write there{where}, so {what} could not be "
            "saved. Nothing was changed. Choose a folder you may write to, or ask for help "
            "with the folder's permissions."
        )
    if number == errno.ENOENT:
        name = error.filename if isinstance(error, OSError) and error.filename else "The file"
        return f"{name} does not exist. Check the name and the folder, then try again."
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return (
            f"The records are busy (another window is saving), so {what} was not saved. "
            "Wait a moment and try again."
        )
    if code in DAMAGE_CODES:
        return (
            f"The database file is damaged, so {what} could not be done. Close the app "
            f"and restore a backup. {RESTORE_HINT}"
        )
    if code == _SQLITE_CANTOPEN:
        return (
            f"The database file could not be opened, so {what} could not be done. Check "
            "that the data folder exists, is on a disk that is connected, and that you may "
            "use it."
        )
    if code == _SQLITE_IOERR or isinstance(error, OSError):
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        return (
            f"The disk reported an error ({reason}), so {what} could not be saved. "
            "Check that the disk is connected and has space, then try again."
        )
    return f"{what[:1].upper()}{what[1:]} could not be done: {error}."


def on_read_only_disk(folder: Path) -> bool:
    """Return whether ``folder`` is on a file system mounted read-only (POSIX only)."""
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:
        return False
    try:
        return bool(statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def read_only_uri(path: Path) -> str:
    """Return an SQLite URI that opens ``path`` read-only and never creates it."""
    return path.absolute().as_uri() + "?mode=ro"


@contextmanager
def open_read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """Open an existing database read-only; a missing file raises :class:`BackupError`."""
    if not path.is_file():
        raise BackupError(f"There is no file at {path}. Check the name and try again.")
    conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=5.0)
    with closing(conn):
        yield conn


def connection_problems(conn: sqlite3.Connection, quick: bool = False) -> list[str]:
    """Run SQLite's integrity and foreign-key checks; return what they found (empty if whole).

    Raises :class:`sqlite3.DatabaseError` when the file is too damaged to be checked.
    """
    pragma = "quick_check" if quick else "integrity_check"
    rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}")]
    problems = [] if rows == ["ok"] else [f"Damage found: {row}" for row in rows]
    for table, rowid, parent, _key in conn.execute("PRAGMA foreign_key_check"):
        problems.append(
            f"Broken link: row {rowid} of '{table}' refers to a missing row of '{parent}'."
        )
    return problems


@dataclass(frozen=True)
class Inspection:
    """What checking a database file found.

    ``damaged`` is true when the file itself is broken (or is not a database); a file that
    merely could not be opened (missing, no permission) has problems but is not damaged.
    """

    problems: tuple[str, ...]
    damaged: bool


def inspect_database(db_path: Path, quick: bool = False) -> Inspection:
    """Check the database file ``db_path`` without changing it."""
    try:
        with open_read_only(db_path) as conn:
            problems = connection_problems(conn, quick)
            return Inspection(tuple(problems), damaged=bool(problems))
    except BackupError as error:
        return Inspection((str(error),), damaged=False)
    except sqlite3.Error as error:
        if sqlite_code(error) == _SQLITE_NOTADB:
            message = (
                f"{db_path} is not a database file. It may be damaged, or be another kind of file."
            )
            return Inspection((message,), damaged=True)
        if is_damage(error):
            return Inspection((f"{db_path} is damaged: {error}.",), damaged=True)
        if on_read_only_disk(db_path.parent):
            message = (
                f"The data folder {db_path.parent} is on a read-only disk, so the records "
                "cannot be opened for saving. Check that the disk is not write-protected."
            )
            return Inspection((message,), damaged=False)
        return Inspection((storage_error_message(error, f"checking {db_path}"),), damaged=False)


def check_integrity(db_path: Path, quick: bool = False) -> list[str]:
    """Check the database file ``db_path`` without changing it; return the problems found.

    An empty list means the file is a whole SQLite database. A file that is missing, not a
    database or cannot be read gives one message that says so. ``quick`` uses SQLite's
    faster check that skips comparing indexes with their tables.
    """
    return list(inspect_database(db_path, quick).problems)
