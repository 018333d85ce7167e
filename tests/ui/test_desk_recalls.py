"""Reception works the recall list through the window: filters, contacts, snoozes, exports."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from handout_pdf import text_of
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from consult_app.app import create_main_window
from consult_app.content.models import AreaKind
from consult_app.demo import seed_demo
from consult_app.domain.access import Role, User
from consult_app.domain.models import Patient
from consult_app.domain.recalls import ContactMethod
from consult_app.ui.main_window import MainWindow
from consult_app.ui.patient_file.recall_dialog import RecallDialog
from consult_app.ui.pdf_preview import PdfPreviewDialog

LEFT = Qt.MouseButton.LeftButton
DESK = User(0, "desk", "Front desk", Role.RECEPTION)
#: What the demo keeps that reception must never see in the recall work.
CLINICAL = ("Lines when I smile", "Wet shirts", "Deep frown", "Fictional patient", "DEMO-001")


@pytest.fixture
def demo(window: MainWindow) -> list[Patient]:
    ctx = window.context
    return seed_demo(ctx.store, ctx.content, date.today())


@pytest.fixture
def desk_window(qtbot: QtBot, data_dir: Path, demo: list[Patient]) -> Iterator[MainWindow]:
    win = create_main_window(data_dir, user=DESK)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def recall_dialog(window: MainWindow, qtbot: QtBot) -> RecallDialog:
    window.recall_action.trigger()
    dialog = window.patient_panel.recall_dialog
    assert isinstance(dialog, RecallDialog)
    qtbot.addWidget(dialog)
    dialog.days.setValue(120)
    return dialog


def cell(dialog: RecallDialog, row: int, col: int) -> str:
    item = dialog.table.item(row, col)
    assert item is not None
    return item.text()


def rows(dialog: RecallDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [cell(dialog, r, c) for c in range(table.columnCount())] for r in range(table.rowCount())
    ]


def choose_row(dialog: RecallDialog, name: str) -> None:
    [row] = [i for i, r in enumerate(dialog.recalls) if r.name.startswith(name)]
    dialog.table.selectRow(row)


def test_reception_filters_the_list_by_family_range_and_practitioner(
    desk_window: MainWindow, qtbot: QtBot
) -> None:
    dialog = recall_dialog(desk_window, qtbot)
    names = [r.name for r in dialog.recalls]
    assert {"Sam Taylor", "Mei Lin"} <= set(names)
    shown = repr(rows(dialog))
    assert all(secret not in shown for secret in CLINICAL)
    dialog.family.setCurrentIndex(dialog.family.findData(AreaKind.SWEATING.value))
    assert [r.name for r in dialog.recalls] == ["Sam Taylor"]
    dialog.family.setCurrentIndex(0)
    # From today on: the overdue ones leave the list.
    overdue = [r.name for r in dialog.recalls if r.due < date.today()]
    dialog.overdue.setChecked(False)
    assert dialog.due_from.isEnabled()
    assert not set(overdue) & {r.name for r in dialog.recalls}
    assert all(r.due >= date.today() for r in dialog.recalls)
    dialog.overdue.setChecked(True)
    practitioner = desk_window.context.store.recall_desk.recall_list(date.today(), dialog.wanted())[
        0
    ].practitioner
    index = dialog.practitioner.findData(practitioner)
    assert index > 0, "each practitioner with recalls is offered"
    dialog.practitioner.setCurrentIndex(index)
    assert [r.name for r in dialog.recalls] == names


def test_reception_records_a_contact_snoozes_and_opens_the_patient(
    desk_window: MainWindow, qtbot: QtBot
) -> None:
    dialog = recall_dialog(desk_window, qtbot)
    assert not dialog.contact.record_button.isEnabled(), "nothing chosen yet"
    choose_row(dialog, "Mei")
    box = dialog.contact
    box.method.setCurrentIndex(box.method.findData(ContactMethod.SMS.value))
    qtbot.keyClicks(box.note, "Asked to call back")
    qtbot.mouseClick(box.record_button, LEFT)
    [mei] = [r for r in dialog.recalls if r.name == "Mei Lin"]
    assert mei.last_contact is not None
    assert (mei.last_contact.method, mei.last_contact.recorded_by) == (ContactMethod.SMS, "desk")
    assert mei.last_contact.note == "Asked to call back"
    row = dialog.recalls.index(mei)
    assert cell(dialog, row, 4).startswith("Text message")
    assert box.note.text() == "", "cleared once recorded"
    # A contact dated tomorrow is refused, and the note typed stays.
    choose_row(dialog, "Mei")
    box.contacted_on.setDate(box.contacted_on.date().addDays(1))
    qtbot.keyClicks(box.note, "Typo date")
    qtbot.mouseClick(box.record_button, LEFT)
    assert "in the future" in box.message.text()
    assert box.note.text() == "Typo date"
    # Snoozed a week: gone from the list until then.
    box.snooze_to.setDate(box.snooze_to.date())
    qtbot.mouseClick(box.snooze_button, LEFT)
    assert "Mei Lin" not in [r.name for r in dialog.recalls]
    until = date.today() + timedelta(days=7)
    store = desk_window.context.store
    [snooze, contact] = store.recall_desk.recall_contacts(mei.patient_id, mei.due)
    assert (snooze.snoozed_until, contact.method) == (until, ContactMethod.SMS)
    # Opening a patient from the list opens their file in the window.
    choose_row(dialog, "Sam")
    qtbot.mouseClick(dialog.open_button, LEFT)
    [sam] = [r.patient_id for r in dialog.recalls if r.name == "Sam Taylor"]
    assert desk_window.patient_panel.current_patient_id == sam


def test_the_csv_export_and_call_list_carry_nothing_clinical(
    desk_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = recall_dialog(desk_window, qtbot)
    out = tmp_path / "recalls.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dialog.export_button, LEFT)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "patient_id,name,phone,due,kind"
    assert len(lines) == 1 + len(dialog.recalls)
    first = dialog.recalls[0]
    assert lines[1].split(",") == [
        str(first.patient_id),
        first.name,
        first.phone,
        first.due.isoformat(),
        first.kind.value,
    ]
    assert out.stat().st_mode & 0o077 == 0, "private to this account"
    qtbot.mouseClick(dialog.print_button, LEFT)
    preview = dialog.preview
    assert isinstance(preview, PdfPreviewDialog)
    text = text_of(preview.pdf_bytes())
    assert "Recall call list" in text and "Sam Taylor" in text
    for secret in CLINICAL:
        assert secret not in text and secret not in out.read_text(encoding="utf-8")
    # A folder that cannot be written: a clear message, nothing lost from the list.
    assert not dialog.export_csv(tmp_path / "missing" / "recalls.csv")
    assert "was not saved" in dialog.message.text()
