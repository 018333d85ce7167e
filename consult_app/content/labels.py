"""Pure look-ups over the content that screens and handouts share: families, label status."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from consult_app.content.models import Approval, ApprovalStatus, Area, AreaKind, Content, Family


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
