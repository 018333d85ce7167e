"""A full disk or a read-only data folder gives a clear message and damages nothing.

Each failure is produced twice: portably (SQLite's ``max_page_count`` and read-only
connections, a failing system call) and, when the tests may mount file systems (root on
Linux), on a real tiny tmpfs that fills up or is remounted read-only. Tests run as root in CI,
where ``chmod`` does not stop writes, so read-only folders are made with a mount or a
read-only connection.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from factories import details

from consult_app.cli import main
from consult_app.store import Store, StoreError
from consult_app.store.backup import backup_dir, backup_to, restore_from, startup_check
from consult_app.store.errors import StorageError
from consult_app.store.integrity import BackupError, check_integrity, storage_error_message

TODAY = date(2025, 6, 15)
FULL = "The disk is full"
READ_ONLY = "read-only"


def names(folder: Path) -> set[str]:
    with Store.open(folder) as store:
        return {p.details.given_name for p in store.patients.search_patients("", limit=None)}


def seeded(folder: Path, count: int = 10) -> Path:
    with Store.open(folder) as store:
        for n in range(count):
            store.patients.create_patient(details(given=f"Kept{n}"), TODAY)
    return folder


def kept_names(count: int = 10) -> set[str]:
    return {f"Kept{n}" for n in range(count)}


def fill_until_refused(store: Store) -> StorageError:
    """Save patients until the store refuses; return the error."""
    for n in range(2000):
        try:
            store.patients.create_patient(details(given=f"Extra{n}", notes="n" * 500), TODAY)
        except StorageError as error:
            return error
    raise AssertionError("the disk never filled up")


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if ".tmp" in p.name]


# --- portable simulations -------------------------------------------------------------------


def test_full_database_refuses_the_change_clearly_and_keeps_earlier_records(
    tmp_path: Path,
) -> None:
    folder = seeded(tmp_path / "data")
    with Store.open(folder) as store:
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]

        def disk_is_full(conn: sqlite3.Connection, actor: str, action: str) -> None:
            conn.execute(f"PRAGMA max_page_count = {pages}")

        store.add_write_listener(disk_is_full)
        error = fill_until_refused(store)

        message = storage_error_message(error)
        assert message.startswith(FULL) and "Nothing was changed" in message
        assert "Free some space" in message
        saved_before_full = {p.details.given_name for p in store.patients.search_patients("Extra")}
    saved = names(folder)
    assert saved == kept_names() | saved_before_full, "the refused patient was not half-saved"
    assert check_integrity(folder / "consult.db") == []
    with Store.open(folder) as store:  # with space again, saving works
        store.patients.create_patient(details(given="AfterSpace"), TODAY)
    assert "AfterSpace" in names(folder)


def test_a_store_write_on_a_full_disk_raises_the_disk_error_itself(tmp_path: Path) -> None:
    folder = seeded(tmp_path / "data")
    with Store.open(folder) as store:
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]

        def limit(conn: sqlite3.Connection, actor: str, action: str) -> None:
            conn.execute(f"PRAGMA max_page_count = {pages}")

        store.add_write_listener(limit)
        error = fill_until_refused(store)
    assert str(error).startswith(FULL), str(error)
    cause = error.__cause__
    assert isinstance(cause, sqlite3.Error) and cause.sqlite_errorname == "SQLITE_FULL"


def test_backup_onto_a_full_disk_leaves_the_earlier_backup_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = seeded(tmp_path / "data", 40)
    out = tmp_path / "backup.db"
    backup_to(folder / "consult.db", out)
    earlier = out.read_bytes()
    with Store.open(folder) as store:
        store.patients.create_patient(details(given="Later"), TODAY)
    real_connect = sqlite3.connect

    def tiny_target(target: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = real_connect(target, *args, **kwargs)
        if ".tmp" in str(target):
            conn.execute("PRAGMA max_page_count = 3")
        return conn

    monkeypatch.setattr(sqlite3, "connect", tiny_target)
    with pytest.raises(BackupError, match=FULL):
        backup_to(folder / "consult.db", out)
    monkeypatch.undo()

    assert out.read_bytes() == earlier
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [(errno.ENOSPC, FULL), (errno.EROFS, READ_ONLY), (errno.EACCES, "permission")],
)
def test_failing_disk_writes_during_backup_say_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, expected: str
) -> None:
    folder = seeded(tmp_path / "data")

    def refuse(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", refuse)
    with pytest.raises(BackupError, match=expected) as caught:
        backup_to(folder / "consult.db", tmp_path / "backup.db")
    monkeypatch.undo()

    assert "Nothing was changed" in str(caught.value)
    assert not (tmp_path / "backup.db").exists()
    assert leftovers(tmp_path) == []


def test_read_only_database_refuses_changes_clearly(tmp_path: Path) -> None:
    folder = seeded(tmp_path / "data")
    uri = (folder / "consult.db").as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row
    with Store(conn) as store:
        assert {p.details.given_name for p in store.patients.search_patients("")} == kept_names()
        with pytest.raises(StorageError) as caught:
            store.patients.create_patient(details(given="Refused"), TODAY)
    cause = caught.value.__cause__
    assert isinstance(cause, sqlite3.Error)
    assert cause.sqlite_errorname.startswith("SQLITE_READONLY")
    message = str(caught.value)
    assert message == storage_error_message(cause)
    assert READ_ONLY in message and "Nothing was changed" in message
    assert names(folder) == kept_names()


def test_restore_when_the_copy_of_current_records_cannot_be_made_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = seeded(tmp_path / "data")
    backup = backup_to(folder / "consult.db", tmp_path / "old.db")
    with Store.open(folder) as store:
        store.patients.create_patient(details(given="Newest"), TODAY)

    def refuse(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", refuse)
    with pytest.raises(BackupError, match=FULL) as caught:
        restore_from(backup, folder)
    monkeypatch.undo()

    assert "The restore was not started" in str(caught.value)
    assert "Newest" in names(folder)
    assert leftovers(backup_dir(folder)) == []


# --- real file systems (root with mount permission; skipped elsewhere) -------------------------


def _mount(*args: str) -> bool:
    result = subprocess.run(["mount", *args], capture_output=True, check=False)
    return result.returncode == 0


@contextlib.contextmanager
def tiny_disk(where: Path, size: str) -> Iterator[Path]:
    """Mount a tmpfs of ``size`` at ``where``, or skip when this machine does not allow it."""
    where.mkdir()
    if os.name != "posix" or shutil.which("mount") is None:
        pytest.skip("needs mount")
    if not _mount("-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)):
        pytest.skip("mounting a tmpfs is not allowed here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill_with_filler(disk: Path) -> Path:
    """Use up all free space with one file; deleting it frees the space again."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)
    return filler


def test_really_full_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with tiny_disk(tmp_path / "disk", "2m") as disk:
        folder = seeded(disk / "data")
        earlier = backup_to(folder / "consult.db", disk / "earlier.db")
        earlier_bytes = earlier.read_bytes()
        other = tmp_path / "other"
        with Store.open(other) as store:
            store.patients.create_patient(details(given="Imported"), TODAY)
        export = tmp_path / "patient.json"
        assert (
            main(["export", "--patient", "1", "--data-dir", str(other), "--out", str(export)]) == 0
        )
        window = Store.open(folder)  # the app is open while the disk fills up
        try:
            filler = fill_with_filler(disk)
            error = fill_until_refused(window)
            assert storage_error_message(error).startswith(FULL)

            assert main(["import", str(export), "--data-dir", str(folder)]) == 1
            assert FULL in capsys.readouterr().err

            assert main(["backup", "--data-dir", str(folder), "--out", str(earlier)]) == 1
            assert FULL in capsys.readouterr().err
            assert earlier.read_bytes() == earlier_bytes
            assert leftovers(disk) == []

            report = startup_check(folder, TODAY)
            assert not report.damaged and report.backup is None
            assert any(FULL in note for note in report.notes)
            assert kept_names() <= {
                p.details.given_name for p in window.patients.search_patients("")
            }
        finally:
            window.close()
        assert check_integrity(folder / "consult.db") == []
        filler.unlink()
        assert main(["import", str(export), "--data-dir", str(folder)]) == 0
        assert kept_names() | {"Imported"} <= names(folder)
        assert check_integrity(folder / "consult.db") == []


def test_really_read_only_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with tiny_disk(tmp_path / "disk", "4m") as disk:
        folder = seeded(disk / "data")
        good = backup_to(folder / "consult.db", tmp_path / "good.db")
        before = (folder / "consult.db").read_bytes()
        assert _mount("-o", "remount,ro", str(disk))
        try:
            with pytest.raises(StoreError, match="you may write to it"):
                Store.open(folder)
            assert main(["patients", "--data-dir", str(folder)]) == 1
            assert "you may write to it" in capsys.readouterr().err

            assert main(["backup", "--data-dir", str(folder), "--out", str(disk / "b.db")]) == 1
            assert READ_ONLY in capsys.readouterr().err

            with pytest.raises(BackupError, match=READ_ONLY):
                restore_from(good, folder)

            report = startup_check(folder, TODAY)
            assert not report.damaged and report.backup is None
            assert any(READ_ONLY in note for note in report.notes)
        finally:
            assert _mount("-o", "remount,rw", str(disk))
        assert (folder / "consult.db").read_bytes() == before
        assert check_integrity(folder / "consult.db") == []
