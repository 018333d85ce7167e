"""Printing from the main window: a handout is previewed from its PDF and is issued (kept in
the patient's file) only once it is printed or saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from consult_app.demo import seed_demo
from consult_app.domain.models import Patient
from consult_app.ui.main_window import MainWindow
from consult_app.ui.pdf_preview import PdfPreviewDialog


@pytest.fixture
def planned(window: MainWindow) -> Patient:
    ctx = window.context
    patients = seed_demo(ctx.store, ctx.content, date.today())
    patient = next(p for p in patients if ctx.store.visits.current_plan(p.id) is not None)
    window.patient_panel.open_patient(patient.id)
    return patient


def preview_of(window: MainWindow) -> PdfPreviewDialog:
    preview = window.preview
    assert isinstance(preview, PdfPreviewDialog)
    return preview


def test_ctrl_p_previews_the_sheet_and_saving_issues_it_once(
    window: MainWindow, planned: Patient, qtbot: QtBot, tmp_path: Path
) -> None:
    ctx = window.context
    window.print_action.trigger()
    preview = preview_of(window)
    qtbot.waitUntil(preview.isVisible)
    assert preview.page_count() == 3
    assert planned.details.family_name in preview.windowTitle()
    assert ctx.store.documents.handouts_for(planned.id) == [], "a preview alone is not issued"
    assert preview.save_to(tmp_path / "sheet.pdf")
    [kept] = ctx.store.documents.handouts_for(planned.id)
    assert kept.kind.value == "sheet"
    assert ctx.store.documents.handout_pdf(kept.id) == (tmp_path / "sheet.pdf").read_bytes()
    assert window.patient_panel.front_desk.handouts.count() == 1, "listed at once"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer)
    assert len(ctx.store.documents.handouts_for(planned.id)) == 1, "printing the same preview again"


def test_a_closed_preview_leaves_no_record(
    window: MainWindow, planned: Patient, qtbot: QtBot
) -> None:
    window.print_action.trigger()
    preview_of(window).reject()
    assert window.context.store.documents.handouts_for(planned.id) == []


def test_without_a_patient_print_gives_a_general_handout_for_chosen_areas(
    window: MainWindow, tmp_path: Path
) -> None:
    window.selection.toggle("palms")
    window.print_action.trigger()
    preview = preview_of(window)
    assert "chosen areas" in preview.windowTitle()
    assert preview.page_count() >= 1
    assert preview.save_to(tmp_path / "generic.pdf")


def test_consent_needs_an_open_visit(window: MainWindow) -> None:
    window.selection.toggle("glabella")
    window.consent_action.trigger()
    assert window.last_message is not None
    assert "start today's visit" in window.last_message.text()


def test_a_kept_sheet_prints_again_byte_for_byte(
    window: MainWindow, planned: Patient, qtbot: QtBot, tmp_path: Path
) -> None:
    ctx = window.context
    window.print_action.trigger()
    first = preview_of(window)
    assert first.save_to(tmp_path / "first.pdf")
    handouts = window.patient_panel.front_desk.handouts
    handouts.setCurrentRow(0)
    qtbot.mouseClick(window.patient_panel.front_desk.reprint_button, Qt.MouseButton.LeftButton)
    again = preview_of(window)
    assert again is not first
    assert again.pdf_bytes() == (tmp_path / "first.pdf").read_bytes()
    assert len(ctx.store.documents.handouts_for(planned.id)) == 1


def test_letters_the_sheet_cannot_print_are_named_before_the_preview(
    window: MainWindow, planned: Patient, qtbot: QtBot
) -> None:
    ctx = window.context
    renamed = replace(planned.details, given_name="தமிழ்")
    ctx.store.patients.update_patient(planned.id, renamed, date.today())
    window.print_action.trigger()
    message = window.last_message
    assert message is not None
    assert message.windowTitle() == "Some letters cannot be printed"
    assert "த ம ழ" in message.text()
    assert preview_of(window).page_count() == 3  # the sheet is still shown, to check


def test_arabic_and_chinese_names_print_without_a_warning(
    window: MainWindow, planned: Patient, qtbot: QtBot
) -> None:
    ctx = window.context
    renamed = replace(planned.details, given_name="هالة", family_name="李")
    ctx.store.patients.update_patient(planned.id, renamed, date.today())
    window.last_message = None
    window.print_action.trigger()
    assert window.last_message is None
    assert preview_of(window).page_count() == 3
