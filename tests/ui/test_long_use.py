"""A long day in one process: patients with many visits, every tab and visit shown, and the
main window opened and closed again and again, with no crash, Qt warning or pile of windows."""

from __future__ import annotations

import gc
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from factories import consent_to
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from consult_app.app import create_main_window
from consult_app.content.models import AreaKind, Content
from consult_app.context import AppContext
from consult_app.domain.models import (
    Answer,
    Goal,
    Hope,
    PatientDetails,
    ScreeningAnswer,
    Severity,
    TreatmentRecord,
)
from consult_app.domain.plan import derive_plan
from consult_app.store import Store
from consult_app.ui.main_window import MainWindow

VISITS = 52
WINDOWS = 6


def _patient_with_visits(store: Store, content: Content, family: str, today: date) -> int:
    """Add a patient treated every few months for years; the last visit is still open."""
    face = next(a for a in content.areas if a.kind is AreaKind.COSMETIC)
    product = content.clinic.products[0].id
    patient = store.patients.create_patient(PatientDetails("Long", family, date(1960, 3, 1)), today)
    goal = Goal(face.id, "Frown lines.", Severity.MILD, Severity.MODERATE, Hope.SOFTER, 1)
    # Further apart than the recent-toxin question looks back, so "no" is a true answer.
    gap = timedelta(days=content.timing.ask_about_toxin_within_days + 10)
    for number in range(VISITS):
        day = today - gap * (VISITS - 1 - number)
        visit = store.visits.start_visit(patient.id, day)
        for question in content.screening:
            store.visits.save_screening_answer(
                visit.id, ScreeningAnswer(question.id, Answer.NO), content
            )
        store.visits.save_goal(visit.id, goal, content)
        if number == 0:
            plan = derive_plan([goal], content.timings, day, first_areas=1)
            store.visits.save_plan(patient.id, plan, "Agreed at consultation", visit.id)
        store.visits.set_visit_note(visit.id, f"Visit number {number + 1}.")
        record = TreatmentRecord(face.id, product, Decimal(10), "LOT-1", day + timedelta(days=300))
        consent_to(store, visit.id, content, (face.id,))
        store.visits.record_treatment(visit.id, record, content)
        if number < VISITS - 1:
            store.visits.finish_visit(visit.id, content)
    return patient.id


def _walk(window: MainWindow, qtbot: QtBot, patient_ids: list[int]) -> int:
    """Open each patient, show every visit and, at each, every tab; return the views shown."""
    panel = window.patient_panel
    shown = 0
    for patient_id in patient_ids:
        panel.open_patient(patient_id)
        choice = panel.header.visit_choice
        assert choice.count() == VISITS
        for index in range(choice.count()):
            choice.setCurrentIndex(index)
            assert panel.session.visit_id == choice.itemData(index)
            for tab in range(panel.tabs.count()):
                panel.tabs.setCurrentIndex(tab)
                shown += 1
            qtbot.wait(0)
    return shown


@pytest.mark.slow
def test_many_visits_tabs_and_windows_in_one_process(qtbot: QtBot, data_dir: Path) -> None:
    first = create_main_window(data_dir)
    context: AppContext = first.context
    today = date.today()
    patient_ids = [
        _patient_with_visits(context.store, context.content, family, today)
        for family in ("Quartermaine", "Okonkwo-Smythe")
    ]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    windows_at_start = len(app.topLevelWidgets())
    window = first
    for round_number in range(WINDOWS):
        window.show()
        qtbot.waitExposed(window)
        if round_number == 0:  # the whole walk once; later rounds open and close quickly
            shown = _walk(window, qtbot, patient_ids)
            assert shown == len(patient_ids) * VISITS * window.patient_panel.tabs.count()
        else:
            window.patient_panel.open_patient(patient_ids[round_number % len(patient_ids)])
            window.lock()
            window.unlock()
        assert window.close()
        window.deleteLater()
        del window
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        # Every window closed is gone: nothing piles up over a long day.
        assert len(app.topLevelWidgets()) <= windows_at_start
        window = MainWindow(context)
    window.close()
    window.deleteLater()
    # Looking changed nothing: every visit is still there, as it was written.
    for patient_id in patient_ids:
        visits = context.store.visits.patient_file(patient_id).visits
        in_order = sorted(visits, key=lambda v: v.visit.visit_date)
        assert [v.visit.note for v in in_order] == [f"Visit number {n + 1}." for n in range(VISITS)]
        assert [v.visit.locked for v in visits].count(False) == 1
