"""A window left open makes the next day's backup, and records it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from factories import details

from consult_app.store import Store
from consult_app.store.backup import daily_backups
from consult_app.ui.main_window import MainWindow


def daily_entries(folder: Path) -> int:
    with Store.open(folder) as store:
        assert store.audit.verify_audit() == []
        entries = store.audit.audit_trail()
    return sum(1 for e in entries if (e.action, e.detail.get("kind")) == ("backup", "daily"))


def test_open_window_makes_todays_backup_once(window: MainWindow) -> None:
    folder = window.context.data_dir
    assert window.daily_backup() is None, "a database without patients is not copied"
    store = window.context.store
    store.patients.create_patient(details(given="Amira"), date.today())
    made = window.daily_backup()
    assert made is not None and made in daily_backups(folder)
    assert window.daily_backup() is None
    assert daily_entries(folder) == 1
    assert window.backup_timer.isActive()
