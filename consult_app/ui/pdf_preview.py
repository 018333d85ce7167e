"""Preview a finished handout PDF, then print it or save it (optionally password protected).

QtPdf is a heavy import; the main window imports this module only when a preview is opened.
The bytes shown are the bytes printed and saved: nothing is laid out again.
"""

from __future__ import annotations

import errno
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QWheelEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.handout import HandoutError, encrypt_pdf
from consult_app.handout.security import MIN_PASSWORD_LENGTH
from consult_app.paths import write_private_file
from consult_app.ui.printing import PrintError, open_pdf, print_pdf
from consult_app.ui.window_state import fit_to_screen

ZOOM_STEP = 1.25
MIN_ZOOM = 0.25
MAX_ZOOM = 5.0


class SaveError(OSError):
    """A file could not be saved; the message says what happened and what to do."""


def _explain_os_error(exc: OSError, folder: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"The disk is full, so the file was not saved in {folder}. "
            "Free some space or choose another place."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"The folder {folder} cannot be written to (it is read-only or you do not have "
            "permission). Choose another folder."
        )
    if exc.errno == errno.ENOENT:
        return f"The folder {folder} does not exist any more. Choose another folder."
    reason = exc.strerror or str(exc)
    return (
        f"The file could not be saved in {folder} ({reason}). Choose another place and try again."
    )


def save_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by its owner only (0o600 on POSIX).

    All or nothing (:func:`~consult_app.paths.write_private_file`): a full disk or a crash
    never leaves a half-written handout. Raises :class:`SaveError` with a message for the user.
    """
    try:
        write_private_file(path, data)
    except OSError as exc:
        raise SaveError(exc.errno, _explain_os_error(exc, path.parent)) from exc


def default_save_folder() -> Path:
    """Return the user's Documents folder (home if there is none)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def _with_pdf_suffix(path: Path) -> Path:
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def _safe_file_name(name: str) -> str:
    """Return ``name`` without characters that are not allowed in file names."""
    cleaned = "".join("_" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in name).strip(" .")
    return cleaned or "handout.pdf"


class PdfPreviewDialog(QDialog):
    """Shows a handout PDF page by page, with Print…, Save as… and password protection.

    ``printed`` is emitted after the handout was sent to a printer and ``saved(Path)`` after
    it was written to a file, so the caller can record that the handout was issued.
    Open it with :meth:`open` (not ``exec``); it deletes nothing when closed.
    """

    printed = Signal()
    saved = Signal(object)

    def __init__(
        self, pdf: bytes, title: str, suggested_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(title)
        self.setAccessibleName(f"Preview: {title}")
        self._pdf = pdf
        self._suggested_name = _safe_file_name(_with_pdf_suffix(Path(suggested_name)).name)
        self._print_dialog: QPrintDialog | None = None
        self._printer: QPrinter | None = None

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setAccessibleName("Handout pages")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.document: QPdfDocument | None = None
        self.message = QLabel()
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        self.page_count_label = QLabel()
        self.page_count_label.setObjectName("pageCount")
        zoom_out = QPushButton("Zoom out")
        zoom_out.setObjectName("zoomOut")
        zoom_out.clicked.connect(self.zoom_out)
        zoom_in = QPushButton("Zoom in")
        zoom_in.setObjectName("zoomIn")
        zoom_in.clicked.connect(self.zoom_in)
        fit = QPushButton("Fit width")
        fit.setObjectName("fitWidth")
        fit.clicked.connect(self.fit_width)
        for button in (zoom_out, zoom_in, fit):
            button.setAutoDefault(False)
        top = QHBoxLayout()
        top.addWidget(self.page_count_label)
        top.addStretch(1)
        top.addWidget(zoom_out)
        top.addWidget(zoom_in)
        top.addWidget(fit)

        self.protect = QCheckBox("Protect with a password (for a sheet that will be emailed)")
        self.protect.setObjectName("protectWithPassword")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.password.setPlaceholderText(f"At least {MIN_PASSWORD_LENGTH} characters")
        self.password_again = QLineEdit()
        self.password_again.setObjectName("passwordAgain")
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again.setAccessibleName("Password again")
        self.password_box = QWidget()
        form = QFormLayout(self.password_box)
        form.setContentsMargins(24, 0, 0, 0)
        form.addRow("Password:", self.password)
        form.addRow("Type it again:", self.password_again)
        note = QLabel(
            "Tell the patient the password in person or by phone, never in the same email."
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.password_box.setVisible(False)
        self.protect.toggled.connect(self.password_box.setVisible)
        self.protect.toggled.connect(lambda _on: self._show_message(""))

        self.print_button = QPushButton("Print…")
        self.print_button.setObjectName("printHandout")
        self.print_button.clicked.connect(self.ask_to_print)
        self.save_button = QPushButton("Save as…")
        self.save_button.setObjectName("saveHandout")
        self.save_button.clicked.connect(self.ask_to_save)
        close = QPushButton("Close")
        close.setObjectName("closePreview")
        close.clicked.connect(self.reject)
        for button in (self.print_button, self.save_button, close):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.protect)
        layout.addWidget(self.password_box)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn), self, self.zoom_in)
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut), self, self.zoom_out)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.ask_to_print)

        self.view.viewport().installEventFilter(self)
        self._load()
        fit_to_screen(self, 820, 1000)

    # Loading -----------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            self.document = open_pdf(self._pdf, self)
        except PrintError as exc:
            self.page_count_label.setText("No pages")
            self._show_message(str(exc))
            self.print_button.setEnabled(False)
            self.save_button.setEnabled(False)
            self.protect.setEnabled(False)
            return
        self.view.setDocument(self.document)
        count = self.document.pageCount()
        self.page_count_label.setText(f"{count} page" if count == 1 else f"{count} pages")

    def pdf_bytes(self) -> bytes:
        """Return the PDF shown, exactly as it prints (unprotected)."""
        return self._pdf

    def page_count(self) -> int:
        """Return the number of pages shown (0 if the PDF could not be read)."""
        return self.document.pageCount() if self.document is not None else 0

    def _show_message(self, text: str, *, error: bool = True) -> None:
        self.message.setText(text)
        colour = "#9b1c1c" if error else "#1e5631"
        self.message.setStyleSheet(
            f"QLabel#previewMessage {{ color: {colour}; font-weight: bold; }}"
        )
        self.message.setVisible(bool(text))

    # Zoom --------------------------------------------------------------------------------

    def zoom(self) -> float:
        """Return the zoom factor in effect (1.0 is actual size), also when fitting the width."""
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth or self.document is None:
            return float(self.view.zoomFactor())
        # In fit-to-width mode QPdfView keeps zoomFactor unchanged and scales internally.
        widest = max(self.document.pagePointSize(page).width() for page in range(self.page_count()))
        margins = self.view.documentMargins()
        room = self.view.viewport().width() - margins.left() - margins.right()
        return max(MIN_ZOOM, room / (widest * self.view.logicalDpiX() / 72.0))

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(MIN_ZOOM, min(MAX_ZOOM, factor)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl + mouse wheel zooms, as in every document viewer.
        if (
            watched is self.view.viewport()
            and isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            steps = event.angleDelta().y() / 120
            if steps:
                self._set_zoom(self.zoom() * ZOOM_STEP**steps)
            return True
        return super().eventFilter(watched, event)

    def zoom_in(self) -> None:
        """Make the pages bigger."""
        self._set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        """Make the pages smaller."""
        self._set_zoom(self.zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        """Fit the page width to the window."""
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # Printing ----------------------------------------------------------------------------

    def ask_to_print(self) -> None:
        """Open the system print dialog; print when it is accepted."""
        if self.document is None:
            return
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(self._printer, self)
        dialog.setWindowTitle("Print the handout")
        dialog.setMinMax(1, self.page_count())
        dialog.finished.connect(self._print_dialog_finished)
        self._print_dialog = dialog
        QDialog.open(dialog)

    def _print_dialog_finished(self, result: int) -> None:
        dialog, self._print_dialog = self._print_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted.value or self._printer is None:
            return
        self.print_to(self._printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Print the handout on ``printer``; show what went wrong if it fails."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = print_pdf(self._pdf, printer)
        except PrintError as exc:
            self._show_message(str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_message(
            f"Sent {pages} page{'s' if pages != 1 else ''} to the printer.", error=False
        )
        self.printed.emit()
        return True

    # Saving ------------------------------------------------------------------------------

    def _bytes_to_save(self) -> bytes | None:
        """Return the bytes to write (encrypted if asked), or None after showing why not."""
        if not self.protect.isChecked():
            return self._pdf
        password = self.password.text()
        if password != self.password_again.text():
            self._show_message("The 2 passwords are not the same. Type them again.")
            self.password_again.setFocus()
            return None
        try:
            return encrypt_pdf(self._pdf, password)
        except HandoutError as exc:
            self._show_message(str(exc))
            self.password.setFocus()
            return None

    def ask_to_save(self) -> None:
        """Ask where to save the handout, then save it there."""
        if self.document is None:
            return
        data = self._bytes_to_save()
        if data is None:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            "Save the handout",
            str(default_save_folder() / self._suggested_name),
            "PDF files (*.pdf)",
        )
        if not chosen:
            return
        self.save_to(_with_pdf_suffix(Path(chosen)), data)

    def save_to(self, path: Path, data: bytes | None = None) -> bool:
        """Write the handout (or ``data``) to ``path``; show what went wrong if it fails."""
        if data is None:
            data = self._bytes_to_save()
            if data is None:
                return False
        try:
            save_private_file(path, data)
        except SaveError as exc:
            self._show_message(exc.strerror or str(exc))
            return False
        protected = " with a password" if data is not self._pdf else ""
        self._show_message(f"Saved{protected} as {path}.", error=False)
        self.saved.emit(path)
        return True
