"""Backups, restores and the start-up check: nothing the clinic saved is lost.

- :func:`backup_to` copies the database with SQLite's backup API, so it is consistent even
  while the app is saving. The copy is made in a temporary file beside the target, checked,
  flushed to disk, made readable by its owner only and then renamed into place: a failure
  (a full disk, a read-only folder) leaves no half-written file and any earlier file as it was.
- :func:`auto_backup` makes one copy a day into ``<data dir>/backups/`` and keeps the newest
  :data:`KEEP_DAILY`. It never runs on a damaged database, so good copies are not pushed out.
- :func:`restore_from` checks a backup first and refuses a damaged file, a file that is not
  one of the app's databases, or one from a newer version, changing nothing. Otherwise it
  keeps a copy of the current database in ``backups/before-restore-<time>.db`` and then
  writes the backup into the live database through the backup API, which is safe with WAL
  and with another window open (that window sees the restored records).
- :func:`startup_check` runs SQLite's integrity check before the window opens and says
  what to do when the database is damaged.

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
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from consult_app.store.anchor import BackupAnchor, anchor_restore
from consult_app.store.anchor import backup_problems as anchor_backup_problems
from consult_app.store.integrity import (
    RESTORE_HINT,
    BackupError,
    connection_problems,
    inspect_database,
    open_read_only,
    storage_error_message,
)
from consult_app.store.schema import SCHEMA_VERSION
from consult_app.store.store import DB_NAME, Store, connect

BACKUP_DIR = "backups"
KEEP_DAILY = 14
_DAILY = re.compile(r"^consult-(\d{4}-\d{2}-\d{2})\.db$")


def database_path(data_dir: Path) -> Path:
    """Return the path of the database in ``data_dir``."""
    return data_dir / DB_NAME


def backup_dir(data_dir: Path) -> Path:
    """Return the folder that holds the automatic backups and the copies kept on restore."""
    return data_dir / BACKUP_DIR


def _fsync_dir(folder: Path) -> None:
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


def _discard(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()


@contextlib.contextmanager
def _private_temp(out: Path) -> Iterator[Path]:
    """Yield a new, empty, owner-only file beside ``out``; remove it unless it was renamed."""
    tmp = out.with_name(f".{out.name}.tmp{os.getpid()}")
    _discard(tmp)
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        yield tmp
    finally:
        _discard(tmp)


def _copy_database(
    source: sqlite3.Connection,
    out: Path,
    before_replace: Callable[[], None] | None = None,
    add: Callable[[sqlite3.Connection], None] | None = None,
) -> None:
    """Copy ``source`` into ``out`` through a checked, flushed, owner-only temporary file.

    ``add`` writes into the copy before it is checked (the audit anchor a backup carries).
    ``before_replace`` runs once the copy is complete, just before it is renamed into place.
    """
    with _private_temp(out) as tmp:
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
        tmp.replace(out)
    _fsync_dir(out.parent)


def _open_source(db_path: Path) -> sqlite3.Connection:
    """Open an existing database for reading (WAL included) without ever creating one."""
    if not db_path.is_file():
        raise BackupError(
            f"There are no records to back up yet: {db_path} does not exist. "
            "Check the data folder (--data-dir)."
        )
    return sqlite3.connect(db_path.absolute().as_uri() + "?mode=rw", uri=True, timeout=5.0)


def backup_to(source: Store | Path, out: Path) -> Path:
    """Write a consistent, checked copy of the database to ``out``; return ``out``.

    ``source`` is an open :class:`Store` or a database file. Works while the app is saving.
    Raises :class:`BackupError` with a clear message; nothing is left half-written.
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
            _copy_database(conn, out, add=anchor.embed)
        anchor.record()
    except BackupError:
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


def auto_backup(data_dir: Path, today: date, keep: int = KEEP_DAILY) -> Path | None:
    """Make today's backup if there is none yet, then keep only the newest ``keep``.

    Returns the new backup, or ``None`` when there is nothing to back up or today's exists.
    Raises :class:`BackupError` when it cannot be made.
    """
    db_path = database_path(data_dir)
    if not db_path.is_file():
        return None
    folder = backup_dir(data_dir)
    out = folder / f"consult-{today.isoformat()}.db"
    if out.exists():
        return None
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as error:
        raise BackupError(storage_error_message(error, "today's backup")) from error
    backup_to(db_path, out)
    existing = daily_backups(data_dir)
    for old in existing[: max(0, len(existing) - keep)]:
        with contextlib.suppress(OSError):
            old.unlink()
    return out


def _backup_problems(path: Path) -> list[str]:
    """Return why ``path`` cannot be restored (empty if it is a whole backup of ours)."""
    inspection = inspect_database(path)
    if inspection.problems:
        return list(inspection.problems)
    try:
        with open_read_only(path) as conn:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error as error:
        return [storage_error_message(error, f"reading {path}")]
    if version > SCHEMA_VERSION:
        return [
            f"{path} was saved by a newer version of the app (schema {version}; this app "
            f"knows {SCHEMA_VERSION}). Install the newer version, then restore it."
        ]
    if version < 1 or "patients" not in tables:
        return [f"{path} is not a backup of this app's records (it has no patient records)."]
    return []


def _keep_current(db_path: Path, folder: Path, moment: datetime) -> Path:
    """Copy the current database into ``folder`` before it is replaced; return the copy."""
    folder.mkdir(mode=0o700, exist_ok=True)
    safety = folder / f"before-restore-{moment:%Y%m%d-%H%M%S}.db"
    try:
        return backup_to(db_path, safety)
    except BackupError:
        if not inspect_database(db_path).damaged:
            raise
    # The current file is damaged: keep its raw bytes (and its WAL) as they are.
    for suffix in ("", "-wal"):
        part = db_path.with_name(db_path.name + suffix)
        if part.exists():
            target = safety.with_name(safety.name + suffix)
            with _private_temp(target) as tmp:
                shutil.copyfile(part, tmp)
                tmp.replace(target)
    return safety


def _remove_wal_files(db_path: Path) -> None:
    """Remove a replaced database's WAL files, so they are never applied to the new one."""
    for stale in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            db_path.with_name(db_path.name + stale).unlink()


def restore_from(file: Path, data_dir: Path, now: datetime | None = None) -> Path | None:
    """Replace the records in ``data_dir`` with the backup ``file``.

    Returns the copy kept of the records as they were before (``None`` if there were none).
    Raises :class:`BackupError`, changing nothing, when the file is damaged, not a backup of
    this app, from a newer version, or when the disk refuses.
    """
    file = Path(file).expanduser()
    problems = _backup_problems(file) or anchor_backup_problems(file, data_dir)
    if problems:
        raise BackupError(
            f"{file} cannot be restored. Nothing was changed.\n" + "\n".join(problems)
        )
    db_path = database_path(data_dir)
    moment = now or datetime.now()
    try:
        kept = _keep_current(db_path, backup_dir(data_dir), moment) if db_path.exists() else None
    except (OSError, sqlite3.Error, BackupError) as error:
        message = storage_error_message(error, "the copy of the current records")
        if isinstance(error, BackupError):
            message = str(error)
        raise BackupError(f"{message} The restore was not started.") from error
    try:
        with open_read_only(file) as source:
            if db_path.exists() and not inspect_database(db_path).damaged:
                with closing(connect(db_path)) as live:
                    source.backup(live)  # one write transaction: WAL-safe, all or nothing
            else:
                data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
                _copy_database(source, db_path, lambda: _remove_wal_files(db_path))
    except (OSError, sqlite3.Error) as error:
        message = storage_error_message(error, "the restore")
        raise BackupError(f"{message} The records are as they were before.") from error
    anchor_restore(db_path)  # a restore on purpose, so 'audit verify' does not see a rollback
    return kept


@dataclass(frozen=True)
class StartupReport:
    """What the start-up check found.

    ``damaged`` means the app must not open the records; ``advice`` then says what to do.
    ``backup`` is the automatic backup made now (if any); ``notes`` lists anything else worth
    telling, such as an automatic backup that could not be made.
    """

    database: Path
    damaged: bool
    problems: tuple[str, ...] = ()
    advice: str = ""
    backup: Path | None = None
    notes: tuple[str, ...] = ()


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


def startup_check(data_dir: Path, today: date) -> StartupReport:
    """Check the database before the app opens it, and make today's backup if it is whole."""
    db_path = database_path(data_dir)
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
