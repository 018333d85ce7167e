"""Restoring a backup: checked whole first, recorded in the same step, nothing overwritten.

:func:`restore_records` refuses a damaged file, a file that is not one of the app's databases
(every table, column and index is compared with the app's own schema for the file's version),
or one from a newer version, changing nothing. Otherwise:

1. the current records are copied into ``backups/before-restore-<time>.db``; a name already
   taken (two restores in one second) is never replaced, the next free one is used;
2. the backup is copied into a private temporary file in the data folder, brought to this
   version's schema, given back any trigger it lacks (the rules that keep records and the
   audit trail from being changed), and the restore is added to its audit trail;
3. that copy is written into the live database through SQLite's backup API in one write
   transaction, which is safe with WAL and another window open.

So the restored records and the audit entry saying they were restored arrive together or not
at all; a kill at any point leaves the records as they were, or restored and recorded. A
temporary file a kill leaves behind is removed at the next start.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from consult_app.paths import ensure_private_dir
from consult_app.store.anchor import anchor_restore
from consult_app.store.anchor import backup_problems as anchor_backup_problems
from consult_app.store.audit import append_entry
from consult_app.store.backup import (
    _copy_database,
    backup_dir,
    backup_to,
    database_path,
)
from consult_app.store.base import transaction
from consult_app.store.files import place_new, private_temp
from consult_app.store.integrity import (
    BackupError,
    inspect_database,
    open_read_only,
    storage_error_message,
)
from consult_app.store.schema import schema_version, upgrade
from consult_app.store.schema_check import restore_triggers, schema_problems
from consult_app.store.store import connect

#: How many safety copies one second may hold before a restore gives up looking for a name.
_MAX_SAME_SECOND = 1000


def backup_problems(path: Path) -> list[str]:
    """Return why ``path`` cannot be restored (empty if it is a whole backup of ours)."""
    inspection = inspect_database(path)
    if inspection.problems:
        return list(inspection.problems)
    try:
        with open_read_only(path) as conn:
            problems = schema_problems(conn)
    except sqlite3.Error as error:
        return [storage_error_message(error, f"reading {path}")]
    if not problems:
        return []
    if len(problems) == 1 and "newer version" in problems[0]:
        return [f"{path} {problems[0]}"]
    return [
        f"{path} is not a backup of this app's records, or was changed since: "
        + "; ".join(problems)
        + "."
    ]


def _safety_names(folder: Path, moment: datetime) -> list[Path]:
    stem = f"before-restore-{moment:%Y%m%d-%H%M%S}"
    return [folder / f"{stem}.db"] + [
        folder / f"{stem}-{number}.db" for number in range(2, _MAX_SAME_SECOND + 1)
    ]


def _keep_raw(db_path: Path, safety: Path) -> None:
    """Keep a damaged database's raw bytes (and its WAL) as they are, under a new name."""
    for suffix in ("", "-wal"):
        part = db_path.with_name(db_path.name + suffix)
        if part.exists():
            target = safety.with_name(safety.name + suffix)
            with private_temp(target) as tmp:
                shutil.copyfile(part, tmp)
                place_new(tmp, target)


def keep_current(db_path: Path, folder: Path, moment: datetime) -> Path:
    """Copy the current database into ``folder`` under a new name; return the copy.

    An existing copy is never replaced: it may be the only one of the real records.
    """
    ensure_private_dir(folder)
    damaged = False  # found out only when a checked copy cannot be made
    for safety in _safety_names(folder, moment):
        try:
            if damaged:
                _keep_raw(db_path, safety)
                return safety
            return backup_to(db_path, safety, replace=False)
        except FileExistsError:
            continue
        except BackupError:
            if not inspect_database(db_path).damaged:
                raise
            damaged = True
            try:
                _keep_raw(db_path, safety)
            except FileExistsError:
                continue
            return safety
    raise BackupError(
        f"Every name for a copy of the current records made at this moment is taken in "
        f"{folder}. Move some of the before-restore copies somewhere safe, then try again."
    )


def _prepare(staging: sqlite3.Connection, at: str, actor: str, kind: str) -> None:
    """Bring the copy to this version, put back its triggers and record the restore in it."""
    version = schema_version(staging)
    upgrade(staging)
    with transaction(staging):
        repaired = restore_triggers(staging)
        detail: dict[str, object] = {"kind": kind, "version": version}
        if repaired:
            detail["count"] = len(repaired)
        append_entry(staging, at, actor.strip() or "system", "restore", None, detail)


def _write_live(staging: sqlite3.Connection, data_dir: Path) -> None:
    """Write the prepared copy into the live database, all or nothing."""
    db_path = database_path(data_dir)
    if db_path.exists() and db_path.stat().st_size and not inspect_database(db_path).damaged:
        with closing(connect(db_path)) as live:
            staging.backup(live)  # one write transaction: WAL-safe, all or nothing
        return
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    _copy_database(staging, db_path, lambda: _remove_wal_files(db_path))


def _remove_wal_files(db_path: Path) -> None:
    """Remove a replaced database's WAL files, so they are never applied to the new one."""
    for stale in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            db_path.with_name(db_path.name + stale).unlink()


def restore_records(
    file: Path,
    data_dir: Path,
    now: datetime | None = None,
    actor: str = "",
    kind: str = "manual",
) -> Path | None:
    """Replace the records in ``data_dir`` with the backup ``file``, recording who did it.

    Returns the copy kept of the records as they were before (``None`` if there were none).
    Raises :class:`BackupError`, changing nothing, when the file is damaged, not a backup of
    this app, from a newer version, or when the disk refuses.
    """
    file = Path(file).expanduser()
    problems = backup_problems(file) or anchor_backup_problems(file, data_dir)
    if problems:
        raise BackupError(
            f"{file} cannot be restored. Nothing was changed.\n" + "\n".join(problems)
        )
    db_path = database_path(data_dir)
    moment = now or datetime.now()
    try:
        present = db_path.exists() and db_path.stat().st_size > 0
        kept = keep_current(db_path, backup_dir(data_dir), moment) if present else None
    except (OSError, sqlite3.Error, BackupError) as error:
        message = storage_error_message(error, "the copy of the current records")
        if isinstance(error, BackupError):
            message = str(error)
        raise BackupError(f"{message} The restore was not started.") from error
    at = moment.astimezone().isoformat(timespec="seconds")
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        with (
            private_temp(data_dir / "restoring.db") as tmp,
            open_read_only(file) as source,
            closing(sqlite3.connect(tmp, isolation_level=None)) as staging,
        ):
            source.backup(staging)
            # One file: a backup taken from a WAL database would otherwise bring WAL along.
            staging.execute("PRAGMA journal_mode = DELETE")
            _prepare(staging, at, actor, kind)
            _write_live(staging, data_dir)
    except (OSError, sqlite3.Error) as error:
        message = storage_error_message(error, "the restore")
        raise BackupError(f"{message} The records are as they were before.") from error
    anchor_restore(db_path)  # a restore on purpose, so 'audit verify' does not see a rollback
    return kept
