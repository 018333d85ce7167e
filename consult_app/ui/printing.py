"""Print a finished handout PDF exactly as it is: each PDF page becomes one printed page.

The PDF is rasterised with QtPdf (PDFium) rather than re-laid-out, so what the patient takes
home is the same document that was previewed, saved or emailed. QtPdf is a heavy import:
only the dialogs that print import this module, and only when they are first opened.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

#: Highest resolution a page is rendered at. Printers report up to 1200 dpi or more, and an
#: A4 page at 1200 dpi is a 550 MB image; 300 dpi is sharp for text and line drawings.
MAX_RENDER_DPI = 300

_POINTS_PER_INCH = 72.0


class PrintError(RuntimeError):
    """A handout could not be printed; the message says what happened and what to do."""


def open_pdf(pdf: bytes, parent: QObject | None = None) -> QPdfDocument:
    """Return a loaded QPdfDocument for ``pdf``; raise :class:`PrintError` if it is not a PDF.

    The document reads from a QBuffer that it owns, so the bytes stay alive with it.
    """
    if not pdf:
        raise PrintError(
            "The handout is empty, so there is nothing to show or print. Build it again."
        )
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)  # synchronous for an in-memory buffer
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        document.close()
        document.deleteLater()
        raise PrintError(
            "The handout could not be read as a PDF (it may be damaged or password protected). "
            "Build it again."
        )
    return document


def _use_page_size(printer: QPrinter, point_size: QSizeF) -> None:
    """Set the printer's paper size and orientation to the PDF page's.

    Size and orientation are set on their own: a real printer may refuse zero margins, and
    the page is drawn edge to edge with ``fullPage`` anyway.
    """
    width, height = point_size.width(), point_size.height()
    landscape = width > height
    portrait = QSizeF(height, width) if landscape else QSizeF(width, height)
    page_size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageSize(page_size)
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )


def _fit(image: QImage, window: QRectF) -> QRectF:
    """Return the largest rectangle with the image's shape, centred in ``window``.

    Equal to ``window`` when the paper matches the PDF page; a printer that kept its own
    paper size gets the page scaled down without stretching.
    """
    scale = min(window.width() / image.width(), window.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    return QRectF(
        window.x() + (window.width() - width) / 2,
        window.y() + (window.height() - height) / 2,
        width,
        height,
    )


def render_page(document: QPdfDocument, page: int, dpi: int) -> QImage:
    """Return ``page`` rendered at ``dpi`` on a white background."""
    points = document.pagePointSize(page)
    size = QSize(
        max(1, round(points.width() * dpi / _POINTS_PER_INCH)),
        max(1, round(points.height() * dpi / _POINTS_PER_INCH)),
    )
    rendered = document.render(page, size)
    # PDFium leaves unpainted areas transparent; paper is white, and an opaque image keeps
    # the print job (and a "print to PDF" file) small.
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image


def _pages_to_print(printer: QPrinter, page_count: int) -> range:
    """Return the 0-based pages the printer was asked for (all of them by default)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = printer.fromPage()
        last = printer.toPage() if printer.toPage() > 0 else page_count
        first, last = max(1, first), min(page_count, last)
        if first > last:
            raise PrintError(
                f"The pages chosen ({printer.fromPage()} to {printer.toPage()}) are not in this "
                f"handout, which has {page_count} pages. Choose pages 1 to {page_count}."
            )
        return range(first - 1, last)
    return range(page_count)


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print every page of ``pdf`` on ``printer``, one printed page per PDF page.

    Each printed page takes its size and orientation from the PDF page, and the page is drawn
    edge to edge (the PDF carries its own margins). Honours a page range chosen in the print
    dialog. Returns the number of pages printed; raises :class:`PrintError` for an empty or
    unreadable PDF or a printer that cannot start.
    """
    document = open_pdf(pdf)
    try:
        pages = _pages_to_print(printer, document.pageCount())
        dpi = max(72, min(printer.resolution(), MAX_RENDER_DPI))
        printer.setFullPage(True)
        _use_page_size(printer, document.pagePointSize(pages[0]))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(
                "The printer could not be started. Check that it is switched on and connected, "
                "then try again."
            )
        try:
            for index, page in enumerate(pages):
                if index > 0:
                    _use_page_size(printer, document.pagePointSize(page))
                    if not printer.newPage():
                        raise PrintError(
                            f"The printer stopped after {index} pages. Check the printer, "
                            "then print again."
                        )
                image = render_page(document, page, dpi)
                # The painter keeps the first page's window; take each page's own paper rect.
                paper = printer.pageLayout().fullRectPixels(printer.resolution())
                painter.setViewport(paper)
                painter.setWindow(paper)
                painter.drawImage(_fit(image, QRectF(paper)), image)
        finally:
            painter.end()
        return len(pages)
    finally:
        document.close()
        document.deleteLater()
