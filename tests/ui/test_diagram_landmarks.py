"""The face diagram's anatomical landmarks are hidden: the app draws the face without them."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from consult_app.bundled import bundled_resource
from consult_app.content.diagram import load_diagram
from consult_app.ui.diagram_widget import DiagramWidget
from consult_app.ui.selection import AreaSelection


def drawn(qtbot: QtBot, path: Path) -> QImage:
    widget = DiagramWidget(load_diagram(path), AreaSelection(), str, interactive=False)
    qtbot.addWidget(widget)
    widget.resize(400, 500)
    return widget.grab().toImage()


def test_landmarks_are_not_drawn_in_the_app(qtbot: QtBot, tmp_path: Path) -> None:
    face = bundled_resource() / "diagrams" / "face.svg"
    text = face.read_text(encoding="utf-8")
    without, removed = re.subn(r'<g id="landmarks".*?</g>', "", text, flags=re.DOTALL)
    assert removed == 1
    bare = tmp_path / "face.svg"
    bare.write_text(without, encoding="utf-8")
    assert load_diagram(face).landmarks
    assert not load_diagram(bare).landmarks
    assert drawn(qtbot, face) == drawn(qtbot, bare)
