"""How many actions a visit takes in the real window: a new walk-in and a returning review.

Run by ``tests/benchmarks/bench_visit.py``, which prints the ``bench visit_... actions=N`` lines.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from consult_app.content.models import DiagramView
from consult_app.demo import seed_demo
from consult_app.ui.main_window import MainWindow
from consult_app.ui.patient_file.question_group import QuestionGroup
from ui.visit_driver import VisitDriver, save_file_answer

#: The targets: at most 35 actions for a walk-in and 20 for a review. A first visit's safety
#: questions are read out in groups, each answered by "None of these" or one key a question; a
#: returning patient keeps the earlier answers in one step.
WALK_IN_TARGET = 35
REVIEW_TARGET = 20
#: What the window takes today: a change that adds an action fails the test.
WALK_IN_MEASURED = 33
REVIEW_MEASURED = 19


SIGNATURE = [QPoint(40 + 30 * i, 60 + (25 if i % 2 else 0)) for i in range(8)]


@pytest.fixture
def driver(qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch) -> VisitDriver:
    drive = VisitDriver(qtbot, window)
    # The system dialogs cannot be driven headless: each answer counts as one key.
    window.patient_panel.confirm_finish = lambda _q: drive.answer_yes("Yes to finish")
    folder = tmp_path / "saved"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_file_answer(drive, folder))
    window.activateWindow()
    qtbot.waitActive(window)
    return drive


def answer_screening_no(drive: VisitDriver) -> None:
    """Answer every safety question "no": "None of these" for a group, one click for the rest."""
    tab = drive.window.patient_panel.screening
    for stop in tab.stops:
        if isinstance(stop, QuestionGroup):
            drive.press(stop.none_button.objectName())
        else:
            drive.press(f"answer_{stop.question.id}_no")


def save_sheet(drive: VisitDriver) -> None:
    """Preview the patient's sheet (Ctrl+P) and save it, accepting the suggested file name."""
    drive.shortcut(Qt.Key.Key_P)
    drive.press("saveHandout")


def walk_in(drive: VisitDriver) -> int:
    """A new patient, from "new patient" to the saved sheet; return the patient's id."""
    window = drive.window
    drive.shortcut(Qt.Key.Key_N)
    drive.type("Aisha")
    drive.key(Qt.Key.Key_Tab)
    drive.type("Khan")
    drive.key(Qt.Key.Key_Tab)
    drive.type("1990-05-01")
    drive.key(Qt.Key.Key_Return)
    answer_screening_no(drive)
    face = window.workspace.diagram_tabs.diagrams[DiagramView.FACE]
    drive.click(face, face.point_for_area("glabella"), what="area glabella")
    drive.open_tab("patientTabs", "Goals")
    drive.fill("goalConcern_glabella", "I look cross all the time")
    drive.key(Qt.Key.Key_Tab)
    # Steps in order: the plan, then consent to what it treats today, then the treatment.
    drive.open_tab("patientTabs", "Plan")
    drive.press("savePlanButton")
    sign_consent(drive)
    # Consent recorded, the treatment tab is showing.
    drive.fill("treatUnits", "20")
    drive.key(Qt.Key.Key_Tab)
    drive.type("B123")
    drive.key(Qt.Key.Key_Tab)
    drive.type("2099-01-31")
    drive.press("recordTreatmentButton")
    save_sheet(drive)
    patient_id = window.patient_panel.current_patient_id
    assert patient_id is not None
    return patient_id


def sign_consent(drive: VisitDriver) -> None:
    """Open the consent screen, sign, confirm, record it and close its record's preview."""
    window = drive.window
    drive.click(toolbar_button(window, window.consent_action), what="consent")
    drive.drag(drive.find(QWidget, "signaturePad"), SIGNATURE)
    drive.press("practitionerConfirmation")
    drive.press("recordConsent")
    drive.press("closePreview")


def toolbar_button(window: MainWindow, action: QAction) -> QWidget:
    """Return the toolbar's button for ``action``."""
    button = window.toolbar.widgetForAction(action)
    assert button is not None
    return button


def review(drive: VisitDriver, family: str) -> int:
    """A returning patient's review with one repeat treatment; return the visit's id."""
    panel = drive.window.patient_panel
    drive.find_patient(family)
    drive.press("startVisitButton")
    # A returning patient: the earlier answers are kept in one step; the record answers the
    # recent-toxin question itself.
    drive.press("unchangedButton")
    drive.open_tab("patientTabs", "Review")
    areas = tuple(panel.review.rows)
    assert areas, "the areas treated last time are up for review"
    for area in areas:
        drive.choose(f"reviewRating_{area}", 4)
    sign_consent(drive)
    drive.choose("treatArea", areas[0])
    drive.fill("treatUnits", "10")
    drive.key(Qt.Key.Key_Tab)
    drive.type("B456")
    drive.key(Qt.Key.Key_Tab)
    drive.type("2099-01-31")
    drive.press("recordTreatmentButton")
    drive.press("finishVisitButton")
    visit_id = panel.current_visit_id
    assert visit_id is not None
    return visit_id


def report(name: str, drive: VisitDriver) -> None:
    print(f"bench {name} actions={drive.actions}", flush=True)


@pytest.mark.slow
def test_walk_in_from_new_patient_to_saved_sheet(driver: VisitDriver) -> None:
    store = driver.window.context.store
    patient_id = walk_in(driver)
    report("visit_walk_in", driver)
    record = store.visits.visit_record(store.visits.patient_file(patient_id).visits[0].visit.id)
    assert [g.area_id for g in record.goals] == ["glabella"]
    assert [t.record.area_id for t in record.treatments] == ["glabella"]
    assert store.visits.current_plan(patient_id) is not None
    kinds = sorted(h.kind.value for h in store.documents.handouts_for(patient_id))
    assert "sheet" in kinds
    assert driver.actions <= min(WALK_IN_MEASURED, WALK_IN_TARGET), driver.summary()


@pytest.mark.slow
def test_review_with_one_repeat_treatment(driver: VisitDriver) -> None:
    ctx = driver.window.context
    seed_demo(ctx.store, ctx.content, date.today())
    visit_id = review(driver, "Haddad")
    report("visit_review", driver)
    record = ctx.store.visits.visit_record(visit_id)
    assert record.visit.locked
    assert len(record.treatments) == 1
    assert [r.patient_rating for r in record.reviews] == [4, 4]
    assert driver.actions <= min(REVIEW_MEASURED, REVIEW_TARGET), driver.summary()
