"""The patient file as the practitioner and reception use it: a whole visit, then the review."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from clock import Clock
from factories import consent_to
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from consult_app.app import build_context
from consult_app.content.models import DiagramView
from consult_app.context import AppContext
from consult_app.domain.access import Role, User
from consult_app.domain.models import PatientDetails, StepKind
from consult_app.store import Store
from consult_app.ui.diagram_widget import DiagramWidget
from consult_app.ui.patient_file import PatientFilePanel
from consult_app.ui.selection import AreaSelection

W = TypeVar("W", bound=QWidget)

#: Early March, so the patient's age and the review dates below come out as written.
START = datetime(2025, 3, 3, 10, 0).astimezone()


@pytest.fixture
def clock() -> Clock:
    """Start the shared clock at this module's own moment."""
    return Clock(START)


@pytest.fixture
def context(tmp_path: Path, clock: Clock) -> Iterator[AppContext]:
    ctx = build_context(tmp_path / "data")
    ctx.store.close()
    hala = User(0, "hala", "Dr Hala", Role.PRACTITIONER)
    ctx = replace(ctx, store=Store.open(ctx.data_dir, clock=clock).for_user(hala), user=hala)
    yield ctx
    ctx.store.close()


@pytest.fixture
def selection() -> AreaSelection:
    return AreaSelection()


@pytest.fixture
def panel(
    qtbot: QtBot, context: AppContext, selection: AreaSelection, clock: Clock
) -> PatientFilePanel:
    widget = PatientFilePanel(context, selection, today=clock.today)
    widget.confirm_finish = lambda _question: True
    qtbot.addWidget(widget)
    widget.resize(420, 820)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def child(panel: QWidget, kind: type[W], name: str) -> W:
    found = panel.findChild(kind, name)
    assert found is not None, name
    return found


def edit(panel: QWidget, name: str) -> QLineEdit:
    widget = child(panel, QLineEdit, name)
    assert isinstance(widget, QLineEdit)
    return widget


def button(panel: QWidget, name: str) -> QPushButton:
    widget = child(panel, QPushButton, name)
    assert isinstance(widget, QPushButton)
    return widget


def combo(panel: QWidget, name: str) -> QComboBox:
    widget = child(panel, QComboBox, name)
    assert isinstance(widget, QComboBox)
    return widget


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item.text()


def label_text(panel: QWidget, name: str) -> str:
    widget = child(panel, QLabel, name)
    assert isinstance(widget, QLabel)
    return "" if widget.isHidden() else widget.text()


def type_and_leave(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Type into a field and press Tab, as a user leaving the field would."""
    field.setFocus()
    field.selectAll()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        field.insert(text)  # QTest can only type ASCII keys; this is what an input method does
    qtbot.keyClick(field, Qt.Key.Key_Tab)


def click(qtbot: QtBot, widget: QWidget) -> None:
    """Click a control as a user would: once it is laid out and scrolled into view."""
    qtbot.waitUntil(lambda: widget.height() > 0)
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(box: QComboBox, data: object) -> None:
    index = box.findData(data)
    assert index >= 0, data
    box.setCurrentIndex(index)


def answer_all(qtbot: QtBot, panel: PatientFilePanel, yes: tuple[str, ...] = ()) -> None:
    for question in panel.context.content.screening:
        which = "yes" if question.id in yes else "no"
        radio = child(panel, QRadioButton, f"answer_{question.id}_{which}")
        click(qtbot, radio)


def add_patient(context: AppContext, given: str, family: str, **extra: object) -> int:
    details = PatientDetails(given, family, date(1985, 3, 7), **extra)  # type: ignore[arg-type]
    return context.store.patients.create_patient(details, START.date()).id


# the whole visit ----------------------------------------------------------------------------
@pytest.mark.slow
def test_a_whole_treatment_visit_and_the_review_two_weeks_later(
    qtbot: QtBot,
    panel: PatientFilePanel,
    context: AppContext,
    selection: AreaSelection,
    clock: Clock,
) -> None:
    store = context.store
    # New patient with an accented name, saved field by field.
    click(qtbot, button(panel, "newPatientButton"))
    type_and_leave(qtbot, edit(panel, "givenNameEdit"), "Zoë")
    type_and_leave(qtbot, edit(panel, "familyNameEdit"), "O'Brien")
    assert store.patients.search_patients("") == []
    with qtbot.waitSignal(panel.patientOpened) as opened:
        type_and_leave(qtbot, edit(panel, "birthDateEdit"), "07/03/1985")
    patient_id = opened.args[0]
    assert panel.current_patient_id == patient_id
    type_and_leave(qtbot, edit(panel, "phoneEdit"), "0412 345 678")
    assert store.patients.get_patient(patient_id).details.phone == "0412 345 678"
    assert "Zoë O'Brien" in label_text(panel, "patientName")
    assert "age 39" in label_text(panel, "patientInfo")

    # Start the visit; the safety check is incomplete until every question is answered.
    click(qtbot, button(panel, "startVisitButton"))
    visit_id = panel.current_visit_id
    assert visit_id is not None
    questions = len(context.content.screening)
    assert f"{questions} questions are not answered" in label_text(panel, "screeningResult")
    click(qtbot, child(panel, QRadioButton, "answer_site_infection_no"))
    assert f"{questions - 1} questions are not answered" in label_text(panel, "screeningResult")
    answer_all(qtbot, panel, yes=("site_infection", "blood_thinners"))
    result = label_text(panel, "screeningResult")
    assert "not answered" not in result
    assert "Do not treat" in result and "infected or inflamed" in result
    assert "Take care" in result and "bruising" in result.lower()
    assert len(store.visits.visit_record(visit_id).answers) == questions

    # Goals picked on the diagram: a goal row appears for each chosen area.
    diagram = DiagramWidget(
        context.diagrams[DiagramView.FACE], selection, lambda a: context.content.area(a).name.get()
    )
    qtbot.addWidget(diagram)
    diagram.resize(480, 560)
    diagram.show()
    for area in ("glabella", "forehead"):
        qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=diagram.point_for_area(area))
    assert selection.selected == ("glabella", "forehead")
    type_and_leave(qtbot, edit(panel, "goalConcern_glabella"), "I look cross all the time")
    type_and_leave(qtbot, edit(panel, "goalConcern_forehead"), "Lines when I raise my brows")
    goals = store.visits.visit_record(visit_id).goals
    assert [(g.area_id, g.concern, g.priority) for g in goals] == [
        ("glabella", "I look cross all the time", 1),
        ("forehead", "Lines when I raise my brows", 2),
    ]

    # Treatment is blocked by the do-not-treat finding; nothing is saved.
    consent_to(store, visit_id, context.content, ("glabella",))
    fill_treatment(qtbot, panel, "glabella", "20", "B123", "2027-01-31")
    click(qtbot, button(panel, "recordTreatmentButton"))
    assert "Do not treat this area" in label_text(panel, "treatmentMessage")
    assert store.visits.visit_record(visit_id).treatments == ()

    # An override needs a reason; then the area may be treated.
    choose(combo(panel, "overrideArea"), "glabella")
    click(qtbot, button(panel, "overrideButton"))
    assert "Write why" in label_text(panel, "overrideMessage")
    type_and_leave(
        qtbot, edit(panel, "overrideReason"), "Cold sore on the lower lip only, far from the brows"
    )
    click(qtbot, button(panel, "overrideButton"))
    assert "Cold sore" in label_text(panel, "overridesList")

    # An expired batch is refused with a message next to the expiry.
    fill_treatment(qtbot, panel, "glabella", "20", "B123", "2025-01-31")
    click(qtbot, button(panel, "recordTreatmentButton"))
    assert "expired" in label_text(panel, "treatExpiryMessage")
    assert store.visits.visit_record(visit_id).treatments == ()
    fill_treatment(qtbot, panel, "glabella", "20", "B123", "2027-01-31")
    click(qtbot, button(panel, "recordTreatmentButton"))
    fill_treatment(qtbot, panel, "glabella", "4", "A9", "2027-01-31", "abobotulinumtoxin_a")
    click(qtbot, button(panel, "recordTreatmentButton"))
    assert len(store.visits.visit_record(visit_id).treatments) == 2
    totals = label_text(panel, "treatmentTotals")
    assert "onabotulinumtoxinA: 20 U" in totals
    assert "abobotulinumtoxinA: 4 Speywood U" in totals
    assert "24" not in totals  # units of different products are never added

    # The plan: forehead is still blocked, so it waits; saved as version 1.
    preview = label_text(panel, "planPreview")
    assert "Treatment 3 Mar 2025: Frown lines" in preview
    assert "Review visit 17 Mar 2025" in preview
    assert "Not this time: Forehead lines" in preview
    click(qtbot, button(panel, "savePlanButton"))
    assert [v.number for v in store.visits.plan_history(patient_id)] == [1]

    # Finishing locks the visit and moves the plan on.
    click(qtbot, button(panel, "finishVisitButton"))
    assert store.visits.get_visit(visit_id).locked
    assert not child(panel, QRadioButton, "answer_pregnancy_yes").isEnabled()
    plan = store.visits.current_plan(patient_id)
    assert plan is not None and plan.number == 2
    assert plan.plan.next_step is not None
    assert plan.plan.next_step.kind is StepKind.REVIEW
    timeline = label_text(panel, "planTimeline")
    assert "Version 1" in timeline and "Version 2" in timeline
    assert "Next: Review visit 17 Mar 2025" in timeline

    # Two weeks later: the review visit.
    clock.now = START + timedelta(days=14)
    panel.close_patient()
    assert list(selection.selected) == []
    panel.open_patient(patient_id)
    assert list(selection.selected) == ["glabella", "forehead"]  # opening sets the goal areas
    click(qtbot, button(panel, "startVisitButton"))
    review_visit = panel.current_visit_id
    assert review_visit is not None and review_visit != visit_id
    choose(combo(panel, "reviewRating_glabella"), 3)
    choose(combo(panel, "reviewAssessment_glabella"), "too_little")
    assert [r.patient_rating for r in store.visits.visit_record(review_visit).reviews] == [3]
    assert "less effect than planned" in label_text(panel, "reviewNextStep")
    click(qtbot, button(panel, "finishVisitButton"))
    plan = store.visits.current_plan(patient_id)
    assert plan is not None and plan.number == 3 and plan.reason == "Review recorded"
    step = plan.plan.next_step
    assert step is not None and step.kind is StepKind.REPEAT
    assert step.due == date(2025, 6, 1)  # the frown lines' 90 days after 3 March
    assert "Next: Earliest next treatment 1 Jun 2025" in label_text(panel, "planTimeline")

    # Reception's recall list shows her with her phone number.
    dialog = panel.show_recalls()
    qtbot.addWidget(dialog)
    dialog.days.setValue(90)
    rows = [
        [cell(dialog.table, r, c) for c in range(dialog.table.columnCount())]
        for r in range(dialog.table.rowCount())
    ]
    assert rows == [["1 Jun 2025", "Earliest next treatment", "Zoë O'Brien", "0412 345 678", ""]]
    dialog.days.setValue(30)
    assert dialog.table.rowCount() == 0


def fill_treatment(
    qtbot: QtBot,
    panel: PatientFilePanel,
    area: str,
    units: str,
    batch: str,
    expiry: str,
    product: str = "onabotulinumtoxin_a",
) -> None:
    choose(combo(panel, "treatArea"), area)
    choose(combo(panel, "treatProduct"), product)
    for name, text in (("treatUnits", units), ("treatBatch", batch), ("treatExpiry", expiry)):
        field = edit(panel, name)
        field.clear()
        qtbot.keyClicks(field, text)
