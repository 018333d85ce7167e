"""The generic handout for reception: chosen areas (or all), no patient data."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from consult_app.content.labels import treatment_title
from consult_app.content.models import Content
from consult_app.handout import clinical, sections
from consult_app.handout.diagram_drawing import DiagramLoader
from consult_app.handout.document import COLUMN_GAP, DocumentInfo, frame_width, render
from consult_app.handout.model import GenericRequest
from consult_app.handout.scripts import markup
from consult_app.handout.styles import Para, capitalised, make_styles, register_fonts


def generic_story(
    content: Content, req: GenericRequest, loader: DiagramLoader | None = None
) -> list[Flowable]:
    """Return the flowables of the generic handout."""
    register_fonts()
    styles = make_styles()
    language = req.language
    width = frame_width(content.clinic.paper_size)
    column = (width - COLUMN_GAP) / 2
    areas = sections.chosen_areas(content, req.area_ids)
    about: list[Flowable] = [sections.heading("The treatment areas", styles)]
    for area in areas:
        about.append(
            KeepTogether(
                [
                    Para(markup(area.name.get(language)), styles.h3),
                    Para(
                        f"{markup(area.summary.get(language))} {markup(area.treats.get(language))}",
                        styles.body,
                    ),
                ]
            )
        )
    two_views = len({area.view for area in areas}) > 1
    return [
        *sections.clinic_header(content, styles, width),
        Para(markup(capitalised(treatment_title(content, areas, language))), styles.title),
        Para(
            "Information about the treatment, what to expect and how to look after yourself.",
            styles.body,
        ),
        *sections.diagrams(
            content, areas, language, styles, (48 if two_views else 60) * mm, loader
        ),
        *about,
        *sections.what_to_expect(areas, language, styles),
        *clinical.family_sections(content, areas, language, styles),
        *sections.side_effects(content, areas, language, styles, column, "For each area:"),
        *sections.urgent_box(content, language, styles, column),
        *sections.aftercare(content, language, styles),
    ]


def build_generic(
    content: Content, req: GenericRequest, *, diagram_loader: DiagramLoader | None = None
) -> bytes:
    """Build a generic handout for the chosen areas (all areas if none are chosen)."""
    story = generic_story(content, req, diagram_loader)
    areas = sections.chosen_areas(content, req.area_ids)
    treatment = capitalised(treatment_title(content, areas, req.language))
    info = DocumentInfo(
        clinic=content.clinic,
        reference=req.reference,
        title=f"{treatment}: information for patients",
        subject=f"{treatment}: " + ", ".join(a.name.get(req.language) for a in areas),
        language=req.language,
        created_on=req.issued_on,
        # On every page: which information this is, and who signed it off.
        content_line=sections.sign_off_text(content.clinic.content_version, req.content_sign_off),
    )
    return render(story, info, columns=True)
