"""Previewing, printing and saving a handout PDF, as reception would."""

from __future__ import annotations

import errno
import io
import os
import stat
from pathlib import Path

import pikepdf
import pypdf
import pytest
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from consult_app.ui.pdf_preview import PdfPreviewDialog, save_private_file
from consult_app.ui.printing import PrintError, open_pdf, print_pdf, render_page


def make_pdf(pages: int, *, landscape_last: bool = False) -> bytes:
    """Return a PDF with ``pages`` numbered pages."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=True)
    for number in range(1, pages + 1):
        if landscape_last and number == pages:
            pdf.setPageSize(landscape(A4))
        pdf.setFont("Helvetica", 36)
        pdf.drawString(72, 400, f"Page {number} of the handout")
        pdf.rect(40 + 80 * number, 560, 100, 100, fill=1)  # moves with the page number
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def read_pdf(path: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(str(path))


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def page_image(pdf: bytes, page: int) -> QImage:
    document = open_pdf(pdf)
    try:
        return render_page(document, page, 36).convertToFormat(QImage.Format.Format_Grayscale8)
    finally:
        document.close()


def ink_difference(a: QImage, b: QImage) -> float:
    """Return how many pixels are dark in one image and light in the other, per dark pixel of a."""
    differ = ink = 0
    for y in range(a.height()):
        for x in range(a.width()):
            dark_a = a.pixelColor(x, y).lightness() < 128
            ink += dark_a
            differ += dark_a != (b.pixelColor(x, y).lightness() < 128)
    return differ / max(1, ink)


@pytest.fixture
def preview(qtbot: QtBot) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(make_pdf(3), "Information sheet", "Jane Doe 2025-01-31.pdf")
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[str]:
    """Make the save dialog answer ``path`` (None: the user cancels); return the suggestions."""
    suggested: list[str] = []

    def fake(_parent: object, _caption: str, start: str, _filter: str) -> tuple[str, str]:
        suggested.append(start)
        return (str(path) if path is not None else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return suggested


def test_preview_shows_every_page(preview: PdfPreviewDialog) -> None:
    assert preview.page_count() == 3
    assert preview.page_count_label.text() == "3 pages"
    assert preview.view.document() is preview.document
    assert not preview.message.isVisible()


def press(dialog: QWidget, name: str) -> None:
    """Click the dialog's button called ``name``."""
    found = dialog.findChild(QPushButton, name)
    assert found is not None, name
    found.click()


def test_zoom_buttons_change_the_page_size(preview: PdfPreviewDialog, qtbot: QtBot) -> None:
    def scroll_height() -> int:
        return preview.view.verticalScrollBar().maximum()

    fitted_zoom, fitted = preview.zoom(), scroll_height()
    assert 0.5 < fitted_zoom < 2
    press(preview, "zoomIn")
    assert preview.zoom() == pytest.approx(fitted_zoom * 1.25)
    qtbot.waitUntil(lambda: scroll_height() > fitted)
    press(preview, "zoomOut")
    press(preview, "zoomOut")
    qtbot.waitUntil(lambda: scroll_height() < fitted)
    press(preview, "fitWidth")
    qtbot.waitUntil(lambda: scroll_height() == fitted)


def test_a_broken_pdf_shows_a_message_and_cannot_be_printed(qtbot: QtBot) -> None:
    dialog = PdfPreviewDialog(b"not a pdf at all", "Sheet", "sheet.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.page_count() == 0
    assert "could not be read" in dialog.message.text()
    assert not dialog.print_button.isEnabled()
    assert not dialog.save_button.isEnabled()


def test_print_pdf_prints_one_page_per_pdf_page(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    assert print_pdf(make_pdf(3, landscape_last=True), pdf_printer(out)) == 3
    reader = read_pdf(out)
    assert len(reader.pages) == 3
    first, last = reader.pages[0].mediabox, reader.pages[2].mediabox
    assert float(first.height) > float(first.width)  # portrait, as in the PDF
    assert float(last.width) > float(last.height)  # landscape, as in the PDF
    assert round(float(first.width)) == round(A4[0])
    # The printed page looks like the PDF page: same ink in the same places.
    for page in (0, 2):
        original = page_image(make_pdf(3, landscape_last=True), page)
        printed = page_image(out.read_bytes(), page)
        assert original.size() == printed.size()
        assert ink_difference(original, printed) < 0.25  # a blank or wrong page gives > 1


def test_print_pdf_honours_a_page_range(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_pdf(make_pdf(4), printer) == 2
    assert len(read_pdf(out).pages) == 2


@pytest.mark.parametrize("bad", [b"", b"%PDF-1.4 truncated"])
def test_print_pdf_refuses_an_empty_or_broken_pdf(qtbot: QtBot, tmp_path: Path, bad: bytes) -> None:
    with pytest.raises(PrintError, match="Build it again"):
        print_pdf(bad, pdf_printer(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_print_button_prints_through_the_print_dialog(
    preview: PdfPreviewDialog, qtbot: QtBot, tmp_path: Path
) -> None:
    out = tmp_path / "printed.pdf"
    preview.print_button.click()
    print_dialog = preview.findChild(QPrintDialog)
    assert print_dialog is not None
    printer = print_dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    with qtbot.waitSignal(preview.printed, timeout=5000):
        QDialog.done(print_dialog, QDialog.DialogCode.Accepted.value)
    assert len(read_pdf(out).pages) == 3
    assert "Sent 3 pages" in preview.message.text()


def test_cancelling_the_print_dialog_prints_nothing(
    preview: PdfPreviewDialog, qtbot: QtBot
) -> None:
    preview.print_button.click()
    print_dialog = preview.findChild(QPrintDialog)
    assert print_dialog is not None
    with qtbot.assertNotEmitted(preview.printed):
        QDialog.done(print_dialog, QDialog.DialogCode.Rejected.value)


def test_save_as_writes_the_same_bytes_owner_only(
    preview: PdfPreviewDialog, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "sheet"  # no suffix typed: .pdf is added
    suggested = choose_file(monkeypatch, target)
    with qtbot.waitSignal(preview.saved) as blocker:
        preview.save_button.click()
    saved = tmp_path / "sheet.pdf"
    assert blocker.args == [saved]
    assert suggested[0].endswith("Jane Doe 2025-01-31.pdf")
    assert saved.read_bytes() == make_pdf(3)
    if os.name == "posix":
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]


def test_save_replaces_an_existing_file_and_tightens_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    save_private_file(target, b"new bytes")
    assert target.read_bytes() == b"new bytes"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_cancelling_save_writes_nothing(
    preview: PdfPreviewDialog, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_file(monkeypatch, None)
    with qtbot.assertNotEmitted(preview.saved):
        preview.save_button.click()
    assert list(tmp_path.iterdir()) == []


def test_password_protected_save_opens_only_with_the_password(
    preview: PdfPreviewDialog, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "emailed.pdf"
    choose_file(monkeypatch, target)
    preview.protect.setChecked(True)
    assert preview.password.isVisible()
    qtbot.keyClicks(preview.password, "tulip-42")
    qtbot.keyClicks(preview.password_again, "tulip-42")
    with qtbot.waitSignal(preview.saved):
        preview.save_button.click()
    assert b"/Encrypt" in target.read_bytes()
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(target)
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(target, password="wrong-password")
    with pikepdf.open(target, password="tulip-42") as document:
        assert document.encryption.R == 6  # AES-256
        plain = io.BytesIO()
        document.save(plain)
    opened = pypdf.PdfReader(plain)
    assert len(opened.pages) == 3
    assert "Page 1 of the handout" in opened.pages[0].extract_text()
    assert "with a password" in preview.message.text()


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("tulip-42", "tulip-43", "not the same"), ("abc", "abc", "too short")],
)
def test_bad_passwords_are_explained_and_nothing_is_saved(
    preview: PdfPreviewDialog,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    first: str,
    second: str,
    expected: str,
) -> None:
    suggested = choose_file(monkeypatch, tmp_path / "emailed.pdf")
    preview.protect.setChecked(True)
    qtbot.keyClicks(preview.password, first)
    qtbot.keyClicks(preview.password_again, second)
    with qtbot.assertNotEmitted(preview.saved):
        preview.save_button.click()
    assert expected in preview.message.text()
    assert suggested == []  # the file dialog was not even opened
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [(errno.ENOSPC, "disk is full"), (errno.EROFS, "cannot be written to")],
)
def test_a_failed_write_is_explained_and_leaves_no_file(
    preview: PdfPreviewDialog,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    expected: str,
) -> None:
    choose_file(monkeypatch, tmp_path / "sheet.pdf")
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        real_fsync(fd)
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with qtbot.assertNotEmitted(preview.saved):
        preview.save_button.click()
    assert expected in preview.message.text()
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_written_is_explained(
    preview: PdfPreviewDialog, qtbot: QtBot, tmp_path: Path
) -> None:
    missing = tmp_path / "gone" / "sheet.pdf"
    assert not preview.save_to(missing)
    assert "does not exist" in preview.message.text()
