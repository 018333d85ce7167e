"""The app does not start on invalid content: it lists every problem in a dialog."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPlainTextEdit

from consult_app.app import run_gui
from consult_app.content import bundled_content_dir
from consult_app.ui.startup_errors import StartupErrorDialog


def test_invalid_content_shows_every_problem_and_does_not_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    folder = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), folder)
    areas = folder / "content" / "areas.yaml"
    areas.write_text(
        areas.read_text(encoding="utf-8").replace("id: chin", "id: chinn", 1), encoding="utf-8"
    )
    shown: list[list[str]] = []

    def fake_exec(dialog: StartupErrorDialog) -> int:
        text = dialog.findChild(QPlainTextEdit, "problemList")
        assert text is not None
        shown.append(text.toPlainText().splitlines())
        return 0

    monkeypatch.setattr(StartupErrorDialog, "exec", fake_exec)
    assert run_gui(str(tmp_path / "data"), folder) == 1
    [lines] = shown
    assert any(line.startswith("content/areas.yaml:") and "chinn" in line for line in lines)
    assert any("chin" in line and "face.svg" in line for line in lines)
    assert not (tmp_path / "data" / "consult.db").exists()
