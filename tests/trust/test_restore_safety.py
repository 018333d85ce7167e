"""Restores take only the app's own schema, keep every safety copy and are always recorded."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest
from factories import details

from consult_app.cli import main
from consult_app.store import Store
from consult_app.store.audit import AuditFilter
from consult_app.store.backup import backup_dir, backup_to, database_path, restore_from
from consult_app.store.integrity import BackupError, check_integrity
from consult_app.store.schema import SCHEMA_VERSION, upgrade

TODAY = date(2025, 6, 15)
NOW = datetime(2025, 6, 15, 9, 30, 5)


def add_patients(folder: Path, *names: str) -> None:
    with Store.open(folder) as store:
        for name in names:
            store.patients.create_patient(details(given=name), TODAY)


def names_in(folder: Path) -> list[str]:
    with Store.open(folder) as store:
        return sorted(p.details.given_name for p in store.patients.search_patients("", limit=None))


def digest(db: Path) -> str:
    parts = [db, db.with_name(db.name + "-wal")]
    return hashlib.sha256(b"".join(p.read_bytes() for p in parts if p.exists())).hexdigest()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    add_patients(folder, "Amira", "Bilal", "Chen")
    return folder


def changed_copy(data_dir: Path, tmp_path: Path, *statements: str) -> Path:
    copy = backup_to(database_path(data_dir), tmp_path / "changed.db")
    with closing(sqlite3.connect(copy, isolation_level=None)) as conn:
        for statement in statements:
            conn.execute(statement)
    return copy


def only_a_patients_table(data_dir: Path, tmp_path: Path) -> Path:
    path = tmp_path / "lookalike.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("CREATE TABLE patients (id INTEGER PRIMARY KEY, given_name TEXT)")
        conn.execute("INSERT INTO patients (given_name) VALUES ('Intruder')")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return path


@pytest.mark.parametrize(
    ("statements", "message"),
    [
        (["DROP TABLE treatments"], "the table 'treatments' is missing"),
        (["ALTER TABLE patients DROP COLUMN notes"], "the table 'patients' has no column 'notes'"),
        (["ALTER TABLE patients ADD COLUMN spy TEXT"], "unknown column 'spy'"),
        (["CREATE TABLE copies (x TEXT)"], "a table 'copies' that this app does not make"),
        (["DROP INDEX visits_by_patient"], "the index 'visits_by_patient' is missing"),
        (
            ["CREATE TRIGGER spy AFTER INSERT ON patients BEGIN SELECT 1; END"],
            "a trigger 'spy' that this app does not make",
        ),
        (["PRAGMA user_version = 0"], "has no schema version"),
    ],
    ids=["no-table", "no-column", "extra-column", "extra-table", "no-index", "extra-trigger", "v0"],
)
def test_restore_refuses_a_schema_that_is_not_the_apps_and_changes_nothing(
    data_dir: Path, tmp_path: Path, statements: list[str], message: str
) -> None:
    bad = changed_copy(data_dir, tmp_path, *statements)
    before = digest(database_path(data_dir))

    with pytest.raises(BackupError, match="Nothing was changed") as caught:
        restore_from(bad, data_dir)

    assert message in str(caught.value)
    assert digest(database_path(data_dir)) == before
    assert not backup_dir(data_dir).exists()


def test_restore_refuses_any_database_that_merely_has_a_patients_table(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lookalike = only_a_patients_table(data_dir, tmp_path)
    before = digest(database_path(data_dir))

    assert main(["restore", str(lookalike), "--data-dir", str(data_dir)]) == 1

    err = capsys.readouterr().err
    assert "not a backup of this app's records" in err and "Nothing was changed" in err
    assert digest(database_path(data_dir)) == before
    assert names_in(data_dir) == ["Amira", "Bilal", "Chen"]


def test_restore_of_an_older_version_brings_it_up_to_date(data_dir: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    with closing(sqlite3.connect(old, isolation_level=None)) as conn:
        upgrade(conn, 3)
        conn.execute(
            "INSERT INTO patients (given_name, family_name, created_at, created_by, updated_at,"
            " updated_by) VALUES ('Dara', 'Old', '2024-01-02', 'x', '2024-01-02', 'x')"
        )

    restore_from(old, data_dir, now=NOW, actor="hala")

    assert names_in(data_dir) == ["Dara"]
    with Store.open(data_dir) as store:
        assert store.audit.verify_audit() == []
        [entry] = store.audit.audit_trail(AuditFilter(action="restore"))
    assert entry.detail == {"kind": "manual", "version": 3}


def test_two_restores_in_one_second_keep_both_safety_copies(data_dir: Path, tmp_path: Path) -> None:
    backup = backup_to(database_path(data_dir), tmp_path / "backup.db")
    add_patients(data_dir, "OnlyHere")
    taken = backup_dir(data_dir)
    taken.mkdir()
    (taken / "before-restore-20250615-093005-2.db").write_bytes(b"someone else's copy")

    first = restore_from(backup, data_dir, now=NOW)
    second = restore_from(backup, data_dir, now=NOW)

    assert first is not None and second is not None and first != second
    assert first.name == "before-restore-20250615-093005.db"
    assert second.name == "before-restore-20250615-093005-3.db"
    assert (taken / "before-restore-20250615-093005-2.db").read_bytes() == b"someone else's copy"
    with closing(sqlite3.connect(first)) as conn:
        kept = {r[0] for r in conn.execute("SELECT given_name FROM patients")}
    assert "OnlyHere" in kept, "the copy of the real records survived the second restore"


def test_restore_records_itself_in_the_restored_audit_trail(data_dir: Path, tmp_path: Path) -> None:
    backup = backup_to(database_path(data_dir), tmp_path / "backup.db")
    add_patients(data_dir, "Later")

    restore_from(backup, data_dir, now=NOW, actor="hala")

    with Store.open(data_dir) as store:
        newest = store.audit.audit_trail(AuditFilter(limit=1))[0]
        assert store.audit.verify_audit() == []
    assert (newest.action, newest.actor) == ("restore", "hala")
    assert newest.detail == {"kind": "manual", "version": SCHEMA_VERSION}
    assert names_in(data_dir) == ["Amira", "Bilal", "Chen"]


def test_a_failed_write_leaves_neither_the_restore_nor_its_entry(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import consult_app.store.restore as restore

    backup = backup_to(database_path(data_dir), tmp_path / "backup.db")
    add_patients(data_dir, "Later")
    before = digest(database_path(data_dir))

    def disk_gives_up(staging: sqlite3.Connection, folder: Path) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(restore, "_write_live", disk_gives_up)
    with pytest.raises(BackupError, match="as they were before"):
        restore_from(backup, data_dir, now=NOW)

    assert digest(database_path(data_dir)) == before
    assert [p.name for p in data_dir.iterdir() if p.name.startswith(".")] == []


def test_a_backup_without_its_triggers_gets_them_back(data_dir: Path, tmp_path: Path) -> None:
    bare = changed_copy(
        data_dir,
        tmp_path,
        "DROP TRIGGER audit_log_never_deleted",
        "DROP TRIGGER audit_log_never_changed",
        "DROP TRIGGER patients_never_deleted",
        "CREATE TRIGGER patients_never_deleted BEFORE DELETE ON patients BEGIN SELECT 1; END",
    )

    restore_from(bare, data_dir, now=NOW, actor="hala")

    with closing(sqlite3.connect(database_path(data_dir), isolation_level=None)) as conn:
        for statement in (
            "DELETE FROM audit_log",
            "UPDATE audit_log SET actor = 'nobody'",
            "DELETE FROM patients",
        ):
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute(statement)
    with Store.open(data_dir) as store:
        [entry] = store.audit.audit_trail(AuditFilter(action="restore"))
    assert entry.detail["count"] == 3


KILLED = """
import os, sys
from pathlib import Path
import consult_app.store.backup as backup
import consult_app.store.restore as restore

def killed(*args, **kwargs):
    os._exit(9)

if sys.argv[1] == "backup":
    os.fsync = killed  # the copy is written, not yet in place
    backup.backup_to(Path(sys.argv[2]) / "consult.db", Path(sys.argv[2]) / "backups" / "x.db")
else:
    restore._write_live = killed  # the copy is prepared, not yet written into the records
    backup.restore_from(Path(sys.argv[3]), Path(sys.argv[2]))
"""


def test_copies_left_by_a_killed_backup_or_restore_are_removed_at_the_next_start(
    data_dir: Path, tmp_path: Path
) -> None:
    from consult_app.store.backup import startup_check

    backup = backup_to(database_path(data_dir), tmp_path / "backup.db")
    backup_dir(data_dir).mkdir()
    before = digest(database_path(data_dir))
    for what in ("backup", "restore"):
        done = subprocess.run(
            [sys.executable, "-c", KILLED, what, str(data_dir), str(backup)], check=False
        )
        assert done.returncode == 9
    leftovers = [
        p for folder in (data_dir, backup_dir(data_dir)) for p in folder.iterdir()
        if p.name.startswith(".")
    ]  # fmt: skip
    assert len(leftovers) >= 2, "both were killed with a full copy of the records on disk"
    assert digest(database_path(data_dir)) == before, "the killed restore changed nothing"

    startup_check(data_dir, TODAY)

    for folder in (data_dir, backup_dir(data_dir)):
        assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []
    assert check_integrity(database_path(data_dir)) == []


def test_commands_remove_leftovers_but_not_a_copy_being_written_now(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = data_dir / f".consult.db.tmp{dead.pid}"
    left.write_bytes(b"a copy of the records")
    left_wal = data_dir / f".restoring.db.tmp{dead.pid}-wal"
    left_wal.write_bytes(b"part of a copy of the records")
    in_progress = data_dir / f".restoring.db.tmp{os.getpid()}"
    in_progress.write_bytes(b"being written by this process")
    stale = data_dir / f".restoring.db.tmp{os.getpid()}-journal"
    stale.write_bytes(b"old")
    hours_ago = time.time() - 2 * 3600
    os.utime(stale, (hours_ago, hours_ago))

    assert main(["patients", "--data-dir", str(data_dir)]) == 0

    assert not left.exists() and not left_wal.exists() and not stale.exists()
    assert in_progress.exists(), "another window's backup in progress is left alone"


def test_a_copy_of_a_live_database_in_wal_mode_restores_as_one_file(
    data_dir: Path, tmp_path: Path
) -> None:
    raw = tmp_path / "copied-by-hand.db"
    shutil.copyfile(database_path(data_dir), raw)
    assert raw.read_bytes()[18:20] == b"\x02\x02", "the copy is marked for WAL"
    add_patients(data_dir, "Later")

    restore_from(raw, data_dir, now=NOW)

    names = sorted(p.name for p in data_dir.iterdir())
    assert names == ["audit.anchor", "audit.key", "backups", "consult.db"]
    assert names_in(data_dir) == ["Amira", "Bilal", "Chen"]
