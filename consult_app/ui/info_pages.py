"""HTML for the information panel, built from the content files.

Patient-facing pages and the practitioner-only block are separate functions, so the patient
view can leave the latter out entirely rather than merely hide it. Every content string is
escaped: the clinic's wording is text, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from html import escape

from consult_app.content.models import Area, AreaKind, Content, Text, Titled
from consult_app.content.urgent import URGENT_TITLE, urgent_steps

SIGNAL_PICTURE_URL = "consult-app:how-it-works"


class Page(StrEnum):
    """The pages of the information panel."""

    AREA = "area"
    HOW = "how"
    BENEFITS = "benefits"
    SIDE_EFFECTS = "side_effects"
    AFTERCARE = "aftercare"


PAGE_TITLES: dict[Page, str] = {
    Page.AREA: "This area",
    Page.HOW: "How it works",
    Page.BENEFITS: "Benefits",
    Page.SIDE_EFFECTS: "Side effects",
    Page.AFTERCARE: "Aftercare",
}


def _t(text: Text, language: str | None) -> str:
    return escape(text.get(language))


def _items(texts: Iterable[Text], language: str | None) -> str:
    rows = "".join(f"<li>{_t(t, language)}</li>" for t in texts)
    return f"<ul>{rows}</ul>" if rows else ""


def _titled_items(items: Iterable[Titled], language: str | None) -> str:
    rows = "".join(
        f"<li><b>{_t(item.title, language)}.</b> {_t(item.text, language)}</li>" for item in items
    )
    return f"<ul>{rows}</ul>" if rows else ""


def _heading(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def area_page(content: Content, area: Area, language: str | None = None) -> str:
    """Return the patient-facing page for one area."""
    info = content.info
    how = info.how_it_works_sweating if area.kind is AreaKind.SWEATING else info.how_it_works
    expect = area.expect
    parts = [
        f"<h2>{_t(area.name, language)}</h2>",
        f"<p>{_t(area.summary, language)}</p>",
        _heading("What it treats"),
        f"<p>{_t(area.treats, language)}</p>",
        _heading("How it works"),
        f"<p>{escape(' '.join(t.get(language) for t in how))}</p>",
        _heading("What to expect"),
        "<table cellspacing='0' cellpadding='3'>",
        f"<tr><td><b>Starts to work</b></td><td>{_t(expect.onset, language)}</td></tr>",
        f"<tr><td><b>Full effect</b></td><td>{_t(expect.full_effect, language)}</td></tr>",
        f"<tr><td><b>How long it lasts</b></td><td>{_t(expect.duration, language)}</td></tr>",
        "</table>",
        _heading("Benefits"),
        _titled_items(info.benefits, language),
        _heading("Common side effects"),
        _items(info.common_side_effects, language),
    ]
    if area.side_effects:
        parts += [
            _heading("Possible side effects in this area"),
            _items(area.side_effects, language),
        ]
    parts += [_heading("Aftercare"), _titled_items(info.aftercare, language)]
    return "".join(parts)


def general_page(content: Content, page: Page, language: str | None = None) -> str:
    """Return one of the general, patient-facing pages."""
    info = content.info
    if page is Page.HOW:
        paragraphs = "".join(f"<p>{_t(p, language)}</p>" for p in info.how_it_works)
        sweat = "".join(f"<p>{_t(p, language)}</p>" for p in info.how_it_works_sweating)
        return (
            f"<h2>{_t(info.how_it_works_title, language)}</h2>"
            f"<p align='center'><img src='{SIGNAL_PICTURE_URL}' width='360'></p>"
            f"{paragraphs}{_heading('For sweating')}{sweat}"
        )
    if page in (Page.BENEFITS, Page.AFTERCARE):
        items = info.benefits if page is Page.BENEFITS else info.aftercare
        rows = "".join(
            f"<h3>{_t(i.title, language)}</h3><p>{_t(i.text, language)}</p>" for i in items
        )
        return f"<h2>{escape(PAGE_TITLES[page])}</h2>{rows}"
    if page is Page.SIDE_EFFECTS:
        return (
            "<h2>Side effects</h2>"
            f"{_heading('Common and mild')}{_items(info.common_side_effects, language)}"
            f"{_heading('Rare but serious')}<p>{_t(info.serious_side_effects_intro, language)}</p>"
            f"{_items(info.serious_side_effects, language)}"
            f"{urgent_help(content, language)}"
        )
    raise ValueError(f"{page} is not a general page")


def urgent_help(content: Content, language: str | None = None) -> str:
    """Return the boxed, numbered urgent-help steps for the clinic's country."""
    rows: list[str] = []
    for number, step in enumerate(urgent_steps(content, language), start=1):
        when = f" {escape(step.when)}" if step.when else ""
        rows.append(f"<p><b>{number}. {escape(step.action)}</b>{when}</p>")
        if step.signs:
            rows.append("<ul>" + "".join(f"<li>{escape(s)}</li>" for s in step.signs) + "</ul>")
        if step.then:
            rows.append(f"<p>{escape(' '.join(step.then))}</p>")
    return (
        "<table width='100%' cellpadding='8' cellspacing='0' border='2'"
        " style='background-color:#fdecea; border-color:#9b1c1c; border-style:solid;'><tr><td>"
        f"<h3 style='color:#9b1c1c;'>{escape(URGENT_TITLE)}</h3>{''.join(rows)}</td></tr></table>"
    )


def welcome_page(content: Content, language: str | None = None) -> str:
    """Return the page shown before any area is chosen."""
    name = escape(content.clinic.treatment_name.get(language))
    return (
        f"<h2>{escape(content.clinic.name)}</h2>"
        f"<p>Point to an area on the diagram to see what {name} can do there, "
        "what to expect and what to look out for.</p>"
        "<p>Click an area to add it to today's discussion.</p>"
    )


def practitioner_block(area: Area) -> str:
    """Return the practitioner-only details of ``area`` (never shown in the patient view)."""
    rows: list[str] = []
    if area.muscles:
        rows.append(f"<p><b>Muscles:</b> {escape(', '.join(area.muscles))}</p>")
    if area.doses:
        doses = "".join(
            f"<li>{escape(d.product)}: {escape(d.amount)} "
            f"<span style='color:#5a6b75;'>({escape(d.source)})</span></li>"
            for d in area.doses
        )
        rows.append(f"<p><b>Doses seen in labels and studies</b></p><ul>{doses}</ul>")
    else:
        rows.append("<p><b>Doses:</b> no labelled or published dose recorded.</p>")
    if area.approvals:
        approvals = "".join(
            f"<li>{escape(a.country)}: {escape(a.status.value.replace('_', '-'))}"
            f"{' (' + escape(a.note) + ')' if a.note else ''} "
            f"<span style='color:#5a6b75;'>({escape(a.source)}, checked {a.checked:%d %b %Y})"
            "</span></li>"
            for a in area.approvals
        )
        rows.append(f"<p><b>Approval</b></p><ul>{approvals}</ul>")
    if area.practitioner_notes:
        notes = "".join(f"<li>{escape(n)}</li>" for n in area.practitioner_notes)
        rows.append(f"<p><b>Notes</b></p><ul>{notes}</ul>")
    return "".join(rows)
