"""Missing records with backups: the app offers the newest backup or quits; never starts afresh."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from factories import details
from PySide6.QtWidgets import QApplication

from consult_app.app import run_gui
from consult_app.store import Store
from consult_app.store.audit import AuditFilter
from consult_app.store.backup import auto_backup, database_path
from consult_app.ui.startup_errors import MissingRecordsDialog


@pytest.fixture
def lost_records(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.patients.create_patient(details(given="Amira"), date(2025, 6, 15))
    assert auto_backup(folder, date(2025, 6, 15)) is not None
    database_path(folder).unlink()
    return folder


def answer_with(monkeypatch: pytest.MonkeyPatch, choice: str, shown: list[str]) -> None:
    def fake_exec(dialog: MissingRecordsDialog) -> int:
        shown.append(dialog.informativeText())
        getattr(dialog, f"{choice}_button").click()
        return 0

    monkeypatch.setattr(MissingRecordsDialog, "exec", fake_exec)


def test_quitting_leaves_the_folder_as_it_was(
    lost_records: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    shown: list[str] = []
    answer_with(monkeypatch, "quit", shown)

    assert run_gui(str(lost_records), None) == 1

    [text] = shown
    assert "consult-app restore" in text and "consult-2025-06-15.db" in text
    assert not database_path(lost_records).exists(), "no empty clinic was started"


def test_restoring_the_newest_backup_then_starts_on_it(
    lost_records: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    from consult_app.ui import sign_in

    shown: list[str] = []
    answer_with(monkeypatch, "restore", shown)
    monkeypatch.setattr(sign_in, "ask_sign_in", lambda *args, **kwargs: None)

    assert run_gui(str(lost_records), None) == 0

    assert len(shown) == 1
    with Store.open(lost_records) as store:
        assert [p.details.given_name for p in store.patients.search_patients("")] == ["Amira"]
        [entry] = store.audit.audit_trail(AuditFilter(action="restore"))
    assert entry.detail["kind"] == "missing_records"
