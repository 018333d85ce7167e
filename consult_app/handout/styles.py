"""Fonts, colours, paragraph styles and text helpers shared by every handout."""

from __future__ import annotations

import functools
import io
import re
import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, TableStyle

from consult_app.bundled import bundled_resource
from consult_app.handout.model import HandoutError

FONT_REGULAR = "HandoutSans"
FONT_BOLD = "HandoutSans-Bold"
FONT_ITALIC = "HandoutSans-Italic"
_FONT_FILES = {
    FONT_REGULAR: "NotoSans-Regular.ttf",
    FONT_BOLD: "NotoSans-Bold.ttf",
    FONT_ITALIC: "NotoSans-Italic.ttf",
}

# A muted teal accent on near-black text; the highlight is light enough to print well in grey.
ACCENT = colors.HexColor("#2b6f77")
ACCENT_DARK = colors.HexColor("#1d4f55")
ACCENT_LIGHT = colors.HexColor("#e6f1f2")
HIGHLIGHT_FILL = colors.HexColor("#7cc3c9")
TEXT = colors.HexColor("#1f2a2e")
MUTED = colors.HexColor("#56666b")
RULE = colors.HexColor("#c9d6d8")
URGENT = colors.HexColor("#a3312a")
URGENT_LIGHT = colors.HexColor("#fbeeec")

BODY_SIZE = 12.0
BODY_LEADING = 14.5

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_fonts_lock = threading.Lock()
_fonts_registered = False


def register_fonts() -> None:
    """Register the bundled Noto Sans faces with ReportLab (once per process)."""
    global _fonts_registered
    with _fonts_lock:
        if _fonts_registered:
            return
        for name, filename in _FONT_FILES.items():
            load_font(name, filename)
        pdfmetrics.registerFontFamily(
            FONT_REGULAR,
            normal=FONT_REGULAR,
            bold=FONT_BOLD,
            italic=FONT_ITALIC,
            boldItalic=FONT_BOLD,
        )
        _fonts_registered = True


def load_font(name: str, filename: str) -> TTFont:
    """Register the bundled font file ``filename`` with ReportLab as ``name``; return it."""
    try:
        data = bundled_resource("fonts", filename).read_bytes()
    except OSError as exc:
        raise HandoutError(
            f"The handout font {filename} is missing ({exc}). "
            "Reinstall the application to restore it."
        ) from exc
    font_file = io.BytesIO(data)
    font_file.name = filename
    font = TTFont(name, font_file)
    pdfmetrics.registerFont(font)
    return font


class Para(Paragraph):  # type: ignore[misc]
    """A paragraph that remembers its line breaks for the last width it was wrapped to.

    Tables and keep-together groups wrap the same paragraph several times at one width;
    breaking lines is the slowest part of a build, so it is done once per width.
    """

    _memo_width: float | None = None
    _memo_size: tuple[float, float] = (0.0, 0.0)

    def __init__(self, text: str | None, style: ParagraphStyle, *args: Any, **kwargs: Any) -> None:
        if text and 'face="Handout' in text:  # a fallback font's run: match the weight around it
            from consult_app.handout.scripts import SHAPED_FACES, bold_fallbacks

            text = bold_fallbacks(text, style.fontName == FONT_BOLD)
            if any(f'face="{face}"' in text for face in SHAPED_FACES):
                style = ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)
        super().__init__(text, style, *args, **kwargs)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # split() drops blPara when the paragraph moves on whole; then break lines again.
        if avail_width == self._memo_width and "blPara" in self.__dict__:
            self.width, self.height = self._memo_size
            return self._memo_size
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        self._memo_width = avail_width
        self._memo_size = size
        return size

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        # ReportLab leaves the flag on flowables it moved to the next frame ("ought to be
        # cleared when they are finally drawn"); a reused paragraph must not carry it on.
        self.forget_build()
        super().drawOn(canvas, x, y, _sW=_sW)

    def forget_build(self) -> None:
        """Drop the marks a build leaves on a flowable, so a reused one lays out the same.

        ReportLab sets ``keepWithNext = 0`` on a heading once it has grouped it with the
        next flowable, and ``_postponed`` on one it moved on to the next frame.
        """
        for mark in ("_postponed", "keepWithNext", "_frame"):
            self.__dict__.pop(mark, None)


_shared_lock = threading.Lock()
_shared: dict[tuple[str, str, str | None], Para] = {}
_SHARED_LIMIT = 5000


def shared_para(markup: str, style: ParagraphStyle, bullet: str | None = None) -> Para:
    """Return a paragraph of *content* text, reused across handouts.

    The clinic's wording is the same on every patient's sheet, so its paragraphs are parsed
    and broken into lines once per process, not once per sheet. Never use this for text a
    person typed: patient data must not linger in memory. Builds are serialised (see
    :func:`consult_app.handout.document.render`), so a shared paragraph is wrapped and drawn
    by one build at a time.
    """
    key = (markup, style.name, bullet)
    with _shared_lock:
        paragraph = _shared.get(key)
        if paragraph is None:
            if len(_shared) >= _SHARED_LIMIT:
                _shared.clear()
            paragraph = _shared[key] = Para(markup, style, bulletText=bullet)
    paragraph.forget_build()
    return paragraph


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of a handout."""

    body: ParagraphStyle
    body_tight: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    bullet: ParagraphStyle
    label: ParagraphStyle
    urgent_title: ParagraphStyle
    clinic_name: ParagraphStyle
    clinic_detail: ParagraphStyle


@functools.cache
def make_styles() -> Styles:
    """Build the paragraph styles once (fonts must be registered first)."""
    body = ParagraphStyle(
        "body",
        fontName=FONT_REGULAR,
        fontSize=BODY_SIZE,
        leading=BODY_LEADING,
        textColor=TEXT,
        alignment=TA_LEFT,
        spaceAfter=4,
        splitLongWords=1,
        # ReportLab lets a line run up to 5% of its spaces too wide, expecting to squeeze
        # the spaces; left-aligned text is never squeezed, so it would overflow instead.
        spaceShrinkage=0,
        allowWidows=0,
        allowOrphans=0,
    )
    return Styles(
        body=body,
        body_tight=ParagraphStyle("body_tight", parent=body, spaceAfter=1),
        small=ParagraphStyle("small", parent=body, fontSize=9, leading=11, textColor=MUTED),
        title=ParagraphStyle(
            "title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=20,
            leading=24,
            textColor=ACCENT_DARK,
            spaceAfter=4,
        ),
        h2=ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=14.5,
            leading=18,
            textColor=ACCENT_DARK,
            spaceBefore=7,
            spaceAfter=2,
            keepWithNext=1,
        ),
        h3=ParagraphStyle(
            "h3",
            parent=body,
            fontName=FONT_BOLD,
            spaceBefore=3,
            spaceAfter=1,
            keepWithNext=1,
        ),
        bullet=ParagraphStyle(
            "bullet",
            parent=body,
            leftIndent=12,
            bulletIndent=1,
            spaceAfter=1,
            bulletFontName=FONT_BOLD,
            bulletColor=ACCENT,
        ),
        label=ParagraphStyle(
            "label",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=12,
            leading=14,
            textColor=ACCENT_DARK,
            spaceAfter=0,
        ),
        urgent_title=ParagraphStyle(
            "urgent_title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=14.5,
            leading=18,
            textColor=URGENT,
            spaceAfter=4,
        ),
        clinic_name=ParagraphStyle(
            "clinic_name",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=15,
            leading=18,
            textColor=ACCENT_DARK,
            spaceAfter=1,
        ),
        clinic_detail=ParagraphStyle(
            "clinic_detail", parent=body, fontSize=10, leading=12.5, textColor=MUTED, spaceAfter=0
        ),
    )


# C0 and C1 control characters other than tab and newline print as boxes or nothing.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape(text: str) -> str:
    """Make user text safe for ReportLab paragraph markup, so it prints exactly as typed.

    ``&``, ``<`` and ``>`` become entities, line breaks become ``<br/>``, tabs become
    spaces, other control characters are dropped.
    """
    return "<br/>".join(
        line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        for line in clean_lines(text)
    )


def clean_lines(text: str) -> list[str]:
    """Return user text as its lines, with tabs as spaces and control characters dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).replace("\t", "    ").split("\n")


def one_line(text: str) -> str:
    """Return user text on one line (for headers, footers and metadata), not escaped."""
    text = _CONTROL.sub("", text)
    return " ".join(text.split())


def format_date(day: date) -> str:
    """Write a date the way people read it: ``3 June 2025``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_weekday_date(day: date) -> str:
    """Write a date with its weekday: ``Tuesday 3 June 2025``."""
    weekday = (
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    )[day.weekday()]
    return f"{weekday} {format_date(day)}"


def capitalised(text: str) -> str:
    """Start a heading-like text with a capital letter ("anti-wrinkle" -> "Anti-wrinkle")."""
    return text[:1].upper() + text[1:]


def table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    """A table style whose cells use the handout font (the default, Helvetica, is not embedded)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), FONT_REGULAR, BODY_SIZE), *commands])
