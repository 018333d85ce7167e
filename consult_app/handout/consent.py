"""The printable consent record: areas, risks discussed, signature, practitioner confirmation."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table

from consult_app.content.labels import treatment_title
from consult_app.content.models import Area, Content
from consult_app.handout import clinical, sections
from consult_app.handout.document import DocumentInfo, frame_width, render
from consult_app.handout.model import ConsentRequest, HandoutError
from consult_app.handout.scripts import markup
from consult_app.handout.styles import (
    MUTED,
    Para,
    Styles,
    capitalised,
    format_date,
    make_styles,
    register_fonts,
    table_style,
)

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_SIGNATURE_BOX = (75 * mm, 24 * mm)


def _details(
    content: Content, req: ConsentRequest, areas: Sequence[Area], styles: Styles, width: float
) -> Table:
    """The patient, visit date, practitioner, treatment and content version."""
    rows = [("Patient", markup(req.patient_name))]
    if req.patient_date_of_birth is not None:
        rows.append(("Date of birth", format_date(req.patient_date_of_birth)))
    rows += [
        ("Visit date", format_date(req.visit_date)),
        ("Practitioner", markup(req.practitioner)),
        ("Treatment", markup(capitalised(treatment_title(content, areas, req.language)))),
        (
            "Information version",
            sections.sign_off_words(content.clinic.content_version, req.content_sign_off),
        ),
    ]
    return sections.details_table(rows, styles, width, 45 * mm)


def signature_image(png: bytes) -> Image:
    """Return the signature scaled into its box, or raise :class:`HandoutError`."""
    if not png.startswith(_PNG_MAGIC):
        raise HandoutError(
            "The signature is not a PNG image. Ask the patient to sign again on the screen."
        )
    try:
        from reportlab.lib.utils import ImageReader

        reader = ImageReader(io.BytesIO(png))
        pixel_width, pixel_height = reader.getSize()
    except Exception as exc:  # Pillow raises many types for damaged images.
        raise HandoutError(
            "The signature image is damaged and cannot be printed. "
            "Ask the patient to sign again on the screen."
        ) from exc
    if pixel_width <= 0 or pixel_height <= 0:
        raise HandoutError("The signature image is empty. Ask the patient to sign again.")
    box_width, box_height = _SIGNATURE_BOX
    scale = min(box_width / pixel_width, box_height / pixel_height)
    image = Image(io.BytesIO(png), pixel_width * scale, pixel_height * scale, mask="auto")
    image.hAlign = "LEFT"
    return image


def _signature_block(req: ConsentRequest, styles: Styles, width: float) -> list[Flowable]:
    """The patient's signature (or a line to sign on) and the practitioner's confirmation."""
    sign_here: Flowable
    if req.signature_png:
        sign_here = signature_image(req.signature_png)
    else:
        sign_here = Spacer(1, _SIGNATURE_BOX[1])
    line = Table(
        [[sign_here]], colWidths=[_SIGNATURE_BOX[0] + 10], rowHeights=[_SIGNATURE_BOX[1] + 4]
    )
    line.hAlign = "LEFT"
    line.setStyle(
        table_style(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.8, MUTED),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    signed = "Signed on the screen" if req.signature_png else "Not signed on the screen"
    patient = [
        sections.heading("Patient's signature", styles),
        line,
        Para(
            f"{markup(req.patient_name)}  ·  {format_date(req.visit_date)}  ·  {signed}",
            styles.small,
        ),
    ]
    if req.practitioner_confirmed:
        confirmation = (
            f"<b>Confirmed by {markup(req.practitioner)} on {format_date(req.visit_date)}.</b>"
        )
    else:
        confirmation = "<b>Not yet confirmed by the practitioner.</b>"
    practitioner = [
        sections.heading("Practitioner's confirmation", styles),
        Para(
            "I discussed the treatment, its benefits and its risks with the patient, gave them "
            "the written information and answered their questions.",
            styles.body,
        ),
        Para(confirmation, styles.body),
    ]
    if req.practitioner_confirmed and req.practitioner_signature:
        practitioner.insert(-1, _practitioner_signature(req.practitioner_signature))
    return [KeepTogether(patient), KeepTogether(practitioner)]


def _practitioner_signature(picture: bytes) -> Flowable:
    """The practitioner's saved signature picture, scaled into the signature box."""
    from reportlab.lib.utils import ImageReader

    try:
        pixel_width, pixel_height = ImageReader(io.BytesIO(picture)).getSize()
    except Exception as exc:  # Pillow raises many types for damaged images.
        raise HandoutError(
            "The practitioner's signature picture cannot be printed. Choose it again in "
            "My details for printing (File menu)."
        ) from exc
    box_width, box_height = _SIGNATURE_BOX
    scale = min(box_width / pixel_width, box_height / pixel_height)
    image = Image(io.BytesIO(picture), pixel_width * scale, pixel_height * scale, mask="auto")
    image.hAlign = "LEFT"
    return image


def _what_to_expect(areas: Sequence[Area], language: str, styles: Styles) -> list[Flowable]:
    """When the effect of each area starts and how long it lasts (shorter than the sheet's)."""
    items = [
        f"<b>{markup(a.name.get(language))}:</b> {markup(a.expect.onset.get(language))} "
        f"{markup(a.expect.duration.get(language))}"
        for a in areas
    ]
    return [sections.heading("What to expect", styles), *sections.bullets(items, styles)]


def consent_story(content: Content, req: ConsentRequest) -> list[Flowable]:
    """Return the flowables of the consent record."""
    if not req.area_ids:
        raise HandoutError("Choose at least one treatment area before recording consent.")
    register_fonts()
    styles = make_styles()
    language = req.language
    width = frame_width(content.clinic.paper_size)
    areas = sections.chosen_areas(content, req.area_ids)
    info = content.info
    practitioner = markup(req.practitioner)
    statements = [
        "I have read the information about this treatment, or had it read to me.",
        f"I talked about the benefits and the risks with {practitioner}, "
        "and my questions were answered.",
        "I understand that the effect wears off, and that repeat treatments are needed to keep it.",
        "I know how to look after my skin afterwards, and when and how to get help.",
        "I agree to have this treatment in the areas listed above.",
    ]
    specific = [
        f"<b>{markup(area.name.get(language))}:</b> "
        + " ".join(markup(effect.get(language)) for effect in area.side_effects)
        for area in areas
        if area.side_effects
    ]
    story: list[Flowable] = [
        *sections.clinic_header(content, styles, width),
        Para("Consent record", styles.title),
        _details(content, req, areas, styles, width),
        sections.heading("Areas to be treated", styles),
        *sections.bullets((markup(a.name.get(language)) for a in areas), styles),
        *clinical.medicine_section(content, areas, req.treated, language, styles),
        *_what_to_expect(areas, language, styles),
        *clinical.family_sections(content, areas, language, styles),
        sections.heading("Risks we discussed", styles),
        Para("<b>Common and mild:</b>", styles.body_tight),
        *sections.bullets((markup(t.get(language)) for t in info.common_side_effects), styles),
    ]
    if specific:
        story.append(Para("<b>For the areas above:</b>", styles.body_tight))
        story += sections.bullets(specific, styles)
    story.append(
        Para(f"<b>{markup(info.serious_side_effects_intro.get(language))}</b>", styles.body_tight)
    )
    story += sections.bullets((markup(t.get(language)) for t in info.serious_side_effects), styles)
    story += sections.urgent_box(content, language, styles, width)
    story += [
        sections.heading("The patient confirms", styles),
        *sections.bullets(statements, styles, content=False),
        Spacer(1, 2 * mm),
        *_signature_block(req, styles, width),
    ]
    return story


def build_consent(content: Content, req: ConsentRequest) -> bytes:
    """Build the consent record as PDF bytes."""
    story = consent_story(content, req)
    areas = sections.chosen_areas(content, req.area_ids)
    treatment = capitalised(treatment_title(content, areas, req.language))
    info = DocumentInfo(
        clinic=content.clinic,
        reference=req.reference,
        title=f"Consent record for {req.patient_name}",
        subject=f"{treatment}: " + ", ".join(a.name.get(req.language) for a in areas),
        language=req.language,
        created_on=req.visit_date,
    )
    return render(story, info)
