"""Printing from the main window: the sheet is previewed from the PDF and kept in the file."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from consult_app.store.commands import seed_demo
from consult_app.ui.main_window import MainWindow
from consult_app.ui.pdf_preview import PdfPreviewDialog


def test_ctrl_p_previews_the_open_patients_sheet_and_keeps_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    ctx = window.context
    patients = seed_demo(ctx.store, ctx.content, date.today(), actor=ctx.user.username)
    planned = next(p for p in patients if ctx.store.current_plan(p.id) is not None)
    window.patient_panel.open_patient(planned.id)
    window.print_action.trigger()
    preview = window.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitUntil(preview.isVisible)
    assert preview.page_count() >= 1
    [kept] = ctx.store.handouts_for(planned.id)
    assert kept.kind.value == "sheet"
    assert planned.details.family_name in preview.windowTitle() or planned.display_name in (
        preview.windowTitle()
    )


def test_without_a_patient_print_gives_a_general_handout_for_chosen_areas(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.selection.toggle("palms")
    window.print_action.trigger()
    preview = window.preview
    assert isinstance(preview, PdfPreviewDialog)
    assert "chosen areas" in preview.windowTitle()
    assert preview.page_count() >= 1


def test_consent_needs_an_open_visit(window: MainWindow) -> None:
    window.selection.toggle("glabella")
    window.consent_action.trigger()
    assert window.last_message is not None
    assert "start today's visit" in window.last_message.text()


def test_a_kept_sheet_prints_again_byte_for_byte(window: MainWindow, qtbot: QtBot) -> None:
    ctx = window.context
    patients = seed_demo(ctx.store, ctx.content, date.today(), actor=ctx.user.username)
    planned = next(p for p in patients if ctx.store.current_plan(p.id) is not None)
    window.patient_panel.open_patient(planned.id)
    window.print_action.trigger()
    first = window.preview
    assert isinstance(first, PdfPreviewDialog)
    handouts = window.patient_panel.front_desk.handouts
    assert handouts.count() == 1, "the new sheet is listed at once"
    handouts.setCurrentRow(0)
    qtbot.mouseClick(window.patient_panel.front_desk.reprint_button, Qt.MouseButton.LeftButton)
    again = window.preview
    assert isinstance(again, PdfPreviewDialog) and again is not first
    [kept] = ctx.store.handouts_for(planned.id)
    assert ctx.store.handout_pdf(kept.id) == again.pdf_bytes()
