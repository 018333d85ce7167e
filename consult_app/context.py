"""The context object the composition root builds and hands to the window."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from consult_app.content.diagram import Diagram
from consult_app.content.models import Content, DiagramView


@dataclass(frozen=True)
class AppContext:
    """Everything the screens need, built once in :mod:`consult_app.app`."""

    data_dir: Path
    content: Content
    diagrams: dict[DiagramView, Diagram]

    @property
    def window_settings_file(self) -> Path:
        """Return the file that keeps window size, position and layout."""
        return self.data_dir / "window.ini"
