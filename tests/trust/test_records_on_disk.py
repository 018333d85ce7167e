"""The records' folder and files are private, and missing records are never a new clinic."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from factories import details

from consult_app.cli import main
from consult_app.store import Store
from consult_app.store.backup import (
    auto_backup,
    backup_dir,
    daily_backups,
    database_path,
    startup_check,
)
from consult_app.store.errors import StorageError

TODAY = date(2025, 6, 15)
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask() -> object:
    old = os.umask(0o022)  # a typical umask, which makes new files readable by everyone
    yield
    os.umask(old)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        for name in ("Amira", "Bilal"):
            store.patients.create_patient(details(given=name), TODAY)
    return folder


@posix_only
def test_records_in_an_existing_open_folder_are_made_private(
    tmp_path: Path, usual_umask: object
) -> None:
    folder = tmp_path / "shared"
    (folder / "backups").mkdir(mode=0o755, parents=True)
    for made in (folder, folder / "backups"):
        made.chmod(0o755)

    with Store.open(folder) as store:
        store.patients.create_patient(details(given="Amira"), TODAY)
        files = [folder / f"consult.db{suffix}" for suffix in ("", "-wal", "-shm")]
        assert all(path.exists() for path in files)
        assert {path.name: mode(path) for path in files} == {p.name: 0o600 for p in files}
    assert mode(folder) == 0o700
    daily = auto_backup(folder, TODAY)
    assert daily is not None and mode(daily) == 0o600
    assert mode(folder / "backups") == 0o700


@posix_only
def test_records_written_by_an_older_version_are_made_private(
    tmp_path: Path, usual_umask: object
) -> None:
    folder = tmp_path / "data"
    Store.open(folder).close()
    database_path(folder).chmod(0o644)
    folder.chmod(0o755)

    with Store.open(folder):
        assert mode(database_path(folder)) == 0o600
    assert mode(folder) == 0o700


@posix_only
def test_a_folder_that_cannot_be_made_private_is_refused_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)

    def not_yours(self: Path, mode: int) -> None:
        raise PermissionError(1, "Operation not permitted", str(self))

    monkeypatch.setattr(Path, "chmod", not_yours)
    with pytest.raises(StorageError, match="chmod 700") as caught:
        Store.open(folder)
    assert "other users of this computer could read this folder" in str(caught.value)
    assert not database_path(folder).exists(), "nothing is written into a folder others read"


@pytest.mark.parametrize("how", ["deleted", "emptied"])
def test_missing_records_with_backups_are_reported_with_the_newest_backup(
    data_dir: Path, how: str
) -> None:
    for day in range(2):
        auto_backup(data_dir, TODAY + timedelta(days=day))
    newest = daily_backups(data_dir)[-1]
    db = database_path(data_dir)
    if how == "deleted":
        db.unlink()
    else:
        db.write_bytes(b"")

    report = startup_check(data_dir, TODAY + timedelta(days=2))

    assert report.missing and report.latest == newest
    assert f"consult-app restore {newest}" in report.advice
    assert "not a new clinic" in report.advice
    assert report.backup is None
    assert daily_backups(data_dir)[-1] == newest
    assert (db.exists() and db.stat().st_size == 0) or not db.exists()


def test_without_backups_a_missing_database_is_a_new_clinic(tmp_path: Path) -> None:
    report = startup_check(tmp_path / "new", TODAY)
    assert not report.missing and not report.damaged


def test_commands_stop_on_missing_records_and_name_the_restore_command(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    auto_backup(data_dir, TODAY)
    newest = daily_backups(data_dir)[-1]
    database_path(data_dir).unlink()
    folder = ["--data-dir", str(data_dir)]

    for command in (["patients", *folder], ["backup", *folder, "--out", str(data_dir / "b.db")]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert "patient records are missing" in err
        assert f"consult-app restore {newest}" in err
    assert not database_path(data_dir).exists(), "no empty clinic was started"

    assert main(["restore", str(newest), *folder]) == 0
    assert main(["patients", *folder]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_an_empty_database_never_pushes_out_a_real_backup(data_dir: Path) -> None:
    real = [auto_backup(data_dir, TODAY + timedelta(days=day)) for day in range(14)]
    database_path(data_dir).unlink()
    Store.open(data_dir).close()  # a new, empty database in the real one's place

    for day in range(14, 30):
        assert auto_backup(data_dir, TODAY + timedelta(days=day)) is None

    assert daily_backups(data_dir) == real
    assert backup_dir(data_dir).is_dir()
