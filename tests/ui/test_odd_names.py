"""Names with markup, accents and other scripts are shown exactly as typed everywhere."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from consult_app.domain.models import PatientDetails
from consult_app.ui.main_window import MainWindow

NAMES = [
    ('<b>Ann</b> & Co <img src="/etc/passwd"/>', "O'Brien"),
    ("Zoë", "Łukasiewicz-Müller"),
    ("عائشة", "حداد"),
    ("李", "小龙"),
]


def shown_text(label: QLabel) -> str:
    """Return what a person sees in ``label`` (rich text rendered, plain text as is)."""
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


@pytest.mark.parametrize(("given", "family"), NAMES)
def test_patient_header_shows_the_name_as_typed(
    window: MainWindow, given: str, family: str
) -> None:
    store = window.context.store
    patient = store.patients.create_patient(
        PatientDetails(given, family, date(1990, 5, 17), phone="0491 570 156"),
        date.today(),
    )
    window.patient_panel.open_patient(patient.id)
    header = window.patient_panel.name_label
    assert shown_text(header) == f"{given} {family}"
    found = [
        r.text() for r in window.patient_panel.results.findItems("", Qt.MatchFlag.MatchContains)
    ]
    assert all("<img" not in t or given in t for t in found)


def test_messages_quote_typed_text_literally(window: MainWindow) -> None:
    store = window.context.store
    patient = store.patients.create_patient(
        PatientDetails("Ann", "Lee", date(1990, 5, 17)), date.today()
    )
    panel = window.patient_panel
    panel.open_patient(patient.id)  # builds every tab
    messages = [
        label
        for label in panel.findChildren(QLabel)
        if label.objectName().endswith("Message") or label.objectName() == "detailsStatus"
    ]
    assert len(messages) > 5
    for label in messages:
        label.setText("Unknown area '<b>x</b>'")
        assert shown_text(label) == "Unknown area '<b>x</b>'", label.objectName()
