"""Backups, restores and the start-up check: nothing the clinic saved is lost.

- :func:`backup_to` copies the database with SQLite's backup API, so it is consistent even
  while the app is saving. The copy is made in a temporary file beside the target, checked,
  flushed to disk, made readable by its owner only and then renamed into place: a failure
  (a full disk, a read-only folder) leaves no half-written file and any earlier file as it was.
- :func:`auto_backup` makes one copy a day into ``<data dir>/backups/`` and keeps the newest
  :data:`KEEP_DAILY`. It never runs on a damaged database, nor on one that holds no patient
  (an empty or re-created file), so good copies are not pushed out.
- :func:`restore_from` checks a backup's whole schema, keeps a copy of the current records
  under a name never used before and restores the backup together with its audit entry
  (:mod:`consult_app.store.restore`).
- :func:`startup_check` removes temporary copies a killed backup or restore left, runs
  SQLite's integrity check before the window opens and says what to do when the database is
  damaged, or missing (or empty) while backups exist: that is not a new clinic.

Two app instances on one data folder: both may work. SQLite's WAL mode, ``BEGIN IMMEDIATE``
for every user action and a 5 second busy timeout make writers take turns, and readers never
block them, so nothing is lost or corrupted (``tests/trust/test_instances.py`` checks this
with two stores and two processes). There is deliberately no lock file: a lock left behind
by a crash or a power cut would shut the clinic out of its records, which is worse than the
small cost of two windows showing slightly different moments. WAL needs a local disk: the
data folder must not be on a network share.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from consult_app.paths import ensure_private_dir
from consult_app.store.anchor import BackupAnchor
from consult_app.store.files import fsync_dir, place_new, private_temp, remove_leftovers
from consult_app.store.integrity import (
    RESTORE_HINT,
    BackupError,
    connection_problems,
    inspect_database,
    open_read_only,
    storage_error_message,
)
from consult_app.store.store import DB_NAME, Store

BACKUP_DIR = "backups"
KEEP_DAILY = 14
_DAILY = re.compile(r"^consult-(\d{4}-\d{2}-\d{2})\.db$")


def database_path(data_dir: Path) -> Path:
    """Return the path of the database in ``data_dir``."""
    return data_dir / DB_NAME


def backup_dir(data_dir: Path) -> Path:
    """Return the folder that holds the automatic backups and the copies kept on restore."""
    return data_dir / BACKUP_DIR


def _copy_database(
    source: sqlite3.Connection,
    out: Path,
    before_replace: Callable[[], None] | None = None,
    *,
    replace: bool = True,
    add: Callable[[sqlite3.Connection], None] | None = None,
) -> None:
    """Copy ``source`` into ``out`` through a checked, flushed, owner-only temporary file.

    ``add`` writes into the copy before it is checked (the audit anchor a backup carries).
    ``before_replace`` runs once the copy is complete, just before it is renamed into place.
    With ``replace=False`` an existing ``out`` is never replaced (FileExistsError instead).
    """
    with private_temp(out) as tmp:
        with closing(sqlite3.connect(tmp, isolation_level=None)) as target:
            source.backup(target)
            if add is not None:
                add(target)
            # A backup is one self-contained file: no -wal file needed beside it.
            target.execute("PRAGMA journal_mode = DELETE")
            problems = connection_problems(target)
            if problems:
                raise BackupError(
                    "The copy did not pass its integrity check, so it was not kept: "
                    + " ".join(problems)
                    + " The database may be damaged. "
                    + RESTORE_HINT
                )
        with tmp.open("rb+") as file:
            os.fsync(file.fileno())
        tmp.chmod(0o600)
        if before_replace is not None:
            before_replace()
        if replace:
            tmp.replace(out)
        else:
            place_new(tmp, out)
    fsync_dir(out.parent)


def _open_source(db_path: Path) -> sqlite3.Connection:
    """Open an existing database for reading (WAL included) without ever creating one."""
    if not db_path.is_file():
        raise BackupError(
            f"There are no records to back up yet: {db_path} does not exist. "
            "Check the data folder (--data-dir)."
        )
    return sqlite3.connect(db_path.absolute().as_uri() + "?mode=rw", uri=True, timeout=5.0)


def backup_to(source: Store | Path, out: Path, *, replace: bool = True) -> Path:
    """Write a consistent, checked copy of the database to ``out``; return ``out``.

    ``source`` is an open :class:`Store` or a database file. Works while the app is saving.
    Raises :class:`BackupError` with a clear message; nothing is left half-written. With
    ``replace=False`` an existing ``out`` is kept and FileExistsError raised.
    """
    db_path = source.path if isinstance(source, Store) else Path(source)
    out = Path(out).expanduser()
    if out.is_dir():
        raise BackupError(f"{out} is a folder. Give a file name for the backup, like {out}/x.db")
    if out.exists() and out.resolve() == db_path.resolve():
        raise BackupError("The backup cannot replace the database itself. Choose another file.")
    anchor = BackupAnchor(db_path.parent)
    try:
        with closing(_open_source(db_path)) as conn:
            _copy_database(conn, out, replace=replace, add=anchor.embed)
        anchor.record()
    except (BackupError, FileExistsError):
        raise
    except (OSError, sqlite3.Error) as error:
        raise BackupError(storage_error_message(error, f"the backup {out}")) from error
    return out


def daily_backups(data_dir: Path) -> list[Path]:
    """Return the automatic backups in ``data_dir``, oldest first."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if _DAILY.match(p.name) and p.is_file())


def newest_backup(data_dir: Path) -> Path | None:
    """Return the newest automatic backup, if there is one."""
    found = daily_backups(data_dir)
    return found[-1] if found else None


def holds_patients(db_path: Path) -> bool:
    """Return whether ``db_path`` holds at least one patient (an unreadable file: assume so)."""
    try:
        if db_path.stat().st_size == 0:
            return False
        with open_read_only(db_path) as conn:
            return conn.execute("SELECT 1 FROM patients LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError as error:
        return "no such table" not in str(error)
    except (OSError, sqlite3.Error, BackupError):
        return True  # making the copy will say what is wrong


def auto_backup(data_dir: Path, today: date, keep: int = KEEP_DAILY) -> Path | None:
    """Make today's backup if there is none yet, then keep only the newest ``keep``.

    Returns the new backup, or ``None`` when there is nothing to back up or today's exists.
    A database with no patient is not copied: its copies would push out real ones.
    Raises :class:`BackupError` when it cannot be made.
    """
    db_path = database_path(data_dir)
    if not db_path.is_file() or not holds_patients(db_path):
        return None
    folder = backup_dir(data_dir)
    out = folder / f"consult-{today.isoformat()}.db"
    if out.exists():
        return None
    try:
        ensure_private_dir(folder)
    except OSError as error:
        raise BackupError(storage_error_message(error, "today's backup")) from error
    backup_to(db_path, out)
    existing = daily_backups(data_dir)
    for old in existing[: max(0, len(existing) - keep)]:
        with contextlib.suppress(OSError):
            old.unlink()
    return out


def restore_from(
    file: Path,
    data_dir: Path,
    now: datetime | None = None,
    actor: str = "",
    kind: str = "manual",
) -> Path | None:
    """Replace the records in ``data_dir`` with the backup ``file``, and record it.

    See :func:`consult_app.store.restore.restore_records`, which does the work.
    """
    # Imported here: the restore module builds on this one's copies.
    from consult_app.store.restore import restore_records

    return restore_records(file, data_dir, now, actor, kind)


@dataclass(frozen=True)
class StartupReport:
    """What the start-up check found.

    ``damaged`` means the app must not open the records; ``advice`` then says what to do.
    ``missing`` means the database is missing or empty although backups exist: the app must
    not start a new clinic over it; ``advice`` says so and ``latest`` is the newest backup.
    ``backup`` is the automatic backup made now (if any); ``notes`` lists anything else worth
    telling, such as an automatic backup that could not be made.
    """

    database: Path
    damaged: bool
    problems: tuple[str, ...] = ()
    advice: str = ""
    backup: Path | None = None
    notes: tuple[str, ...] = ()
    missing: bool = False
    latest: Path | None = None


def damaged_advice(db_path: Path, newest: Path | None) -> str:
    """Say what to do about a damaged database, naming the newest backup when there is one."""
    text = (
        f"The patient records in {db_path} are damaged, so the app will not open them, to "
        "avoid making the damage worse. "
    )
    if newest is not None:
        return text + (
            f"Close the app and restore the newest backup with:\n"
            f"    consult-app restore {newest}\n"
            "A copy of the damaged file is kept first. Then start the app again and check "
            "the most recent records."
        )
    return text + (
        f"There is no automatic backup in {db_path.parent / BACKUP_DIR}. If you have a "
        "backup file, restore it with: consult-app restore FILE. Otherwise keep a copy of "
        "the whole data folder and ask for technical help. Do not delete anything."
    )


def missing_advice(data_dir: Path) -> tuple[str, Path] | None:
    """Return what to do, and the newest backup, when the records are gone but backups exist.

    ``None`` when the records are there, or when this is a new clinic (no backups).
    """
    db_path = database_path(data_dir)
    try:
        size = db_path.stat().st_size if db_path.exists() else None
        newest = newest_backup(data_dir)
    except OSError:
        return None  # the folder cannot be read: opening the store will say so
    if newest is None or size:
        return None
    what = "is not there" if size is None else "is empty (0 bytes)"
    return (
        f"The patient records are missing: {db_path} {what}, but the data folder has "
        "backups, so this is not a new clinic and the app will not start one over them. "
        "If the file was moved or renamed, put it back. Otherwise restore the newest backup "
        f"with:\n    consult-app restore {newest}\n"
        "Nothing was created or changed.",
        newest,
    )


def startup_check(data_dir: Path, today: date) -> StartupReport:
    """Check the database before the app opens it, and make today's backup if it is whole."""
    db_path = database_path(data_dir)
    remove_leftovers(data_dir, backup_dir(data_dir))
    missing = missing_advice(data_dir)
    if missing is not None:
        return StartupReport(db_path, False, advice=missing[0], missing=True, latest=missing[1])
    try:
        present = db_path.exists()
    except OSError as error:  # the folder cannot be read: opening the store will say so
        return StartupReport(db_path, damaged=False, notes=(storage_error_message(error),))
    if not present:
        return StartupReport(db_path, damaged=False)
    inspection = inspect_database(db_path, quick=True)
    if inspection.damaged:
        advice = damaged_advice(db_path, newest_backup(data_dir))
        return StartupReport(db_path, True, inspection.problems, advice)
    notes = list(inspection.problems)
    made: Path | None = None
    if not notes:
        try:
            made = auto_backup(data_dir, today)
        except BackupError as error:
            notes.append(f"Today's automatic backup was not made. {error}")
    return StartupReport(db_path, False, backup=made, notes=tuple(notes))
