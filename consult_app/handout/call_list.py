"""The front desk's call list: who to call about a recall, with phone, due date and kind.

Nothing clinical is printed: no goals, screening, notes, doses or batches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, Table

from consult_app.content.models import Content
from consult_app.handout import sections
from consult_app.handout.document import DocumentInfo, frame_width, render
from consult_app.handout.scripts import markup
from consult_app.handout.styles import (
    RULE,
    Para,
    format_date,
    make_styles,
    register_fonts,
    table_style,
)


@dataclass(frozen=True)
class CallLine:
    """One patient to call: name, phone, due date, the kind of recall, the last contact."""

    name: str
    phone: str
    due: date
    kind: str
    last_contact: str = ""


@dataclass(frozen=True)
class CallListRequest:
    """A call list printed on ``printed_on`` for the recalls described by ``scope``."""

    printed_on: date
    scope: str
    lines: tuple[CallLine, ...]


_HEADER = ("Name", "Phone", "Due", "For", "Last contact", "Called")


def _rows(req: CallListRequest, width: float) -> Table:
    styles = make_styles()
    rows: list[list[Para]] = [[Para(f"<b>{h}</b>", styles.small) for h in _HEADER]]
    for line in req.lines:
        cells = (
            line.name,
            line.phone or "no phone",
            format_date(line.due),
            line.kind,
            line.last_contact,
        )
        rows.append([Para(markup(c), styles.small) for c in cells] + [Para("", styles.small)])
    widths = [0.26, 0.17, 0.13, 0.18, 0.16, 0.10]
    table = Table(rows, colWidths=[width * w for w in widths], repeatRows=1)
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def call_list_story(content: Content, req: CallListRequest) -> list[Flowable]:
    """Return the flowables of the call list."""
    register_fonts()
    styles = make_styles()
    width = frame_width(content.clinic.paper_size)
    count = len(req.lines)
    story: list[Flowable] = [
        *sections.clinic_header(content, styles, width),
        Para("Recall call list", styles.title),
        Para(
            f"{markup(req.scope)}. {count} patient{'s' if count != 1 else ''} to call. "
            "Record each call in the app's recall list.",
            styles.body,
        ),
    ]
    if req.lines:
        story.append(_rows(req, width))
    return story


def build_call_list(content: Content, req: CallListRequest) -> bytes:
    """Build the call list as PDF bytes (confidential: it names patients and phones)."""
    info = DocumentInfo(
        clinic=content.clinic,
        reference=f"call list {req.printed_on.isoformat()}",
        title="Recall call list",
        subject=f"Patients to call for {content.clinic.name}",
        language=content.clinic.languages[0],
        created_on=req.printed_on,
        footer=(
            f"Recall call list  ·  printed {format_date(req.printed_on)}",
            "Confidential: patients' names and phone numbers",
        ),
    )
    return render(call_list_story(content, req), info)
