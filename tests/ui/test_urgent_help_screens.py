"""Urgent help on screen: the patient view, the patient's own display and the consent dialog."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from consult_app.app import run_gui
from consult_app.bundled import bundled_resource
from consult_app.content.models import Content
from consult_app.ui.consent_dialog import ConsentDialog
from consult_app.ui.info_pages import urgent_help
from consult_app.ui.info_panel import InfoPanel
from consult_app.ui.main_window import MainWindow
from consult_app.ui.patient_display import PatientDisplay
from consult_app.ui.startup_errors import StartupErrorDialog

STEPS = ("1. Call 000 now", "2. Contact the clinic today", "3. Do not drive", "4. Report")


def flat(text: str) -> str:
    """Text with every run of whitespace (no-break spaces too) made one space."""
    return " ".join(text.split())


def check_steps(text: str) -> None:
    """Assert the 4 steps are in order, with the signs under the right number."""
    text = flat(text)
    positions = [text.index(step) for step in STEPS]
    assert positions == sorted(positions)
    emergency = text[positions[0] : positions[1]]
    clinic = text[positions[1] : positions[2]]
    for sign in ("Wheezing.", "Feeling faint.", "Swelling of your lips, tongue or throat."):
        assert sign in emergency
        assert sign not in clinic
    for sign in ("Muscle weakness.", "Drooping eyelids.", "A rash, itching or a swollen face."):
        assert sign in clinic
    assert "2. Contact the clinic today on (02) 5550 1234 if you have:" in text
    assert "If the clinic is closed, call healthdirect on 1800 022 222." in text
    assert "Report a side effect to the TGA at tga.gov.au." in text


def show_side_effects(panel: InfoPanel) -> str:
    button = panel.findChild(QPushButton, "page_side_effects")
    assert button is not None
    button.click()
    return panel.plain_text()


def test_patient_view_side_effects_page_gives_the_4_steps(window: MainWindow) -> None:
    window.set_patient_view(True)
    check_steps(show_side_effects(window.workspace.info))


def test_patients_own_display_gives_the_4_steps(window: MainWindow, qtbot: QtBot) -> None:
    display = PatientDisplay(window.context, window.selection)
    qtbot.addWidget(display)
    check_steps(show_side_effects(display.info))


def test_consent_dialog_gives_the_4_steps_after_the_risks(qtbot: QtBot, content: Content) -> None:
    dialog = ConsentDialog(content, ["forehead"], "Jane Doe", "Dr Hala")
    qtbot.addWidget(dialog)
    text = flat(dialog.risks_text())
    check_steps(text)
    assert text.index("Rare but serious side effects") < text.index(STEPS[0])


def test_start_up_refuses_a_clinic_in_a_country_without_help_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    folder = tmp_path / "content"
    shutil.copytree(bundled_resource(), folder)
    help_file = folder / "content" / "help.yaml"
    text = help_file.read_text(encoding="utf-8")
    help_file.write_text(text[: text.index("  - country: UK")], encoding="utf-8")
    clinic = folder / "content" / "clinic.yaml"
    clinic.write_text(
        clinic.read_text(encoding="utf-8").replace("country: AU", "country: UK"), encoding="utf-8"
    )
    shown: list[str] = []

    def fake_exec(dialog: StartupErrorDialog) -> int:
        problems = dialog.findChild(QPlainTextEdit, "problemList")
        assert problems is not None
        shown.append(problems.toPlainText())
        return 0

    monkeypatch.setattr(StartupErrorDialog, "exec", fake_exec)
    assert run_gui(str(tmp_path / "data"), folder) == 1
    [listed] = shown
    assert "content/help.yaml:" in listed
    assert "no help numbers for the clinic's country UK (content/clinic.yaml:" in listed
    assert "add an item to 'countries' with country: UK" in listed
    assert not (tmp_path / "data" / "consult.db").exists()


def test_help_numbers_and_names_are_shown_as_text_not_markup(content: Content) -> None:
    regulator = dataclasses.replace(content.local_help.regulator, name="<b>the TGA</b> & co")
    local = dataclasses.replace(content.local_help, regulator=regulator)
    html = urgent_help(dataclasses.replace(content, local_help=local))
    assert "&lt;b&gt;the TGA&lt;/b&gt; &amp; co" in html
    assert "<b>the TGA</b>" not in html
