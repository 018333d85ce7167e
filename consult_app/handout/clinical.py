"""Consent-grade sections shared by the sheet and the consent record.

For each family of treatment on the page: how it works, what it can and cannot do and the
other choices. For each area: the medicine, the product and batch once recorded, whether the
use is approved in the clinic's country, and when the review and next treatment can be.
"""

from __future__ import annotations

from collections.abc import Sequence

from consult_app.content.labels import (
    STATUS_WORDS,
    families_of,
    label_status,
    status_meanings,
    timing_sentences,
)
from consult_app.content.models import ApprovalStatus, Area, Content
from consult_app.handout.model import TreatedLine
from consult_app.handout.scripts import markup
from consult_app.handout.sections import Story, bullets, heading
from consult_app.handout.styles import Styles, shared_para


def family_sections(
    content: Content, areas: Sequence[Area], language: str, styles: Styles
) -> Story:
    """How each family of treatment works, its benefits, its limits and the other choices."""
    story: Story = []
    for family in families_of(content, areas):
        story.append(heading(markup(family.how_it_works_title.get(language)), styles))
        story.append(
            shared_para(" ".join(markup(t.get(language)) for t in family.how_it_works), styles.body)
        )
        for title, items in (
            ("What it can do", family.benefits),
            ("What it cannot do", family.limits),
            ("Other choices", family.alternatives),
        ):
            story.append(shared_para(f"<b>{title}</b>", styles.body_tight))
            story += bullets((markup(t.get(language)) for t in items), styles)
    return story


def medicine_section(
    content: Content,
    areas: Sequence[Area],
    treated: Sequence[TreatedLine],
    language: str,
    styles: Styles,
) -> Story:
    """The medicine, the product and batch used, the approval status and the timing per area."""
    consent = content.info.consent
    country = content.clinic.country.value
    stocked = [product.id for product in content.clinic.products]
    story: Story = [
        heading("About your medicine", styles),
        shared_para(
            f"The medicine is <b>{markup(consent.medicine.get(language))}</b>.", styles.body
        ),
    ]
    # Areas that read the same (status, timing, nothing recorded) share one line.
    groups: dict[tuple[str, ...], list[str]] = {}
    statuses: set[ApprovalStatus | None] = set()
    for area in areas:
        used = [line for line in treated if line.area_id == area.id]
        products = [line.product_id for line in used] or stocked
        status, _rows = label_status(area, country, products)
        statuses.add(status)
        parts = (
            STATUS_WORDS[status],
            timing_sentences(area),
            *(f"Used: {markup(u.product_name)}, batch {markup(u.batch)}." for u in used),
        )
        groups.setdefault(parts, []).append(markup(area.name.get(language)))
    items = [f"<b>{', '.join(names)}:</b> {' '.join(parts)}" for parts, names in groups.items()]
    story += bullets(items, styles)
    for text in status_meanings(content, statuses):
        story.append(shared_para(markup(text.get(language)), styles.body_tight))
    return story
