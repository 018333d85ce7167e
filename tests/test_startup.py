"""Start-up stays light: heavy modules load only when first needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication
from consult_app.app import create_main_window
app = QApplication(sys.argv)
window = create_main_window(sys.argv[1])
window.show()
app.processEvents()
heavy = ["reportlab", "pikepdf", "pypdf", "PySide6.QtPdf", "PySide6.QtPdfWidgets",
         "PySide6.QtPrintSupport", "argon2"]
print(json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def test_main_window_opens_without_heavy_imports(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded == []


def test_command_line_does_not_import_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from consult_app.cli import main\n"
        "main(['check-content'])\n"
        "print('PySide6' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1] == "False"
