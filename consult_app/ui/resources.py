"""Bundled pictures used by the screens (not clinic content)."""

from __future__ import annotations

from functools import cache

from consult_app.bundled import bundled_resource


@cache
def signal_picture_svg() -> bytes:
    """Return the picture of a nerve-to-muscle signal, normal and blocked, as SVG bytes."""
    return bundled_resource("pictures", "how_it_works.svg").read_bytes()
