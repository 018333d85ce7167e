"""Pure look-ups over the content that screens and handouts share: families, label status."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from consult_app.content.models import (
    Approval,
    ApprovalStatus,
    Area,
    AreaKind,
    Content,
    Family,
    Text,
)

#: How a sheet or the consent screen names an area's status (plain, fixed wording).
STATUS_WORDS: dict[ApprovalStatus | None, str] = {
    ApprovalStatus.APPROVED: "an approved use.",
    ApprovalStatus.OFF_LABEL: "an off-label use.",
    None: "ask us if this use is approved.",
}


def families_of(content: Content, areas: Iterable[Area]) -> tuple[Family, ...]:
    """Return the families of ``areas``, wrinkle treatment first, each once."""
    kinds = {area.kind for area in areas}
    return tuple(content.info.families.of(kind) for kind in AreaKind if kind in kinds)


def treatment_title(content: Content, areas: Iterable[Area], language: str) -> str:
    """Name the treatment of ``areas``: one family's name, or both joined by "and"."""
    names = [family.name.get(language) for family in families_of(content, areas)]
    if not names:
        names = [content.info.families.cosmetic.name.get(language)]
    return " and ".join(names)


def label_status(
    area: Area, country: str, product_ids: Sequence[str]
) -> tuple[ApprovalStatus | None, tuple[Approval, ...]]:
    """Return the status of ``area`` in ``country`` for the products, and the rows behind it.

    The status is ``None`` (not recorded) unless every product has a row and all the rows
    agree: units and approvals belong to one product, so nothing is assumed across products.
    """
    rows = [area.approval(product, country) for product in dict.fromkeys(product_ids)]
    found = tuple(row for row in rows if row is not None)
    if not rows or len(found) != len(rows):
        return None, found
    statuses = {row.status for row in found}
    return (statuses.pop() if len(statuses) == 1 else None), found


def status_meanings(content: Content, statuses: Iterable[ApprovalStatus | None]) -> list[Text]:
    """Return the content's plain explanation of each status that occurs, in a fixed order."""
    consent = content.info.consent
    seen = set(statuses)
    meanings: list[tuple[ApprovalStatus | None, Text]] = [
        (ApprovalStatus.APPROVED, consent.on_label),
        (ApprovalStatus.OFF_LABEL, consent.off_label),
        (None, consent.not_recorded),
    ]
    return [text for status, text in meanings if status in seen]


def weeks_or_days(days: int) -> str:
    """Say a number of days the way a patient counts them ("2 weeks", "16 weeks", "90 days")."""
    if days % 7 == 0 and days >= 14:
        return f"{days // 7} weeks"
    return f"{days} days"


def about(days: int) -> str:
    """Say roughly when ("2 weeks", "4 weeks", "3 months"): for a review, not a limit."""
    if days >= 60:
        return f"{round(days / 30)} months"
    return weeks_or_days(days)


def timing_sentences(area: Area) -> str:
    """When the review is and how soon the area may be treated again (exactly)."""
    timing = area.timing
    interval = weeks_or_days(timing.min_interval_days)
    if timing.min_interval_days % 7 and timing.min_interval_days >= 60:
        interval += f" (about {about(timing.min_interval_days)})"
    return (
        f"Review at about {about(timing.review_after_days)}. "
        f"Next treatment no sooner than {interval}."
    )
