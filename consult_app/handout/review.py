"""The content review: every patient-facing statement with its source, for the doctor to sign.

One section per area (and the clinic, the general information, urgent help and aftercare);
each statement in a row with its source under it; the content version and fingerprint in every
page's footer; a sign-off block at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from consult_app.content.fingerprint import short_fingerprint
from consult_app.content.models import Content
from consult_app.content.statements import Statement, patient_statements
from consult_app.handout import sections
from consult_app.handout.document import DocumentInfo, frame_width, render
from consult_app.handout.model import ReviewRequest
from consult_app.handout.scripts import markup
from consult_app.handout.styles import (
    MUTED,
    RULE,
    URGENT,
    Para,
    Styles,
    format_date,
    make_styles,
    register_fonts,
    table_style,
)

#: Printed instead of a source when the content names none, so the doctor sees the gap.
NO_SOURCE = "none given in the content"
_LABEL_WIDTH = 42 * mm


def _facts(content: Content, req: ReviewRequest, count: int, styles: Styles, width: float) -> Table:
    """The version, fingerprint, date and how many statements the review holds."""
    clinic = content.clinic
    rows = [
        ("Content version", markup(clinic.content_version)),
        ("Content fingerprint", short_fingerprint(req.fingerprint)),
        ("Printed on", format_date(req.printed_on)),
        ("Statements", f"{count}, in {', '.join(clinic.languages)}"),
    ]
    return sections.details_table(rows, styles, width, _LABEL_WIDTH)


def _statement_rows(
    statements: Sequence[Statement], styles: Styles, width: float, languages: int
) -> Table:
    """One row per statement: its field on the left, the text and its source on the right."""
    rows = []
    for statement in statements:
        label = statement.label
        if languages > 1 and statement.language:
            label += f" [{statement.language}]"
        source = markup(statement.source) if statement.source else f"<i>{NO_SOURCE}</i>"
        colour = MUTED.hexval() if statement.source else URGENT.hexval()
        rows.append(
            [
                Para(f"<b>{markup(label)}</b>", styles.small),
                [
                    Para(markup(statement.text), styles.body_tight),
                    Para(f'<font color="{colour}">Source: {source}</font>', styles.small),
                ],
            ]
        )
    table = Table(rows, colWidths=[_LABEL_WIDTH, width - _LABEL_WIDTH])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _sign_off_block(content: Content, req: ReviewRequest, styles: Styles) -> Flowable:
    """Where the doctor signs: the statement signed, then name, signature and date lines."""
    version = markup(content.clinic.content_version)
    lines = Table(
        [
            # Empty cells hold a spacer: an empty string would make the table name Helvetica.
            [Para("Doctor's name", styles.body_tight), Spacer(0, 0)],
            [Para("Signature", styles.body_tight), Spacer(0, 0)],
            [Para("Date", styles.body_tight), Spacer(0, 0)],
        ],
        colWidths=[_LABEL_WIDTH, 90 * mm],
        rowHeights=[12 * mm] * 3,
    )
    lines.hAlign = "LEFT"
    lines.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.8, MUTED),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether(
        [
            sections.heading("Sign-off", styles),
            Para(
                f"I have read every statement in this review of content version <b>{version}</b> "
                f"(fingerprint <b>{short_fingerprint(req.fingerprint)}</b>), with its source, "
                "and I sign it off for use with patients.",
                styles.body,
            ),
            Para(
                "Once signed, the admin records the sign-off in the app (Admin menu, Content "
                "sign-off) with the doctor's name. Any later change to the content changes its "
                "fingerprint and needs a new review and sign-off.",
                styles.small,
            ),
            lines,
        ]
    )


def review_story(content: Content, req: ReviewRequest) -> list[Flowable]:
    """Return the flowables of the content review."""
    register_fonts()
    styles = make_styles()
    width = frame_width(content.clinic.paper_size)
    statements = patient_statements(content)
    languages = len(content.clinic.languages)
    story: list[Flowable] = [
        *sections.clinic_header(content, styles, width),
        Para("Content review for clinical sign-off", styles.title),
        Para(
            "Every statement the app shows or prints for patients, with its source. Please "
            "read each one, mark anything to change, and sign at the end.",
            styles.body,
        ),
        _facts(content, req, len(statements), styles, width),
        Spacer(1, 3 * mm),
    ]
    for section, group in groupby(statements, key=lambda statement: statement.section):
        story += [
            Para(markup(section), styles.h2),
            _statement_rows(list(group), styles, width, languages),
        ]
    story += [Spacer(1, 6 * mm), _sign_off_block(content, req, styles)]
    return story


def build_review(content: Content, req: ReviewRequest) -> bytes:
    """Build the content review as PDF bytes."""
    story = review_story(content, req)
    version = content.clinic.content_version
    info = DocumentInfo(
        clinic=content.clinic,
        reference=f"content review {version}",
        title=f"Content review, version {version}",
        subject=f"Clinical sign-off of {content.clinic.name}'s content",
        language=content.clinic.languages[0],
        created_on=req.printed_on,
        footer=(
            f"Content review  ·  Content version {version}",
            f"Content fingerprint {short_fingerprint(req.fingerprint)}",
        ),
    )
    return render(story, info)
