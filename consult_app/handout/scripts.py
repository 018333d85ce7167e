"""Names and words in any script on the handouts: fallback fonts and right-to-left text.

The handout font, Noto Sans, has Latin, Greek and Cyrillic letters only. A name such as
هالة الخطيب or 李小龙 would print as blanks. Every piece of text therefore goes through
:func:`markup`, which

- escapes it for ReportLab's paragraph markup (so ``<b>`` prints as typed);
- joins Arabic letters into their connected forms, and puts right-to-left words (Arabic,
  Hebrew) in the order they are shown, as ReportLab writes every line left to right;
- sets each run of letters that Noto Sans lacks in a bundled font that has them: Noto Sans
  Arabic, Hebrew, Thai or Devanagari, Droid Sans Fallback (Chinese and Japanese) or NanumSquare
  (Korean). A paragraph with Devanagari is shaped (HarfBuzz, through ReportLab), so its letters
  combine and reorder as they should.

:class:`UserPara` is for a paragraph of typed text that may run over several lines: when it
starts with right-to-left words it breaks the lines itself, in reading order, and sets them
against the right edge. The fallback fonts are read only when a text first needs them.
Letters that no bundled font has (Tamil or Bengali, say, or emoji) print as the font's empty
box; :func:`missing_letters` names them.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from consult_app.handout import styles as base

__all__ = [
    "SHAPED_FACES",
    "UserPara",
    "bold_fallbacks",
    "markup",
    "missing_letters",
    "right_to_left",
]


@dataclass(frozen=True)
class _Family:
    """A fallback font family: its ReportLab names and bundled files."""

    name: str
    regular_file: str
    bold_file: str
    #: Needs a shaping engine (letters that combine and reorder), not just a font.
    shaped: bool = False

    @property
    def bold(self) -> str:
        return self.name if self.bold_file == self.regular_file else f"{self.name}-Bold"


#: Tried in this order for a letter that Noto Sans lacks.
FALLBACKS = (
    _Family("HandoutArabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    _Family("HandoutHebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    _Family("HandoutThai", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
    _Family(
        "HandoutDevanagari",
        "NotoSansDevanagari-Regular.ttf",
        "NotoSansDevanagari-Bold.ttf",
        shaped=True,
    ),
    # Chinese characters and Japanese kana. One weight only: bold prints in the regular weight.
    _Family("HandoutCJK", "DroidSansFallbackFull.ttf", "DroidSansFallbackFull.ttf"),
    _Family("HandoutKorean", "NanumSquareR.ttf", "NanumSquareB.ttf"),
)

_FAMILIES = {family.name: family for family in FALLBACKS}
_BOLD_FACES = {family.name: family.bold for family in FALLBACKS if family.bold != family.name}
#: Faces whose text must be shaped: a paragraph that uses one turns shaping on.
SHAPED_FACES = tuple(
    face for family in FALLBACKS if family.shaped for face in {family.name, family.bold}
)
_TAG = re.compile(r"<(/?)(b|strong|font)\b([^>]*)>")
_FACE = re.compile(r'face="([^"]+)"')

_SHAPED = frozenset(family.name for family in FALLBACKS if family.shaped)

_lock = threading.Lock()
_coverage: dict[str, dict[int, int]] = {}
_RTL_CLASSES = frozenset({"R", "AL"})
_SPACE = re.compile(r"(\s+)")


def right_to_left(text: str) -> bool:
    """Return whether ``text`` starts (at its first letter with a direction) right to left."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in _RTL_CLASSES:
            return True
        if direction == "L":
            return False
    return False


def markup(text: str, base_dir: str = "L") -> str:
    """Return ``text`` as paragraph markup that prints every letter as typed.

    Lines are kept (as ``<br/>``). Right-to-left words are put in display order within each
    line, read in a left-to-right sentence (``base_dir`` "L") or as a right-to-left line ("R").
    """
    if text.isascii():
        return base.escape(text)
    lines = base.clean_lines(text)
    return "<br/>".join(_line_markup(_display(line, base_dir)) for line in lines)


def bold_fallbacks(text: str, bold: bool) -> str:
    """Use the bold fallback faces for runs inside ``<b>`` (or in a bold style, ``bold``).

    ReportLab's ``<font face>`` sets a weight of its own, so :func:`markup` cannot know
    whether the run it writes will sit in bold text; the paragraph fixes that up here.
    """
    depth = 1 if bold else 0
    parts: list[str] = []
    position = 0
    for tag in _TAG.finditer(text):
        closing, name, attributes = tag.groups()
        if name in ("b", "strong"):
            depth = max(0, depth - 1) if closing else depth + 1
            continue
        face = _FACE.search(attributes)
        if closing or depth == 0 or face is None or face.group(1) not in _BOLD_FACES:
            continue
        parts.append(text[position : tag.start()])
        parts.append(f'<font face="{_BOLD_FACES[face.group(1)]}">')
        position = tag.end()
    parts.append(text[position:])
    return "".join(parts)


def missing_letters(text: str) -> str:
    """Return the letters of ``text`` (once each, in order) that no bundled font can print."""
    missing = dict.fromkeys(
        char
        for char in _shaped(text)
        if not (char.isspace() or _is_mark(char) or _printable(ord(char)))
    )
    return "".join(missing)


class UserPara(Flowable):  # type: ignore[misc]
    """A paragraph of typed text, however long, in any script, that lays out as it reads.

    Left-to-right text (even with some Arabic or Chinese words in it) is an ordinary
    paragraph. Text that starts right to left is broken into lines in reading order first;
    each line is then put in display order and set against the right edge.
    """

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.rtl = right_to_left(text)
        self._inner: Any = None if self.rtl else base.Para(markup(text), style)
        self._inner_width: float | None = None

    def _layout(self, avail_width: float) -> Any:
        if self.rtl and (self._inner is None or self._inner_width != avail_width):
            style = ParagraphStyle(f"{self.style.name}-rtl", parent=self.style, alignment=TA_RIGHT)
            lines = [
                _line_markup(_display(line, "R"))
                for paragraph in base.clean_lines(self.text)
                for line in _break(_shaped(paragraph), style, avail_width)
            ]
            self._inner = base.Para("<br/>".join(lines), style)
            self._inner_width = avail_width
        return self._inner

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        inner = self._layout(avail_width)
        self.width, self.height = inner.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return list(self._layout(avail_width).split(avail_width, avail_height))

    def draw(self) -> None:
        assert self._inner is not None, "wrap() comes before draw()"
        self._inner.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)


# Internals -----------------------------------------------------------------------------------


def _shaped(text: str) -> str:
    """Join Arabic letters into their connected forms (a no-op for other scripts)."""
    if not any("\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f" for char in text):
        return text
    from arabic_reshaper import reshape

    return str(reshape(text))


def _display(line: str, base_dir: str) -> str:
    """Return one line in display order (left to right), Arabic joined."""
    line = _shaped(line)
    if not any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in line):
        return line
    from bidi import get_display

    return str(get_display(line, base_dir=base_dir))


def _line_markup(line: str) -> str:
    """Escape one display-order line and set each run of letters in a font that has them."""
    parts = []
    for family, run in _runs(line):
        escaped = base.escape(run)
        parts.append(escaped if family is None else f'<font face="{family}">{escaped}</font>')
    return "".join(parts)


def _runs(text: str) -> list[tuple[str | None, str]]:
    """Split ``text`` into runs of one font family (``None`` is the handout font)."""
    runs: list[tuple[str | None, str]] = []
    current: str | None = None
    start = 0
    for index, char in enumerate(text):
        code = ord(char)
        if char.isspace() or _is_mark(char):
            continue  # spaces and marks stay in the run they are in
        if current is not None and code in _cmap(current):
            continue
        family = _family_of(code)
        if family != current:
            if index > start:
                runs.append((current, text[start:index]))
            current, start = family, index
    if start < len(text):
        runs.append((current, text[start:]))
    return _whole_shaped_words(runs) if _SHAPED & {family for family, _ in runs} else runs


def _whole_shaped_words(runs: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    """Give a run that is shaped whole words: ReportLab shapes a word in one font only.

    Punctuation touching it (quotation marks, a full stop) moves into it when its font has
    those characters. Letters of another script typed against it with no space between (rare)
    are parted from it by a space, which prints better than the empty boxes they would become.
    """
    families = [family for family, _ in runs]
    texts = [text for _, text in runs]
    for index, family in enumerate(families):
        if family not in _SHAPED:
            continue
        cmap = _cmap(family)
        if index > 0:
            touching = re.findall(r"\S*$", texts[index - 1])[0]
            if touching and all(ord(char) in cmap for char in touching):
                texts[index - 1] = texts[index - 1][: len(texts[index - 1]) - len(touching)]
                texts[index] = touching + texts[index]
            elif touching:
                texts[index] = " " + texts[index]
        if index + 1 < len(texts) and not texts[index][-1].isspace():
            touching = re.findall(r"^\S*", texts[index + 1])[0]
            if touching and all(ord(char) in cmap for char in touching):
                texts[index + 1] = texts[index + 1][len(touching) :]
                texts[index] += touching
            elif touching:
                texts[index] += " "
    return [(family, text) for family, text in zip(families, texts, strict=True) if text]


def _family_of(code: int) -> str | None:
    """Return the family for a letter: ``None`` for the handout font (or when none has it)."""
    if code in _cmap(None):
        return None
    for family in FALLBACKS:
        if code in _cmap(family.name):
            return family.name
    return None


def _printable(code: int) -> bool:
    return code in _cmap(None) or _family_of(code) is not None


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M") or char in "\u200c\u200d\u200e\u200f"


def _cmap(family: str | None) -> dict[int, int]:
    """Return the characters a family's font has, registering the family on first use."""
    key = family or base.FONT_REGULAR
    found = _coverage.get(key)
    if found is not None:
        return found
    with _lock:
        if key not in _coverage:
            if family is None:
                base.register_fonts()
                _coverage[key] = pdfmetrics.getFont(base.FONT_REGULAR).face.charToGlyph
            else:
                _coverage[key] = _register(_FAMILIES[family])
    return _coverage[key]


def _register(family: _Family) -> dict[int, int]:
    """Register a fallback family (regular, bold) with ReportLab; return its character map."""
    regular = base.load_font(family.name, family.regular_file)
    if family.bold != family.name:
        base.load_font(family.bold, family.bold_file)
    pdfmetrics.registerFontFamily(
        family.name,
        normal=family.name,
        bold=family.bold,
        italic=family.name,
        boldItalic=family.bold,
    )
    return dict(regular.face.charToGlyph)


def _break(text: str, style: ParagraphStyle, width: float) -> list[str]:
    """Break ``text`` (in reading order) into lines no wider than ``width``."""
    size = float(style.fontSize)
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        if token.isspace():
            line += token if line else ""
            continue
        candidate = line + token
        if line and _width(candidate.rstrip(), style, size) > width:
            lines.append(line.rstrip())
            line = token
        else:
            line = candidate
        while len(line) > 1 and _width(line, style, size) > width:  # a word wider than a line
            cut = _longest_fit(line, style, size, width)
            lines.append(line[:cut])
            line = line[cut:]
    lines.append(line.rstrip())
    return lines


def _tokens(text: str) -> Iterator[str]:
    """Words and spaces; each Chinese, Japanese or Korean character is a word of its own."""
    for piece in _SPACE.split(text):
        if not piece:
            continue
        if piece.isspace():
            yield piece
            continue
        word = ""
        for char in piece:
            if unicodedata.east_asian_width(char) == "W":
                if word:
                    yield word
                    word = ""
                yield char
            else:
                word += char
        if word:
            yield word


def _width(text: str, style: ParagraphStyle, size: float) -> float:
    bold = style.fontName == base.FONT_BOLD
    return float(
        sum(
            pdfmetrics.stringWidth(run, _font_name(family, bold) or style.fontName, size)
            for family, run in _runs(text)
        )
    )


def _font_name(family: str | None, bold: bool) -> str | None:
    if family is None:
        return None
    return _FAMILIES[family].bold if bold else family


def _longest_fit(text: str, style: ParagraphStyle, size: float, width: float) -> int:
    """Return how many characters of ``text`` (at least one) fit in ``width``."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if _width(text[:middle], style, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low
