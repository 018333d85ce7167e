"""Backups and restores are recorded in the audit trail."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from factories import details

from consult_app.cli import main
from consult_app.store import Store


def actions(folder: Path) -> list[tuple[str, object]]:
    with Store.open(folder) as store:
        assert store.audit.verify_audit() == []
        return [(e.action, e.detail.get("kind")) for e in store.audit.audit_trail()]


def test_backup_and_restore_commands_are_audited(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.patients.create_patient(details(given="Before"), date(2026, 11, 30))
    out = tmp_path / "copy.db"
    assert main(["backup", "--data-dir", str(folder), "--out", str(out)]) == 0
    assert ("backup", "manual") in actions(folder)
    assert main(["restore", "--data-dir", str(folder), str(out)]) == 0
    assert actions(folder)[0] == ("restore", "manual")
