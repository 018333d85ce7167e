"""The app does not start on invalid content: it lists every problem in a dialog."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from consult_app.app import run_gui
from consult_app.bundled import bundled_resource
from consult_app.ui.startup_errors import StartupErrorDialog


def test_invalid_content_shows_every_problem_and_does_not_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    folder = tmp_path / "content"
    shutil.copytree(bundled_resource(), folder)
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


def test_demo_start_signs_in_and_opens_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    from consult_app.demo import DEMO_HINT, DEMO_PASSWORD
    from consult_app.store import Store
    from consult_app.ui import sign_in
    from consult_app.ui.main_window import MainWindow

    hints: list[str] = []

    def sign_in_as_hala(store: Store, clinic: str, hint: str = "") -> Store:
        hints.append(hint)
        return store.sign_in("hala", DEMO_PASSWORD)

    shown: list[MainWindow] = []
    patients: list[int] = []

    def run_event_loop() -> int:
        shown.extend(
            w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        patients.extend(
            len(w.context.store.patients.search_patients("", limit=None)) for w in shown
        )
        for window in shown:
            window.close()
        return 0

    monkeypatch.setattr(sign_in, "ask_sign_in", sign_in_as_hala)
    monkeypatch.setattr(qapp, "exec", run_event_loop)
    assert run_gui(None, None, demo=True) == 0
    assert hints == [DEMO_HINT]
    [window] = shown
    assert "demo" in window.windowTitle()
    assert window.context.user.username == "hala"
    assert patients == [4]
