"""Reception's printing: Ctrl+P prints the latest sheet the practitioner issued, exactly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from consult_app.app import create_main_window
from consult_app.demo import seed_demo
from consult_app.domain.access import Role, User
from consult_app.domain.models import Patient
from consult_app.store.access import AccessDeniedError
from consult_app.store.documents import HandoutKind
from consult_app.ui.main_window import MainWindow
from consult_app.ui.pdf_preview import PdfPreviewDialog

DESK = User(0, "desk", "Front desk", Role.RECEPTION)


def on_screen(window: MainWindow) -> list[str]:
    """Return the text of every label and text field in the window."""
    texts = [w.text() for w in window.findChildren(QLabel) + window.findChildren(QLineEdit)]
    texts += [w.toPlainText() for w in window.findChildren(QPlainTextEdit)]
    return texts


@pytest.fixture
def planned(window: MainWindow) -> Patient:
    ctx = window.context
    patients = seed_demo(ctx.store, ctx.content, date.today())
    return next(p for p in patients if ctx.store.visits.current_plan(p.id) is not None)


@pytest.fixture
def desk_window(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    win = create_main_window(data_dir, user=DESK)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_reception_ctrl_p_says_no_sheet_was_issued_yet(
    window: MainWindow, planned: Patient, desk_window: MainWindow
) -> None:
    desk_window.patient_panel.open_patient(planned.id)
    goals = window.context.store.visits.latest_goals(planned.id)
    assert goals, "the demo patient has goals in their own words"
    shown = " ".join(on_screen(desk_window))
    assert planned.details.family_name in shown, "her file is open"
    assert all(goal.concern not in shown for goal in goals)
    desk_window.print_action.trigger()
    assert desk_window.preview is None, "no new sheet is built for reception"
    message = desk_window.last_message
    assert message is not None and "No information sheet has been issued" in message.text()
    assert desk_window.context.store.documents.handouts_for(planned.id) == []


def test_reception_ctrl_p_reprints_the_latest_issued_sheet_byte_for_byte(
    window: MainWindow, planned: Patient, desk_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    practitioner = window.context
    older = practitioner.handouts.issue(
        practitioner.handouts.prepare_sheet(planned.id, date.today())
    )
    generic = practitioner.handouts.issue(practitioner.handouts.prepare_generic((), date.today()))
    latest = practitioner.handouts.issue(
        practitioner.handouts.prepare_sheet(planned.id, date.today())
    )
    assert older.record.id < latest.record.id and generic.record.kind is HandoutKind.GENERIC
    desk_window.patient_panel.open_patient(planned.id)
    desk_window.print_action.trigger()
    preview = desk_window.preview
    assert isinstance(preview, PdfPreviewDialog)
    assert "re-print" in preview.windowTitle()
    assert not preview.view.isVisible(), "the patient's own words are not shown at reception"
    assert latest.record.reference in preview.message.text()
    assert preview.save_to(tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == latest.pdf
    kept = desk_window.context.store.documents.handouts_for(planned.id)
    assert len(kept) == 2, "a re-print issues nothing new"


def test_the_store_builds_no_sheet_and_keeps_no_personal_handout_for_reception(
    window: MainWindow, planned: Patient, desk_window: MainWindow
) -> None:
    desk = desk_window.context
    with pytest.raises(AccessDeniedError):
        desk.store.documents.sheet_facts(planned.id)
    prepared = window.context.handouts.prepare_sheet(planned.id, date.today())
    with pytest.raises(AccessDeniedError):
        desk.handouts.issue(prepared)
    assert desk.store.documents.handouts_for(planned.id) == []
    generic = desk.handouts.issue(desk.handouts.prepare_generic(("palms",), date.today()))
    assert generic.record.kind is HandoutKind.GENERIC
