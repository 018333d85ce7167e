"""Plan-step and hoped-result labels come from the content: the screens and the sheet agree."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from clock import Clock
from factories import consent_to
from pypdf import PdfReader
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from consult_app.app import build_context
from consult_app.bundled import bundled_resource
from consult_app.content import load_content
from consult_app.context import AppContext
from consult_app.domain.access import Role, User
from consult_app.domain.models import Hope
from consult_app.services.handouts import sheet_request_from
from consult_app.store import Store
from consult_app.ui.patient_file import PatientFilePanel
from consult_app.ui.selection import AreaSelection
from ui.test_patient_file import (
    START,
    add_patient,
    answer_all,
    button,
    choose,
    click,
    combo,
    fill_treatment,
    label_text,
    type_and_leave,
)
from ui.test_patient_file import edit as line_edit

#: The bundled labels and the clinic's own words that replace them in a copied folder.
RELABELLED = {
    "    treat: Treatment\n": "    treat: Injection day\n",
    "    review: Review visit\n": "    review: Check-up visit\n",
    "    repeat: Earliest next treatment\n": "    repeat: Next injections from\n",
    "    softer: Softer lines, keeping natural movement\n": "    softer: Gentler lines\n",
}


def relabelled_content(folder: Path) -> Path:
    """Copy the bundled content to ``folder`` with the plan-step and softer labels changed."""
    shutil.copytree(bundled_resource(), folder)
    info = folder / "content" / "info.yaml"
    text = info.read_text(encoding="utf-8")
    for old, new in RELABELLED.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    info.write_text(text, encoding="utf-8")
    return folder


def context_for(data_dir: Path, clock: Clock, content_dir: Path | None) -> AppContext:
    """Build a practitioner's context on ``content_dir`` (the bundled content when None)."""
    ctx = build_context(data_dir)
    ctx.store.close()
    hala = User(0, "hala", "Dr Hala", Role.PRACTITIONER)
    content = load_content(content_dir) if content_dir is not None else ctx.content
    store = Store.open(ctx.data_dir, clock=clock).for_user(hala)
    return replace(ctx, content=content, store=store, user=hala)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def selection() -> AreaSelection:
    return AreaSelection()


@pytest.fixture
def relabelled(tmp_path: Path, clock: Clock) -> Iterator[AppContext]:
    ctx = context_for(tmp_path / "data", clock, relabelled_content(tmp_path / "clinic"))
    yield ctx
    ctx.store.close()


@pytest.fixture
def bundled(tmp_path: Path, clock: Clock) -> Iterator[AppContext]:
    ctx = context_for(tmp_path / "data", clock, None)
    yield ctx
    ctx.store.close()


def open_panel(
    qtbot: QtBot, context: AppContext, selection: AreaSelection, clock: Clock
) -> PatientFilePanel:
    panel = PatientFilePanel(context, selection, today=clock.today)
    panel.confirm_finish = lambda _question: True
    qtbot.addWidget(panel)
    panel.resize(420, 820)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)  # fields save when the cursor leaves them
    return panel


def goal_for_glabella(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext, selection: AreaSelection
) -> int:
    """Open a new patient's visit with a goal for the frown lines; return the patient's id."""
    patient_id = add_patient(context, "Mei", "Tan", phone="0400 000 111")
    panel.open_patient(patient_id)
    click(qtbot, button(panel, "startVisitButton"))
    selection.toggle("glabella")
    panel.tabs.setCurrentWidget(panel.goals)
    type_and_leave(qtbot, line_edit(panel, "goalConcern_glabella"), "I look cross")
    return patient_id


def items(box: QComboBox) -> list[str]:
    return [box.itemText(i) for i in range(box.count())]


def row_label(field: QWidget) -> str:
    """Return the text of the form label beside ``field``."""
    box = field.parentWidget()
    assert box is not None
    form = box.layout()
    assert isinstance(form, QFormLayout)
    label = form.labelForField(field)
    assert isinstance(label, QLabel)
    return label.text()


def sheet_text(context: AppContext, patient_id: int, clock: Clock) -> str:
    pdf = context.handouts.prepare_sheet(patient_id, clock.today()).pdf
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_labels_changed_in_the_content_show_on_every_screen_and_the_sheet(
    qtbot: QtBot, relabelled: AppContext, selection: AreaSelection, clock: Clock
) -> None:
    panel = open_panel(qtbot, relabelled, selection, clock)
    patient_id = goal_for_glabella(qtbot, panel, relabelled, selection)

    # The goal's hoped result: the combo offers the content's wording.
    hope = combo(panel, "goalHope_glabella")
    assert "Gentler lines" in items(hope)
    assert "Softer lines, keeping natural movement" not in items(hope)
    choose(hope, Hope.SOFTER.value)
    answer_all(qtbot, panel)
    visit_id = panel.current_visit_id
    assert visit_id is not None
    consent_to(relabelled.store, visit_id, relabelled.content, ("glabella",))
    fill_treatment(qtbot, panel, "glabella", "20", "B123", "2027-01-31")
    click(qtbot, button(panel, "recordTreatmentButton"))

    # The plan's date fields, its proposal and its timeline name the steps as the content does.
    assert row_label(panel.plan.review_date) == "Check-up visit"
    assert row_label(panel.plan.next_date) == "Next injections from"
    preview = label_text(panel, "planPreview")
    assert "Injection day 3 Mar 2025" in preview
    assert "Check-up visit 17 Mar 2025" in preview
    assert "Next injections from" in preview
    assert "Treatment 3 Mar" not in preview and "Review visit" not in preview
    click(qtbot, button(panel, "savePlanButton"))
    assert "Next: Injection day 3 Mar 2025" in label_text(panel, "planTimeline")
    click(qtbot, button(panel, "finishVisitButton"))
    assert "Next: Check-up visit 17 Mar 2025" in label_text(panel, "planTimeline")

    # Reception's plan dates and recall list.
    panel.close_patient()
    panel.open_patient(patient_id)
    dates = label_text(panel, "planDates")
    assert "Injection day: 3 Mar 2025" in dates
    assert "Check-up visit: 17 Mar 2025" in dates
    dialog = panel.show_recalls()
    qtbot.addWidget(dialog)
    dialog.days.setValue(30)
    assert dialog.table.rowCount() == 1
    kind = dialog.table.item(0, 1)
    assert kind is not None and kind.text() == "Check-up visit"

    # The sheet: the same step and hope labels, none of the bundled ones.
    text = sheet_text(relabelled, patient_id, clock)
    for label in ("Injection day", "Check-up visit", "Next injections from", "Gentler lines"):
        assert label in text, label
    for bundled_label in ("Review visit", "Earliest next treatment", "keeping natural movement"):
        assert bundled_label not in text, bundled_label


def test_the_screen_and_the_sheet_give_each_hoped_result_the_same_words(
    qtbot: QtBot, bundled: AppContext, selection: AreaSelection, clock: Clock
) -> None:
    panel = open_panel(qtbot, bundled, selection, clock)
    patient_id = goal_for_glabella(qtbot, panel, bundled, selection)
    hope = combo(panel, "goalHope_glabella")
    assert hope.count() == len(Hope)
    for index in range(hope.count()):
        hope.setCurrentIndex(index)
        on_screen = hope.currentText()
        facts = bundled.store.documents.sheet_facts(patient_id)
        assert [goal.hope.value for goal in facts.goals] == [hope.currentData()]
        request = sheet_request_from(bundled.content, facts, clock.today(), "REF-1")
        assert [goal.hoped_result for goal in request.goals] == [on_screen]
