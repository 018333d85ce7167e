"""The personalised information sheet: the patient's areas, goals, plan and what to expect."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from consult_app.content.labels import treatment_title
from consult_app.content.models import Area, Content
from consult_app.handout import clinical, sections
from consult_app.handout.diagram_drawing import DiagramLoader
from consult_app.handout.document import COLUMN_GAP, DocumentInfo, frame_width, render
from consult_app.handout.model import HandoutError, SheetRequest
from consult_app.handout.scripts import UserPara, markup, right_to_left
from consult_app.handout.styles import (
    ACCENT,
    ACCENT_LIGHT,
    RULE,
    Para,
    Styles,
    capitalised,
    format_date,
    format_weekday_date,
    make_styles,
    register_fonts,
    table_style,
)


class TimelineEntry(Flowable):  # type: ignore[misc]
    """One dated step of the plan, drawn on a vertical line with a dot."""

    _DOT_X = 7.0
    _DATE_X = 22.0

    def __init__(self, when: str, label: str, styles: Styles, *, first: bool, last: bool) -> None:
        super().__init__()
        self._date = Para(f"<b>{when}</b>", styles.body_tight)
        self._label = Para(label, styles.body_tight)
        self._first = first
        self._last = last
        self._date_width = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._date_width = min(185.0, (avail_width - self._DATE_X) * 0.42)
        label_width = avail_width - self._DATE_X - self._date_width - 8
        _w, date_height = self._date.wrap(self._date_width, avail_height)
        _w, label_height = self._label.wrap(label_width, avail_height)
        self.width = avail_width
        self.height = max(date_height, label_height) + 7
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        dot_y = self.height - 9.5
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(2)
        if not self._first:
            canvas.line(self._DOT_X, self.height, self._DOT_X, dot_y)
        if not self._last:
            canvas.line(self._DOT_X, dot_y, self._DOT_X, 0)
        canvas.setFillColor(ACCENT)
        canvas.setStrokeColorRGB(1, 1, 1)
        canvas.setLineWidth(1.5)
        canvas.circle(self._DOT_X, dot_y, 5, stroke=1, fill=1)
        canvas.restoreState()
        self._date.drawOn(canvas, self._DATE_X, self.height - self._date.height - 2)
        label_x = self._DATE_X + self._date_width + 8
        self._label.drawOn(canvas, label_x, self.height - self._label.height - 2)


def _patient_box(req: SheetRequest, styles: Styles, width: float) -> Table:
    """Who the sheet is for, the date and the practitioner."""

    def cell(text: str) -> Paragraph:
        return Para(text, styles.body_tight)

    label_width = 34 * mm
    half = (width - 2 * label_width) / 2
    table = Table(
        [
            [
                cell("Prepared for"),
                cell(f"<b>{markup(req.patient_name)}</b>"),
                Spacer(0, 0),
                Spacer(0, 0),
            ],
            [
                cell("Date"),
                cell(f"<b>{format_date(req.issued_on)}</b>"),
                cell("Practitioner"),
                cell(f"<b>{markup(req.practitioner)}</b>"),
            ],
        ],
        colWidths=[label_width, half, label_width, half],
    )
    table.setStyle(
        table_style(
            [
                ("SPAN", (1, 0), (3, 0)),
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


def _goals(content: Content, req: SheetRequest, styles: Styles) -> list[Flowable]:
    """The patient's goals in their own words."""
    if not req.goals:
        return []
    story: list[Flowable] = [sections.heading("Your goals", styles)]
    for goal in req.goals:
        if not content.has_area(goal.area_id):
            raise HandoutError(
                f"A goal is for an unknown treatment area ({goal.area_id}). "
                "Edit the goal and choose one of the clinic's areas."
            )
        area = content.area(goal.area_id)
        block: list[Flowable] = [
            Para(markup(area.name.get(req.language)), styles.h3),
            *_typed("In your words:", goal.in_own_words.strip(), styles, quoted=True),
        ]
        if goal.hoped_result.strip():
            block += _typed("The result you hope for:", goal.hoped_result.strip(), styles)
        block.append(Spacer(1, 4))
        story.append(KeepTogether(block))
    return story


def _typed(label: str, text: str, styles: Styles, *, quoted: bool = False) -> list[Flowable]:
    """A label and the patient's own words: on one paragraph, or (right to left) two."""
    if right_to_left(text):  # no quotation marks: their shapes differ in right-to-left text
        return [Para(label, styles.body_tight), UserPara(text, styles.body_tight)]
    words = f"<i>{markup(f'“{text}”')}</i>" if quoted else markup(text)
    return [Para(f"{label} {words}", styles.body_tight)]


def _plan(req: SheetRequest, styles: Styles) -> list[Flowable]:
    """The plan as a timeline with real dates."""
    if not req.plan:
        return []
    entries = sorted(req.plan, key=lambda entry: entry.date)
    story: list[Flowable] = [sections.heading("Your plan", styles)]
    for index, entry in enumerate(entries):
        when = format_weekday_date(entry.date)
        if entry.date == req.issued_on:
            when += " (today)"
        story.append(
            TimelineEntry(
                when,
                markup(entry.label),
                styles,
                first=index == 0,
                last=index == len(entries) - 1,
            )
        )
    return story


def _subject(content: Content, areas: Sequence[Area], language: str) -> str:
    names = ", ".join(area.name.get(language) for area in areas)
    return f"{capitalised(treatment_title(content, areas, language))}: {names}"


def sheet_story(
    content: Content, req: SheetRequest, loader: DiagramLoader | None = None
) -> list[Flowable]:
    """Return the flowables of the personalised sheet."""
    if not req.area_ids:
        raise HandoutError("Choose at least one treatment area for the patient's sheet.")
    register_fonts()
    styles = make_styles()
    language = req.language
    width = frame_width(content.clinic.paper_size)
    column = (width - COLUMN_GAP) / 2
    areas = sections.chosen_areas(content, req.area_ids)
    greeting = req.patient_preferred_name.strip() or req.patient_name.strip()
    story: list[Flowable] = [
        *sections.clinic_header(content, styles, width),
        Para("Your information sheet", styles.title),
        Para(markup(capitalised(treatment_title(content, areas, language))), styles.body),
        _patient_box(req, styles, width),
        Spacer(1, 3 * mm),
        Para(
            # The full stop goes through markup() too: it may belong with the name's letters.
            f"Hello {markup(greeting + '.')} This sheet is about <b>your</b> treatment. "
            "Please keep it.",
            styles.body,
        ),
        sections.heading("Your treatment areas", styles),
        *sections.diagrams(content, areas, language, styles, 46 * mm, loader),
        *_goals(content, req, styles),
        *_plan(req, styles),
        *sections.what_to_expect(areas, language, styles),
        *clinical.family_sections(content, areas, language, styles),
        *clinical.medicine_section(content, areas, req.treated, language, styles),
        *sections.side_effects(content, areas, language, styles, column),
        *sections.urgent_box(content, language, styles, column),
        *sections.aftercare(content, language, styles),
    ]
    return story


def build_sheet(
    content: Content, req: SheetRequest, *, diagram_loader: DiagramLoader | None = None
) -> bytes:
    """Build the patient's personalised information sheet as PDF bytes."""
    story = sheet_story(content, req, diagram_loader)
    areas = sections.chosen_areas(content, req.area_ids)
    info = DocumentInfo(
        clinic=content.clinic,
        reference=req.reference,
        title=f"Information sheet for {req.patient_name}",
        subject=_subject(content, areas, req.language),
        language=req.language,
        created_on=req.issued_on,
        # On every page: which information this is, and who signed it off.
        content_line=sections.sign_off_text(content.clinic.content_version, req.content_sign_off),
    )
    return render(story, info, columns=True)
