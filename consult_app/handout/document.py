"""Page layout shared by every handout: page size, margins, footer, metadata, determinism.

A document is built with ReportLab's invariant mode and a creation date taken from the
request, so the same inputs always give byte-identical PDF bytes (a re-print is identical).
"""

from __future__ import annotations

import calendar
import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from consult_app.content.models import Clinic, PaperSize
from consult_app.handout.model import HandoutError
from consult_app.handout.styles import (
    ACCENT,
    BODY_LEADING,
    BODY_SIZE,
    FONT_BOLD,
    FONT_REGULAR,
    MUTED,
    RULE,
    one_line,
)

# Write binary (Flate only) streams: ASCII85 makes files a quarter larger and, in pure
# Python, costs more time than all the layout. Only the handouts use ReportLab.
rl_config.useA85 = 0

LEFT_MARGIN: float = 16 * mm
RIGHT_MARGIN: float = 16 * mm
TOP_MARGIN: float = 15 * mm
BOTTOM_MARGIN: float = 23 * mm
# One build at a time: content paragraphs are shared between builds (styles.shared_para),
# and ReportLab keeps some state in module globals.
_build_lock = threading.Lock()

COLUMN_GAP: float = 8 * mm
_FOOTER_SIZE = 9.0


@dataclass(frozen=True)
class DocumentInfo:
    """What every page shows in its footer, and the PDF's metadata."""

    clinic: Clinic
    reference: str
    title: str
    subject: str
    language: str
    created_on: date
    #: The footer's two lines (left of the page number); empty for the handouts' own.
    footer: tuple[str, str] | tuple[()] = ()
    #: The content version as the footer names it, with who signed it off (plain text);
    #: empty for the version alone.
    content_line: str = ""


def page_size(paper: PaperSize) -> tuple[float, float]:
    """Return the page size in points for the clinic's paper setting."""
    width, height = LETTER if paper is PaperSize.LETTER else A4
    return float(width), float(height)


def frame_width(paper: PaperSize) -> float:
    """Return the width of the text frame on ``paper``."""
    return page_size(paper)[0] - LEFT_MARGIN - RIGHT_MARGIN


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten one footer item with an ellipsis so it fits ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _draw_footer(canvas: Canvas, info: DocumentInfo, page: int, total: int) -> None:
    """Draw the footer (and a thin top rule) on the current page."""
    width, _height = canvas._pagesize
    usable = width - LEFT_MARGIN - RIGHT_MARGIN
    canvas.saveState()
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(3)
    canvas.line(0, _height - 4, width, _height - 4)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    top = BOTTOM_MARGIN - 8 * mm
    canvas.line(LEFT_MARGIN, top, width - RIGHT_MARGIN, top)
    page_text = f"Page {page} of {total}"
    page_width = stringWidth(page_text, FONT_BOLD, _FOOTER_SIZE)
    canvas.setFont(FONT_BOLD, _FOOTER_SIZE)
    canvas.setFillColor(ACCENT)
    canvas.drawRightString(width - RIGHT_MARGIN, top - 12, page_text)
    clinic = info.clinic
    call = one_line(f"Questions? Call {clinic.name} on {clinic.phone}")
    version = info.content_line or clinic.content_version
    details = one_line(f"Handout reference {info.reference}  ·  Content version {version}")
    if info.footer:
        call, details = (one_line(line) for line in info.footer)
    canvas.setFillColor(MUTED)
    canvas.drawString(
        LEFT_MARGIN, top - 12, _fit(call, FONT_BOLD, _FOOTER_SIZE, usable - page_width - 12)
    )
    canvas.setFont(FONT_REGULAR, _FOOTER_SIZE)
    canvas.drawString(LEFT_MARGIN, top - 24, _fit(details, FONT_REGULAR, _FOOTER_SIZE, usable))
    canvas.restoreState()


def _canvas_class(info: DocumentInfo) -> type[Canvas]:
    """Make a canvas that numbers pages "n of m" and stamps the request's creation date."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []
            stamp = self._doc._timeStamp
            created = info.created_on
            stamp.t = float(calendar.timegm(created.timetuple()))
            stamp.lt = stamp.YMDhms = (created.year, created.month, created.day, 0, 0, 0)
            stamp.dhh = stamp.dmm = 0

        def showPage(self) -> None:
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            for number, state in enumerate(self._page_states, start=1):
                self.__dict__.update(state)
                _draw_footer(self, info, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def render(story: Sequence[Flowable], info: DocumentInfo, *, columns: bool = False) -> bytes:
    """Lay out ``story`` on the clinic's paper and return the PDF bytes.

    With ``columns``, the first page has one column and later pages two, which suits the
    many short lines of the reference sections (side effects, aftercare).
    """
    out = io.BytesIO()
    size = page_size(info.clinic.paper_size)
    doc = BaseDocTemplate(
        out,
        pagesize=size,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=one_line(info.title),
        author=one_line(info.clinic.name),
        subject=one_line(info.subject),
        creator=one_line(info.clinic.name),
        keywords=[f"reference {one_line(info.reference)}"],
        lang=info.language,
        invariant=1,
        displayDocTitle=1,
        # Otherwise every page names Helvetica, a font that is not embedded.
        initialFontName=FONT_REGULAR,
        initialFontSize=BODY_SIZE,
        initialLeading=BODY_LEADING,
    )
    width = size[0] - LEFT_MARGIN - RIGHT_MARGIN
    height = size[1] - TOP_MARGIN - BOTTOM_MARGIN

    def frame(frame_id: str, x: float, frame_width: float) -> Frame:
        return Frame(
            x,
            BOTTOM_MARGIN,
            frame_width,
            height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=frame_id,
        )

    if columns:
        column = (width - COLUMN_GAP) / 2
        later = PageTemplate(
            id="later",
            frames=[
                frame("left", LEFT_MARGIN, column),
                frame("right", LEFT_MARGIN + column + COLUMN_GAP, column),
            ],
        )
        first = PageTemplate(
            id="first", frames=[frame("body", LEFT_MARGIN, width)], autoNextPageTemplate="later"
        )
        doc.addPageTemplates([first, later])
    else:
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame("body", LEFT_MARGIN, width)])])
    try:
        with _build_lock:
            doc.build(list(story), canvasmaker=_canvas_class(info))
    except LayoutError as exc:
        raise HandoutError(
            "Part of the handout is too large to fit on a page. "
            "Shorten the longest text (a goal or a plan step) and try again."
        ) from exc
    return out.getvalue()
