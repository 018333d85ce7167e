"""'consult-app import' refuses what is not an export file, promptly and plainly."""

from __future__ import annotations

import os
import threading
from datetime import date
from pathlib import Path

import pytest
from factories import details, goal, make_content

from consult_app.cli import main
from consult_app.store import Store


def run_import(folder: Path, file: Path) -> list[int]:
    """Run the import in a thread, so that a hang fails the test instead of stopping it."""
    codes: list[int] = []
    thread = threading.Thread(
        target=lambda: codes.append(main(["import", "--data-dir", str(folder), str(file)])),
        daemon=True,
    )
    thread.start()
    thread.join(timeout=20)
    if thread.is_alive() and file.exists() and not file.is_file():
        with file.open("wb"):  # let a reader stuck on the pipe see its end
            pass
        thread.join(timeout=5)
        pytest.fail("the import waited for the pipe to be written")
    return codes


def nothing_imported(folder: Path) -> bool:
    with Store.open(folder) as store:
        return store.patients.search_patients("") == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pipe = tmp_path / "record.json"
    os.mkfifo(pipe)
    assert run_import(tmp_path / "data", pipe) == [1]
    err = capsys.readouterr().err
    assert f"{pipe} is not a file (it is a folder, a pipe or a device). Nothing was changed." in err
    assert nothing_imported(tmp_path / "data")


def test_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_import(tmp_path / "data", tmp_path) == [1]
    assert "is not a file" in capsys.readouterr().err


def test_a_file_larger_than_any_record_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as file:
        file.truncate(64 * 2**20)  # sparse: large, yet cheap to make
    assert run_import(tmp_path / "data", big) == [1]
    err = capsys.readouterr().err
    assert "it is larger than 16 MB, far more than any record. Nothing was changed." in err
    assert nothing_imported(tmp_path / "data")


def test_tracebacks_become_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "source"
    with Store.open(source) as store:
        patient = store.patients.create_patient(details(given="Zoë"), date(2026, 12, 2))
        visit = store.visits.start_visit(patient.id)
        store.visits.save_goal(visit.id, goal(), make_content())
    export = tmp_path / "record.json"
    assert main(["export", "--data-dir", str(source), "--patient", "1", "--out", str(export)]) == 0
    capsys.readouterr()
    text = export.read_text(encoding="utf-8")
    assert '"Zoë"' in text and '"priority": 1' in text
    for bad in (
        text.replace('"priority": 1', '"priority": 18446744073709551616'),
        text.replace('"Zoë"', '"Zo\\ud800"'),
        '{"format": "consult-app-patient", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ):
        file = tmp_path / "bad.json"
        file.write_text(bad, encoding="utf-8")
        assert run_import(tmp_path / "data", file) == [1]
        err = capsys.readouterr().err
        assert err.startswith("consult-app: The file cannot be imported: ")
        assert "Traceback" not in err
    assert nothing_imported(tmp_path / "data")
