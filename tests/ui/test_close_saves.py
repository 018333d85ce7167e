"""Closing the window or locking it saves the field that was still being typed in."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from consult_app.domain.models import PatientDetails
from consult_app.ui.main_window import MainWindow


def test_closing_saves_the_field_being_typed_in(window: MainWindow, qtbot: QtBot) -> None:
    store = window.context.store
    patient = store.patients.create_patient(
        PatientDetails("Ann", "Lee", date(1990, 5, 17), phone="0491 570 110"),
        date.today(),
    )
    window.patient_panel.open_patient(patient.id)
    phone = window.patient_panel.details.edits["phone"]
    window.activateWindow()
    qtbot.waitActive(window)
    phone.setFocus()
    qtbot.waitUntil(phone.hasFocus)
    phone.selectAll()
    qtbot.keyClicks(phone, "0491 570 999")
    assert store.patients.get_patient(patient.id).details.phone == "0491 570 110"  # not left yet
    window.close()
    assert store.patients.get_patient(patient.id).details.phone == "0491 570 999"
