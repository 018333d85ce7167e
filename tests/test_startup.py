"""Start-up stays light: heavy modules load only when first needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication
from consult_app.app import create_main_window
app = QApplication(sys.argv)
window = create_main_window(sys.argv[1])
window.show()
app.processEvents()
heavy = ["reportlab", "pikepdf", "pypdf", "PySide6.QtPdf", "PySide6.QtPdfWidgets",
         "PySide6.QtPrintSupport", "argon2", "arabic_reshaper", "bidi",
         "consult_app.services.handouts", "yaml", "consult_app.content.checks"]
print(json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def _loaded_at_start(data_dir: Path) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.gui
def test_main_window_opens_without_heavy_imports(tmp_path: Path) -> None:
    # The first start in a folder checks the content (YAML parser and all) and keeps the
    # result; later starts, the normal case, use it and load neither.
    first = _loaded_at_start(tmp_path / "data")
    assert first == ["consult_app.content.checks", "yaml"]
    assert _loaded_at_start(tmp_path / "data") == []


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
