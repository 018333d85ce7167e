"""Sections shared by the handouts: clinic header, area information, side effects, urgent help."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from consult_app.content.models import Area, Content, DiagramView
from consult_app.content.urgent import URGENT_TITLE, urgent_steps
from consult_app.domain.signoff import SignOffNote
from consult_app.handout.diagram_drawing import DiagramLoader, diagram_flowables, load_cached
from consult_app.handout.model import HandoutError
from consult_app.handout.scripts import markup
from consult_app.handout.styles import (
    ACCENT_LIGHT,
    FONT_REGULAR,
    URGENT,
    URGENT_LIGHT,
    Para,
    Styles,
    format_date,
    shared_para,
    table_style,
)

Story = list[Flowable]


def chosen_areas(content: Content, area_ids: Sequence[str]) -> tuple[Area, ...]:
    """Return the areas for ``area_ids`` in content order; an empty selection means all."""
    if not area_ids:
        return content.areas
    unknown = [area_id for area_id in dict.fromkeys(area_ids) if not content.has_area(area_id)]
    if unknown:
        raise HandoutError(
            f"Unknown treatment area: {', '.join(unknown)}. "
            "Choose areas from the clinic's content, or update the content files."
        )
    wanted = set(area_ids)
    return tuple(area for area in content.areas if area.id in wanted)


def heading(text: str, styles: Styles) -> Paragraph:
    """A section heading (fixed wording, not user text)."""
    return shared_para(text, styles.h2)


def bullets(items: Iterable[str], styles: Styles, *, content: bool = True) -> Story:
    """A bulleted list of (already escaped) items; ``content=False`` for typed text."""
    if content:
        return [shared_para(item, styles.bullet, "•") for item in items]
    return [Para(item, styles.bullet, bulletText="•") for item in items]


def short_bullets(texts: Sequence[str], styles: Styles, width: float) -> Story:
    """A bulleted list of user or content texts, in 2 columns when every item is short.

    Short lists ("Bruising.", "Headache.") take half the height side by side; anything that
    would wrap keeps one column, so no item is ever squeezed.
    """
    column = width / 2 - 4
    fits = all(
        stringWidth(text, FONT_REGULAR, styles.bullet.fontSize)
        <= column - styles.bullet.leftIndent - 4
        for text in texts
    )
    if len(texts) < 4 or not fits:
        return bullets((markup(t) for t in texts), styles)
    rows = (len(texts) + 1) // 2
    # Empty cells hold a spacer: an empty string would make the table name Helvetica.
    cells: list[Flowable] = [shared_para(markup(t), styles.bullet, "•") for t in texts]
    cells += [Spacer(0, 0)] * (2 * rows - len(cells))
    table = Table(
        [[cells[r], cells[rows + r]] for r in range(rows)],
        colWidths=["50%", "50%"],
    )
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    table.hAlign = "LEFT"
    return [table]


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
    height = 17 * mm
    width = image.imageWidth * height / max(image.imageHeight, 1)
    if width > 45 * mm:
        width, height = 45 * mm, image.imageHeight * 45 * mm / max(image.imageWidth, 1)
    image.drawWidth, image.drawHeight = width, height
    image.hAlign = "LEFT"
    return image


def clinic_header(content: Content, styles: Styles, width: float) -> Story:
    """The clinic's logo, name and contact details."""
    clinic = content.clinic
    details: list[str] = [", ".join(markup(line) for line in clinic.address if line.strip())]
    contact = [f"Phone {markup(clinic.phone)}"] if clinic.phone else []
    if clinic.email:
        contact.append(markup(clinic.email))
    details.append("  ·  ".join(contact))
    text: Story = [shared_para(markup(clinic.name), styles.clinic_name)]
    text += [shared_para(line, styles.clinic_detail) for line in details if line]
    logo = _logo(content)
    if logo is None:
        return [*text, Spacer(1, 4 * mm)]
    logo_width = float(logo.drawWidth) + 6 * mm
    table = Table([[logo, text]], colWidths=[logo_width, width - logo_width])
    table.setStyle(
        table_style(
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


def what_to_expect(areas: Sequence[Area], language: str, styles: Styles) -> Story:
    """When the effect starts, when it is full and how long it lasts.

    Areas with the same timings are grouped, so the section stays short; it is a list
    rather than a table so that it reads well in a narrow column.
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
    story: Story = [heading("What to expect and when", styles)]
    for (onset, full_effect, duration), names in groups.items():
        block: Story = []
        if len(groups) > 1:
            block.append(shared_para(markup(", ".join(names)), styles.h3))
        block += bullets(
            [
                f"<b>Starts to work:</b> {markup(onset)}",
                f"<b>Full effect:</b> {markup(full_effect)}",
                f"<b>Lasts:</b> {markup(duration)}",
            ],
            styles,
        )
        story.append(KeepTogether(block))
    return story


def side_effects(
    content: Content,
    areas: Sequence[Area],
    language: str,
    styles: Styles,
    width: float,
    areas_title: str = "For your treatment areas:",
) -> Story:
    """Common side effects, those of the chosen areas only, and the rare serious ones."""
    info = content.info
    story: Story = [
        heading("Possible side effects", styles),
        shared_para("<b>Common and mild.</b> These usually pass in a few days:", styles.body_tight),
        *short_bullets([t.get(language) for t in info.common_side_effects], styles, width),
    ]
    specific = [
        f"<b>{markup(area.name.get(language))}:</b> "
        + " ".join(markup(effect.get(language)) for effect in area.side_effects)
        for area in areas
        if area.side_effects
    ]
    if specific:
        story.append(shared_para(f"<b>{areas_title}</b>", styles.body_tight))
        story += bullets(specific, styles)
    story.append(
        shared_para(
            f"<b>{markup(info.serious_side_effects_intro.get(language))}</b>", styles.body_tight
        )
    )
    story += short_bullets([t.get(language) for t in info.serious_side_effects], styles, width)
    return story


def urgent_box(content: Content, language: str, styles: Styles, width: float) -> Story:
    """The boxed, numbered urgent-help steps for the clinic's country, kept on one page."""
    inner: Story = [shared_para(URGENT_TITLE, styles.urgent_title)]
    inner_width = width - 20
    for number, step in enumerate(urgent_steps(content, language), start=1):
        when = f" {markup(step.when)}" if step.when else ""
        inner.append(
            shared_para(f"<b>{number}. {markup(step.action)}</b>{when}", styles.body_tight)
        )
        inner += short_bullets(list(step.signs), styles, inner_width)
        if step.then:
            inner.append(shared_para(" ".join(markup(t) for t in step.then), styles.body_tight))
        inner.append(Spacer(1, 1 * mm))
    box = Table([[inner]], colWidths=["100%"])
    box.setStyle(
        table_style(
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
        f"<b>{markup(t.title.get(language))}.</b> {markup(t.text.get(language))}"
        for t in content.info.aftercare
    ]
    return [heading("Aftercare", styles), *bullets(items, styles)]


def details_table(
    rows: Sequence[tuple[str, str]], styles: Styles, width: float, label_width: float
) -> Table:
    """A tinted box of labels and (already escaped) bold values: who, when, which version."""
    table = Table(
        [[Para(k, styles.body_tight), Para(f"<b>{v}</b>", styles.body_tight)] for k, v in rows],
        colWidths=[label_width, width - label_width],
    )
    table.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, 0), 7),
                ("TOPPADDING", (0, 1), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
            ]
        )
    )
    return table


def sign_off_text(version: str, note: SignOffNote | None) -> str:
    """Say (as plain text) which content version this is and who signed it off, and when."""
    if note is None:
        return f"{version}, not yet signed off by the clinic's doctor"
    return f"{version}, signed off by {note.signed_by} on {format_date(note.signed_on)}"


def sign_off_words(version: str, note: SignOffNote | None) -> str:
    """As :func:`sign_off_text`, as markup for a paragraph."""
    return markup(sign_off_text(version, note))
