"""Sections shared by the handouts: clinic header, area information, side effects, urgent help."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from consult_app.content.models import Area, AreaKind, Content, DiagramView
from consult_app.handout.diagram_drawing import DiagramLoader, diagram_flowables, load_cached
from consult_app.handout.model import HandoutError
from consult_app.handout.styles import (
    ACCENT,
    ACCENT_LIGHT,
    RULE,
    URGENT,
    URGENT_LIGHT,
    Styles,
    escape,
)

Story = list[Flowable]


def chosen_areas(content: Content, area_ids: Sequence[str]) -> tuple[Area, ...]:
    """Return the areas for ``area_ids`` in content order; an empty selection means all."""
    if not area_ids:
        return content.areas
    known = {area.id for area in content.areas}
    unknown = [area_id for area_id in dict.fromkeys(area_ids) if area_id not in known]
    if unknown:
        raise HandoutError(
            f"Unknown treatment area: {', '.join(unknown)}. "
            "Choose areas from the clinic's content, or update the content files."
        )
    wanted = set(area_ids)
    return tuple(area for area in content.areas if area.id in wanted)


def heading(text: str, styles: Styles) -> Paragraph:
    """A section heading (fixed wording, not user text)."""
    return Paragraph(text, styles.h2)


def bullets(items: Iterable[str], styles: Styles) -> Story:
    """A bulleted list of (already escaped) items."""
    return [Paragraph(item, styles.bullet, bulletText="•") for item in items]


def _logo(content: Content) -> Flowable | None:
    """The clinic's logo scaled to the header, or ``None`` if there is none to show."""
    logo = content.clinic.logo
    if logo is None:
        return None
    path = logo if logo.is_absolute() else content.source_dir / logo
    try:
        image = Image(str(path))
    except (OSError, ValueError):
        # A missing or unreadable logo must not stop a patient getting their sheet.
        return None
    height = 20 * mm
    width = image.imageWidth * height / max(image.imageHeight, 1)
    if width > 45 * mm:
        width, height = 45 * mm, image.imageHeight * 45 * mm / max(image.imageWidth, 1)
    image.drawWidth, image.drawHeight = width, height
    image.hAlign = "LEFT"
    return image


def clinic_header(content: Content, styles: Styles, width: float) -> Story:
    """The clinic's logo, name and contact details."""
    clinic = content.clinic
    details: list[str] = [", ".join(escape(line) for line in clinic.address if line.strip())]
    contact = [f"Phone {escape(clinic.phone)}"] if clinic.phone else []
    if clinic.email:
        contact.append(escape(clinic.email))
    details.append("  ·  ".join(contact))
    text: Story = [Paragraph(escape(clinic.name), styles.clinic_name)]
    text += [Paragraph(line, styles.clinic_detail) for line in details if line]
    logo = _logo(content)
    if logo is None:
        return [*text, Spacer(1, 4 * mm)]
    logo_width = float(logo.drawWidth) + 6 * mm
    table = Table([[logo, text]], colWidths=[logo_width, width - logo_width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table, Spacer(1, 4 * mm)]


def diagrams(
    content: Content,
    areas: Sequence[Area],
    language: str,
    styles: Styles,
    max_height: float,
    loader: DiagramLoader | None,
) -> Story:
    """The diagram(s) on which ``areas`` are drawn, each area highlighted and named."""
    story: Story = []
    for view in DiagramView:
        labels = [(a.id, a.name.get(language)) for a in areas if a.view is view]
        if not labels:
            continue
        path = content.diagrams.get(view)
        if path is None:
            raise HandoutError(
                f"The content has no {view.value} diagram. "
                "Run check-content to find the problem in the content files."
            )
        diagram = load_cached(path, loader)
        story += diagram_flowables([(diagram, labels)], styles.label, max_height)
        story.append(Spacer(1, 2 * mm))
    return story


def what_to_expect(areas: Sequence[Area], language: str, styles: Styles, width: float) -> Story:
    """When the effect starts, when it is full and how long it lasts.

    Areas with the same timings share one row, so the table stays short.
    """
    groups: dict[tuple[str, str, str], list[str]] = {}
    for area in areas:
        expect = area.expect
        key = (
            expect.onset.get(language),
            expect.full_effect.get(language),
            expect.duration.get(language),
        )
        groups.setdefault(key, []).append(area.name.get(language))
    head = [
        Paragraph(f"<b>{text}</b>", styles.body_tight)
        for text in ("For", "Starts to work", "Full effect", "Lasts")
    ]
    rows: list[list[Any]] = [head]
    for (onset, full_effect, duration), names in groups.items():
        rows.append(
            [
                Paragraph("<br/>".join(f"<b>{escape(n)}</b>" for n in names), styles.body_tight),
                Paragraph(escape(onset), styles.body_tight),
                Paragraph(escape(full_effect), styles.body_tight),
                Paragraph(escape(duration), styles.body_tight),
            ]
        )
    table = Table(
        rows, colWidths=[width * 0.25, width * 0.27, width * 0.2, width * 0.28], repeatRows=1
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT_LIGHT),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return [heading("What to expect and when", styles), table]


def how_it_works(content: Content, areas: Sequence[Area], language: str, styles: Styles) -> Story:
    """How the treatment works, with the sweating paragraph only if a sweating area is chosen."""
    info = content.info
    story: Story = [heading(escape(info.how_it_works_title.get(language)), styles)]
    story += [Paragraph(escape(t.get(language)), styles.body) for t in info.how_it_works]
    if any(area.kind is AreaKind.SWEATING for area in areas):
        story += [
            Paragraph(escape(t.get(language)), styles.body) for t in info.how_it_works_sweating
        ]
    return story


def benefits(content: Content, language: str, styles: Styles) -> Story:
    """The benefits, each with its short title in bold."""
    items = [
        f"<b>{escape(b.title.get(language))}.</b> {escape(b.text.get(language))}"
        for b in content.info.benefits
    ]
    return [heading("The benefits", styles), *bullets(items, styles)]


def side_effects(
    content: Content,
    areas: Sequence[Area],
    language: str,
    styles: Styles,
    areas_title: str = "For your treatment areas:",
) -> Story:
    """Common side effects, those of the chosen areas only, and the rare serious ones."""
    info = content.info
    story: Story = [
        heading("Possible side effects", styles),
        Paragraph("<b>Common and mild.</b> These usually pass in a few days:", styles.body_tight),
        *bullets((escape(t.get(language)) for t in info.common_side_effects), styles),
    ]
    specific = [
        f"<b>{escape(area.name.get(language))}:</b> {escape(effect.get(language))}"
        for area in areas
        for effect in area.side_effects
    ]
    if specific:
        story.append(Paragraph(f"<b>{areas_title}</b>", styles.body_tight))
        story += bullets(specific, styles)
    story.append(
        Paragraph(
            f"<b>{escape(info.serious_side_effects_intro.get(language))}</b>", styles.body_tight
        )
    )
    story += bullets((escape(t.get(language)) for t in info.serious_side_effects), styles)
    return story


def urgent_box(content: Content, language: str, styles: Styles, width: float) -> Story:
    """The boxed "Get help urgently if..." section, kept on one page."""
    info = content.info
    clinic = content.clinic
    inner: Story = [Paragraph("Get help urgently if...", styles.urgent_title)]
    inner += bullets((escape(t.get(language)) for t in info.urgent_help), styles)
    inner.append(
        Paragraph(
            f"<b>Call {escape(clinic.emergency_number)} straight away</b> "
            "or go to your nearest emergency department.",
            styles.body,
        )
    )
    if info.contact_clinic:
        inner.append(
            Paragraph(
                f"<b>Call the clinic on {escape(clinic.phone)}</b> if you notice:",
                styles.body_tight,
            )
        )
        inner += bullets((escape(t.get(language)) for t in info.contact_clinic), styles)
    inner.append(Paragraph(escape(info.no_driving.get(language)), styles.body))
    box = Table([[inner]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.6, URGENT),
                ("BACKGROUND", (0, 0), (-1, -1), URGENT_LIGHT),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [CondPageBreak(40 * mm), Spacer(1, 3 * mm), KeepTogether([box])]


def aftercare(content: Content, language: str, styles: Styles) -> Story:
    """Aftercare tips, each with its short title in bold."""
    items = [
        f"<b>{escape(t.title.get(language))}.</b> {escape(t.text.get(language))}"
        for t in content.info.aftercare
    ]
    return [heading("Aftercare", styles), *bullets(items, styles)]


def accent_rule(width: float) -> Flowable:
    """A thin accent line under the title block."""
    table = Table([[""]], colWidths=[width], rowHeights=[1.2])
    table.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, -1), 1.2, ACCENT)]))
    return table
