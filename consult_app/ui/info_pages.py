"""HTML for the information panel, built from the content files.

Patient-facing pages and the practitioner-only block are separate functions, so the patient
view can leave the latter out entirely rather than merely hide it. Every content string is
escaped: the clinic's wording is text, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from html import escape

from consult_app.content.labels import families_of, label_status, treatment_title
from consult_app.content.models import ApprovalStatus, Area, Content, Family, Text, Titled
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
    Page.BENEFITS: "Benefits and limits",
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


def _family_parts(family: Family, language: str | None) -> list[str]:
    """What one family can do, cannot do, and the other choices."""
    return [
        _heading("What it can do"),
        _items(family.benefits, language),
        _heading("What it cannot do"),
        _items(family.limits, language),
        _heading("Other choices"),
        _items(family.alternatives, language),
    ]


def area_page(content: Content, area: Area, language: str | None = None) -> str:
    """Return the patient-facing page for one area."""
    info = content.info
    family = content.family_of(area)
    expect = area.expect
    parts = [
        f"<h2>{_t(area.name, language)}</h2>",
        f"<p>{_t(area.summary, language)}</p>",
        _heading("What it treats"),
        f"<p>{_t(area.treats, language)}</p>",
        _heading(family.how_it_works_title.get(language)),
        f"<p>{escape(' '.join(t.get(language) for t in family.how_it_works))}</p>",
        _heading("What to expect"),
        "<table cellspacing='0' cellpadding='3'>",
        f"<tr><td><b>Starts to work</b></td><td>{_t(expect.onset, language)}</td></tr>",
        f"<tr><td><b>Full effect</b></td><td>{_t(expect.full_effect, language)}</td></tr>",
        f"<tr><td><b>How long it lasts</b></td><td>{_t(expect.duration, language)}</td></tr>",
        "</table>",
        *_family_parts(family, language),
        _heading("Common side effects"),
        _items(info.common_side_effects, language),
        _heading("Possible side effects in this area"),
        _items(area.side_effects, language),
        _heading("Aftercare"),
        _titled_items(info.aftercare, language),
    ]
    return "".join(parts)


def general_page(content: Content, page: Page, language: str | None = None) -> str:
    """Return one of the general, patient-facing pages."""
    info = content.info
    families = families_of(content, content.areas)
    if page is Page.HOW:
        parts = [f"<p align='center'><img src='{SIGNAL_PICTURE_URL}' width='360'></p>"]
        for family in families:
            parts.append(f"<h2>{_t(family.how_it_works_title, language)}</h2>")
            parts += [f"<p>{_t(p, language)}</p>" for p in family.how_it_works]
        return "".join(parts)
    if page is Page.BENEFITS:
        parts = [f"<h2>{escape(PAGE_TITLES[page])}</h2>"]
        for family in families:
            parts.append(f"<h2>{escape(_capital(family.name.get(language)))}</h2>")
            parts += _family_parts(family, language)
        return "".join(parts)
    if page is Page.AFTERCARE:
        rows = "".join(
            f"<h3>{_t(i.title, language)}</h3><p>{_t(i.text, language)}</p>" for i in info.aftercare
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
    name = escape(treatment_title(content, content.areas, language or "en"))
    return (
        f"<h2>{escape(content.clinic.name)}</h2>"
        f"<p>Point to an area on the diagram to see what {name} can do there, "
        "what to expect and what to look out for.</p>"
        "<p>Click an area to add it to today's discussion.</p>"
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


_STATUS_WORDS = {
    ApprovalStatus.APPROVED: "on-label",
    ApprovalStatus.OFF_LABEL: "off-label",
    None: "status not recorded: check the national register",
}

_SOURCE_STYLE = "color:#5a6b75;"


def practitioner_block(content: Content, area: Area) -> str:
    """Return the practitioner-only details of ``area`` (never shown in the patient view).

    Approval is shown for the clinic's country, product by product; units are shown with the
    product they belong to and never added or compared across products.
    """
    country = content.clinic.country.value
    rows: list[str] = []
    if area.muscles:
        rows.append(f"<p><b>Muscles:</b> {escape(', '.join(area.muscles))}</p>")
    timing = area.timing
    timing_text = (
        f"review at {timing.review_after_days} days (on time {timing.review_window_days[0]} "
        f"to {timing.review_window_days[1]}); next treatment no sooner than "
        f"{timing.min_interval_days} days"
    )
    if timing.review_note:
        timing_text += f". {timing.review_note}"
    rows.append(f"<p><b>Timing:</b> {escape(timing_text)}</p>")
    names = {product.id: product.name for product in content.clinic.products}
    label_rows = []
    for product in content.clinic.products:
        status, found = label_status(area, country, [product.id])
        detail = (
            f" <span style='{_SOURCE_STYLE}'>({escape(found[0].indication)}; "
            f"{escape(found[0].source)}, checked {found[0].checked:%d %b %Y})</span>"
            if found
            else ""
        )
        note = f" ({escape(found[0].note)})" if found and found[0].note else ""
        label_rows.append(
            f"<li>{escape(product.name)}: <b>{escape(_STATUS_WORDS[status])}</b>{note}{detail}</li>"
        )
    rows.append(f"<p><b>Approval in {escape(country)}</b></p><ul>{''.join(label_rows)}</ul>")
    if area.doses:
        doses = "".join(
            f"<li>{escape(names.get(d.product, d.product) if d.product else 'Product not named')}"
            f": {escape(d.amount)} <span style='{_SOURCE_STYLE}'>({escape(d.source)})</span></li>"
            for d in area.doses
        )
        rows.append(
            "<p><b>Doses seen in labels and studies</b> (units belong to one product: never "
            f"add or compare them across products)</p><ul>{doses}</ul>"
        )
    else:
        rows.append("<p><b>Doses:</b> no labelled or published dose recorded.</p>")
    if area.practitioner_notes:
        notes = "".join(f"<li>{escape(n)}</li>" for n in area.practitioner_notes)
        rows.append(f"<p><b>Notes</b></p><ul>{notes}</ul>")
    return "".join(rows)
