"""Screenshots of one walk-in consultation, driven through the real window at 1366x768.

Called by ``tools/screenshots.py``: a new patient, the safety check, goals, plan, consent and
treatment, then a returning patient's review. Each picture is what the practitioner sees.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QTabWidget, QWidget

from consult_app.content.models import DiagramView
from consult_app.ui.main_window import MainWindow
from consult_app.ui.patient_file.question_group import QuestionGroup

SIZE = (1366, 768)


class Walk:
    """Drives the window and saves numbered screenshots."""

    def __init__(self, window: MainWindow, out: Path) -> None:
        self.window = window
        self.out = out
        self.app = QApplication.instance()

    def settle(self) -> None:
        for _ in range(3):
            QApplication.processEvents()

    def shot(self, name: str, widget: QWidget | None = None) -> None:
        self.settle()
        (widget or self.window).grab().save(str(self.out / f"walkthrough-{name}.png"))

    def find(self, kind: type[QWidget], name: str) -> QWidget:
        for top in QApplication.topLevelWidgets():
            if top.isVisible():
                found = top if top.objectName() == name else top.findChild(kind, name)
                if found is not None:
                    return found
        raise LookupError(name)

    def press(self, name: str) -> None:
        button = self.find(QAbstractButton, name)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        self.settle()

    def type_into(self, name: str, text: str) -> None:
        field = self.find(QWidget, name)
        field.setFocus()
        QTest.keyClicks(field, text)
        QTest.keyClick(field, Qt.Key.Key_Tab)
        self.settle()

    def tab(self, title: str) -> None:
        tabs = self.find(QTabWidget, "patientTabs")
        assert isinstance(tabs, QTabWidget)
        tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == title))
        self.settle()


def walk_in(window: MainWindow, out: Path) -> None:
    """A new walk-in, from the new-patient form to the recorded treatment."""
    walk = Walk(window, out)
    window.resize(*SIZE)
    panel = window.patient_panel
    panel.new_patient()
    walk.settle()
    for text in ("Aisha", "Khan"):
        QTest.keyClicks(QApplication.focusWidget(), text)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    QTest.keyClicks(QApplication.focusWidget(), "1990-05-01")
    walk.shot("1-new-patient")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    walk.settle()
    stops = panel.screening.stops
    for stop in stops[:3]:
        if isinstance(stop, QuestionGroup):
            QTest.mouseClick(stop.none_button, Qt.MouseButton.LeftButton)
    walk.press("answer_pregnancy_no")
    walk.shot("2-safety-check")
    for stop in stops:
        if isinstance(stop, QuestionGroup):
            if stop.none_button.isEnabled():
                QTest.mouseClick(stop.none_button, Qt.MouseButton.LeftButton)
        elif stop.answer() is None:
            walk.press(f"answer_{stop.question.id}_no")
    face = window.workspace.diagram_tabs.diagrams[DiagramView.FACE]
    for area in ("glabella", "forehead"):
        QTest.mouseClick(face, Qt.MouseButton.LeftButton, pos=face.point_for_area(area))
    walk.tab("Goals")
    walk.type_into("goalConcern_glabella", "I look cross in photos")
    walk.type_into("goalConcern_forehead", "Lines when I raise my eyebrows")
    walk.shot("3-goals")
    walk.tab("Plan")
    walk.shot("4-plan")
    walk.press("savePlanButton")
    window.record_consent()
    walk.settle()
    dialog = window.consent.dialog
    assert dialog is not None
    pad = walk.find(QWidget, "signaturePad")
    points = [QPoint(40 + 30 * i, 60 + (25 if i % 2 else 0)) for i in range(8)]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=points[0])
    for point in points[1:]:
        QTest.mouseMove(pad, point)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=points[-1])
    walk.press("practitionerConfirmation")
    walk.shot("5-consent", dialog)
    walk.press("recordConsent")
    walk.press("closePreview")
    window.activateWindow()
    walk.type_into("treatUnits", "20")
    walk.type_into("treatBatch", "B123")
    walk.type_into("treatExpiry", "2099-01-31")
    walk.shot("6-treatment")


def review(window: MainWindow, out: Path, family_name: str) -> None:
    """A returning patient's review: the earlier answers kept, the result rated."""
    walk = Walk(window, out)
    window.resize(*SIZE)
    panel = window.patient_panel
    patient = next(iter(window.context.store.patients.search_patients(family_name)))
    panel.open_patient(patient.id)
    walk.settle()
    walk.press("startVisitButton")
    walk.press("unchangedButton")
    walk.tab("Review")
    walk.shot("7-review")
