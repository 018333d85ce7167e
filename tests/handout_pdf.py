"""Read handout PDFs back: text, text runs with positions and sizes, fonts, metadata."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    """All the text, pages joined, with runs of whitespace made single spaces."""
    text = "\n".join(page.extract_text() for page in reader(pdf).pages)
    return " ".join(text.split())


@dataclass(frozen=True)
class Run:
    page: int
    x: float
    y: float
    text: str
    size: float
    font: str


def runs(pdf: bytes) -> list[Run]:
    """Every piece of text drawn, with where it starts, its size and its font."""
    found: list[Run] = []
    for number, page in enumerate(reader(pdf).pages):

        def visit(text, cm, tm, font_dict, font_size, number=number):
            if not text.strip():
                return
            tx, ty = tm[4], tm[5]
            x = cm[0] * tx + cm[2] * ty + cm[4]
            y = cm[1] * tx + cm[3] * ty + cm[5]
            scale = abs(tm[0] * cm[0]) or 1.0
            font = str(font_dict.get("/BaseFont", "")) if font_dict else ""
            found.append(Run(number, x, y, text, font_size * scale, font))

        page.extract_text(visitor_text=visit)
    return found


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """Base font name -> whether the font file is embedded, for every font used."""
    fonts: dict[str, bool] = {}
    for page in reader(pdf).pages:
        resources = page.get("/Resources")
        font_map = resources.get_object().get("/Font") if resources else None
        if not font_map:
            continue
        for ref in font_map.get_object().values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = False
            if descriptor is not None:
                descriptor = descriptor.get_object()
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    return fonts
