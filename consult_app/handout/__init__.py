"""Patient handouts as PDF: the personalised sheet, the generic handout, the consent record.

Importing this package is cheap: ReportLab is imported only when a handout is first built,
so the application can import it at start-up. The request types live in
:mod:`consult_app.handout.model`, which does not import ReportLab either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from consult_app.handout.model import (
    ConsentRequest,
    GenericRequest,
    GoalLine,
    HandoutError,
    PlanEntry,
    ReviewRequest,
    SheetRequest,
    TreatedLine,
)
from consult_app.handout.security import encrypt_pdf, pdf_sha256

if TYPE_CHECKING:
    from consult_app.content.models import Content
    from consult_app.handout.diagram_drawing import DiagramLoader

__all__ = [
    "ConsentRequest",
    "GenericRequest",
    "GoalLine",
    "HandoutError",
    "PlanEntry",
    "ReviewRequest",
    "SheetRequest",
    "TreatedLine",
    "build_consent",
    "build_generic",
    "build_review",
    "build_sheet",
    "encrypt_pdf",
    "pdf_sha256",
]


def build_sheet(
    content: Content, req: SheetRequest, *, diagram_loader: DiagramLoader | None = None
) -> bytes:
    """Build the patient's personalised information sheet as PDF bytes."""
    from consult_app.handout import sheet

    return sheet.build_sheet(content, req, diagram_loader=diagram_loader)


def build_generic(
    content: Content, req: GenericRequest, *, diagram_loader: DiagramLoader | None = None
) -> bytes:
    """Build a generic handout (no patient data) for the chosen areas, or all of them."""
    from consult_app.handout import generic

    return generic.build_generic(content, req, diagram_loader=diagram_loader)


def build_consent(content: Content, req: ConsentRequest) -> bytes:
    """Build a printable consent record as PDF bytes."""
    from consult_app.handout import consent

    return consent.build_consent(content, req)


def build_review(content: Content, req: ReviewRequest) -> bytes:
    """Build the content review (every patient-facing statement and its source) as PDF bytes."""
    from consult_app.handout import review

    return review.build_review(content, req)
