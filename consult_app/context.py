"""The context object the composition root builds and hands to the window."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from consult_app.content.diagram import Diagram
from consult_app.content.models import Content, DiagramView
from consult_app.domain.access import User
from consult_app.store import Store

if TYPE_CHECKING:
    from consult_app.services.handouts import HandoutService


@dataclass(frozen=True)
class AppContext:
    """Everything the screens need, built once in :mod:`consult_app.app`.

    ``user`` is who is signed in; ``store`` acts with that user's rights, and
    ``user.username`` is recorded as the actor of every change. ``content_fingerprint`` is
    the fingerprint of the content's files as loaded (what a clinical sign-off is for).
    """

    data_dir: Path
    content: Content
    diagrams: dict[DiagramView, Diagram]
    store: Store
    user: User
    content_fingerprint: str

    @property
    def window_settings_file(self) -> Path:
        """Return the file that keeps window size, position and layout."""
        return self.data_dir / "window.ini"

    @property
    def handouts(self) -> HandoutService:
        """Return the handout service for this session (ReportLab loads on first use)."""
        # The one lazy import of the service: start-up does not load ReportLab.
        from consult_app.services.handouts import HandoutService

        return HandoutService(self.store, self.content, self.content_fingerprint)
