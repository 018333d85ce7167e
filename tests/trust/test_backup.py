"""Backups and restores: consistent copies, daily rotation, refusals that change nothing."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from factories import details

from consult_app.cli import main
from consult_app.store import Store
from consult_app.store.backup import (
    KEEP_DAILY,
    auto_backup,
    backup_dir,
    backup_to,
    daily_backups,
    database_path,
    restore_from,
    startup_check,
)
from consult_app.store.integrity import BackupError, check_integrity
from consult_app.store.schema import SCHEMA_VERSION

TODAY = date(2025, 6, 15)


def add_patients(store: Store, *names: str) -> list[int]:
    return [store.patients.create_patient(details(given=n), TODAY).id for n in names]


def names_in(db: Path) -> list[str]:
    with Store.open(db.parent) if db.name == "consult.db" else _open_copy(db) as store:
        return sorted(p.details.given_name for p in store.patients.search_patients("", limit=None))


def _open_copy(db: Path) -> Store:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return Store(conn)


def digest(db: Path) -> str:
    """A fingerprint of the database file and its WAL, to show nothing was touched."""
    parts = [db, db.with_name(db.name + "-wal")]
    return hashlib.sha256(b"".join(p.read_bytes() for p in parts if p.exists())).hexdigest()


def damage(db: Path) -> None:
    """Overwrite the middle of a closed database file with garbage, as a failing disk might."""
    size = db.stat().st_size
    assert size >= 6 * 4096, "the database needs a few pages to damage"
    with db.open("r+b") as file:
        file.seek(2 * 4096)
        file.write(b"\xa5\x5a" * 4096)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        add_patients(store, *(f"Patient{i:03d}" for i in range(60)))
    return folder


@pytest.mark.slow
def test_backup_while_another_window_saves_is_consistent_and_private(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    Store.open(folder).close()
    stop = threading.Event()
    written: list[int] = []

    def keep_saving() -> None:
        with Store.open(folder) as writer:
            while not stop.is_set():
                written.extend(add_patients(writer, f"W{len(written)}"))

    thread = threading.Thread(target=keep_saving)
    thread.start()
    try:
        copies = []
        for number in range(5):
            while len(written) < 20 * (number + 1):
                stop.wait(0.005)
            copies.append(backup_to(database_path(folder), tmp_path / f"copy{number}.db"))
    finally:
        stop.set()
        thread.join()

    counts = []
    for copy in copies:
        assert check_integrity(copy) == []
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert not copy.with_name(copy.name + "-wal").exists(), "a backup is one file"
        with sqlite3.connect(copy) as conn:
            patients = conn.execute("SELECT count(*), max(id) FROM patients").fetchone()
            indexed = conn.execute("SELECT count(*) FROM patient_search").fetchone()[0]
        assert patients[0] == patients[1] == indexed, "each saved action is wholly in the copy"
        counts.append(patients[0])
    assert counts == sorted(counts) and counts[0] >= 20
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        *(f"copy{n}.db" for n in range(5)),
        "data",
    ]


def test_backup_of_an_open_store_and_refusals(data_dir: Path, tmp_path: Path) -> None:
    with Store.open(data_dir) as store:
        out = backup_to(store, tmp_path / "from-store.db")
    assert len(names_in(out)) == 60
    with pytest.raises(BackupError, match="is a folder"):
        backup_to(database_path(data_dir), tmp_path)
    with pytest.raises(BackupError, match="no records to back up"):
        backup_to(tmp_path / "nowhere" / "consult.db", tmp_path / "x.db")
    with pytest.raises(BackupError, match="does not exist"):
        backup_to(database_path(data_dir), tmp_path / "missing-folder" / "x.db")


def test_one_automatic_backup_a_day_and_only_the_newest_14_are_kept(data_dir: Path) -> None:
    made = []
    for day in range(20):
        made.append(auto_backup(data_dir, TODAY + timedelta(days=day)))
        assert auto_backup(data_dir, TODAY + timedelta(days=day)) is None, "once a day"
    assert all(path is not None for path in made)
    kept = daily_backups(data_dir)
    assert len(kept) == KEEP_DAILY == 14
    assert kept == made[-14:]
    assert kept[-1].name == f"consult-{TODAY + timedelta(days=19)}.db"
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept)
    assert stat.S_IMODE(backup_dir(data_dir).stat().st_mode) == 0o700
    assert len(names_in(kept[-1])) == 60


def test_automatic_backup_skips_an_empty_data_folder(tmp_path: Path) -> None:
    assert auto_backup(tmp_path / "new", TODAY) is None
    assert not (tmp_path / "new").exists()


def test_restore_keeps_the_current_records_first_and_an_open_window_sees_the_backup(
    data_dir: Path, tmp_path: Path
) -> None:
    saved = backup_to(database_path(data_dir), tmp_path / "monday.db")
    with Store.open(data_dir) as window:
        add_patients(window, "AddedAfterBackup")
        kept = restore_from(saved, data_dir, now=datetime(2025, 6, 15, 9, 30, 5))
        assert kept == backup_dir(data_dir) / "before-restore-20250615-093005.db"
        assert window.patients.search_patients("AddedAfterBackup") == []
        add_patients(window, "AfterRestore")
    assert "AddedAfterBackup" in names_in(kept)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    restored = names_in(database_path(data_dir))
    assert len(restored) == 61 and "AddedAfterBackup" not in restored
    assert check_integrity(database_path(data_dir)) == []


def newer_schema_copy(data_dir: Path, tmp_path: Path) -> Path:
    copy = backup_to(database_path(data_dir), tmp_path / "newer.db")
    with sqlite3.connect(copy) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    return copy


def damaged_copy(data_dir: Path, tmp_path: Path) -> Path:
    copy = backup_to(database_path(data_dir), tmp_path / "damaged.db")
    damage(copy)
    return copy


def text_file(data_dir: Path, tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text("Patient list\n" * 500)
    return path


def other_database(data_dir: Path, tmp_path: Path) -> Path:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (damaged_copy, "damaged|Damage found"),
        (text_file, "is not a database file"),
        (newer_schema_copy, "newer version of the app"),
        (other_database, "not a backup of this app"),
        (lambda d, t: t / "typo.db", "There is no file at"),
    ],
    ids=["damaged", "text", "newer-schema", "other-database", "missing"],
)
def test_restore_refuses_a_bad_file_and_changes_nothing(
    data_dir: Path, tmp_path: Path, make, message: str
) -> None:
    bad = make(data_dir, tmp_path)
    before = digest(database_path(data_dir))

    with pytest.raises(BackupError, match=message) as caught:
        restore_from(bad, data_dir)

    assert "Nothing was changed" in str(caught.value)
    assert digest(database_path(data_dir)) == before
    assert not backup_dir(data_dir).exists(), "no copy was needed, none was made"


def test_restore_replaces_a_damaged_database_and_keeps_its_bytes(
    data_dir: Path, tmp_path: Path
) -> None:
    good = backup_to(database_path(data_dir), tmp_path / "good.db")
    db = database_path(data_dir)
    damage(db)
    damaged_bytes = db.read_bytes()

    kept = restore_from(good, data_dir)

    assert kept is not None and kept.read_bytes() == damaged_bytes
    assert check_integrity(db) == []
    assert len(names_in(db)) == 60


def test_restore_into_an_empty_folder(data_dir: Path, tmp_path: Path) -> None:
    good = backup_to(database_path(data_dir), tmp_path / "good.db")
    assert restore_from(good, tmp_path / "fresh") is None
    assert len(names_in(database_path(tmp_path / "fresh"))) == 60


def test_startup_check_makes_the_daily_backup_of_whole_records(data_dir: Path) -> None:
    report = startup_check(data_dir, TODAY)
    assert not report.damaged and report.problems == ()
    assert report.backup == backup_dir(data_dir) / f"consult-{TODAY}.db"
    assert startup_check(data_dir, TODAY).backup is None
    assert startup_check(data_dir.parent / "first-run", TODAY).damaged is False


def test_startup_check_reports_damage_with_the_restore_command(data_dir: Path) -> None:
    for day in range(3):
        startup_check(data_dir, TODAY + timedelta(days=day))
    newest = daily_backups(data_dir)[-1]
    damage(database_path(data_dir))

    report = startup_check(data_dir, TODAY + timedelta(days=3))

    assert report.damaged and report.problems
    assert f"consult-app restore {newest}" in report.advice
    assert "damaged" in report.advice
    assert report.backup is None, "a damaged database is never rotated into the backups"
    assert daily_backups(data_dir)[-1] == newest
    # Following the advice brings the records back.
    assert main(["restore", str(newest), "--data-dir", str(data_dir)]) == 0
    assert startup_check(data_dir, TODAY + timedelta(days=3)).damaged is False


def test_startup_check_without_backups_says_not_to_delete_anything(data_dir: Path) -> None:
    damage(database_path(data_dir))
    report = startup_check(data_dir, TODAY)
    assert report.damaged
    assert "no automatic backup" in report.advice and "Do not delete" in report.advice


def test_backup_and_restore_commands(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "by-hand.db"
    assert main(["backup", "--data-dir", str(data_dir), "--out", str(out)]) == 0
    assert "Backed up the records to" in capsys.readouterr().err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600

    assert main(["restore", str(out), "--data-dir", str(data_dir)]) == 0
    err = capsys.readouterr().err
    assert "Restored the records" in err and "before-restore-" in err

    notes = tmp_path / "notes.txt"
    notes.write_text("not a backup")
    assert main(["restore", str(notes), "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "is not a database file" in err and "Nothing was changed" in err
    assert main(["backup", "--data-dir", str(tmp_path / "empty"), "--out", str(out)]) == 1
    assert "no records to back up" in capsys.readouterr().err
