"""Render the README's screenshots from the real main window, offscreen.

QT_QPA_PLATFORM=offscreen python tools/screenshots.py docs
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from consult_app.app import create_main_window

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs") / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as data_dir:
        window = create_main_window(data_dir)
        window.resize(1400, 860)
        window.show()
        app.processEvents()
        window.grab().save(str(out / "main-window.png"))

        for area in ("forehead", "glabella", "crows_feet"):
            window.selection.toggle(area)
        face = window.workspace.diagram_tabs.diagrams[next(iter(window.context.diagrams))]
        face.setFocus()
        app.processEvents()
        window.grab().save(str(out / "area-selected.png"))

        window.set_patient_view(True)
        app.processEvents()
        window.grab().save(str(out / "patient-view.png"))
        window.close()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
