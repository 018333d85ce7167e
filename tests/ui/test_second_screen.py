"""With a second screen connected, the patient view opens the patient's own screen there.

Qt's screens are fixed when the application starts, so this runs in a child process with the
offscreen platform configured for two screens.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCREENS = {
    "screens": [
        {"name": "Practitioner", "x": 0, "y": 0, "width": 1440, "height": 900,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "Patient", "x": 1440, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    ]
}  # fmt: skip

CHILD = """
import json, sys
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QTextEdit, QWidget
from consult_app.app import create_main_window
app = QApplication(sys.argv)
practitioner = next(s for s in QGuiApplication.screens() if s.name() == "Practitioner")
window = create_main_window(sys.argv[1])
window.setScreen(practitioner)
window.move(practitioner.geometry().topLeft())
window.show()
app.processEvents()
window.set_patient_view(True)
app.processEvents()
window.selection.toggle("masseter")
app.processEvents()
display = window.patient_display
texts = []
if display is not None:
    for w in [display, *display.findChildren(QWidget)]:
        if w.isVisible():
            if isinstance(w, QLabel):
                texts.append(w.text())
            elif isinstance(w, QTextEdit):
                texts.append(w.toPlainText())
area = window.context.content.area("masseter")
secret = sorted({*area.muscles, *(d.amount for d in area.doses), *area.practitioner_notes})
print(json.dumps({
    "opened": display is not None,
    "screen": display.screen().name() if display else None,
    "full_screen": bool(display and display.isFullScreen()),
    "shows_area": area.name.get() in "\\n".join(texts),
    "leaked": [s for s in secret if s in "\\n".join(texts)],
}))
window.set_patient_view(False)
app.processEvents()
print(json.dumps({"closed": window.patient_display is None}))
"""


@pytest.mark.gui
@pytest.mark.slow
def test_patient_view_opens_full_screen_on_the_other_screen(tmp_path: Path) -> None:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    opened, closed = (json.loads(line) for line in result.stdout.strip().splitlines()[-2:])
    assert opened == {
        "opened": True,
        "screen": "Patient",
        "full_screen": True,
        "shows_area": True,
        "leaked": [],
    }
    assert closed == {"closed": True}
