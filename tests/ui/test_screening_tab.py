"""The safety check shows the clinic's questions (new ones included), records the body image
questionnaire's result, and names a product the patient must not have."""

from __future__ import annotations

import re

import pytest
from factories import consent_to
from PySide6.QtWidgets import QComboBox, QLineEdit, QRadioButton
from pytestqt.qtbot import QtBot

from consult_app.content.labels import label_status
from consult_app.context import AppContext
from consult_app.domain.models import ScreenOutcome
from consult_app.ui.patient_file import PatientFilePanel
from ui import test_patient_file as base
from ui.test_patient_file import (
    add_patient,
    answer_all,
    button,
    child,
    choose,
    click,
    combo,
    fill_treatment,
    label_text,
    type_and_leave,
)

# The fixtures are shared with the whole-visit test.
clock = base.clock
context = base.context
selection = base.selection
panel = base.panel

NEW_QUESTIONS = (
    "unwell_today",
    "cows_milk_allergy",
    "anticholinergics",
    "surgery_planned",
    "past_toxin_problem",
    "fine_control",
)


def start_visit(qtbot: QtBot, panel: PatientFilePanel, context: AppContext) -> int:
    panel.open_patient(add_patient(context, "Mina", "Park"))
    click(qtbot, button(panel, "startVisitButton"))
    visit_id = panel.current_visit_id
    assert visit_id is not None
    return visit_id


def test_every_question_of_the_content_is_asked_with_its_note_prompt(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    start_visit(qtbot, panel, context)

    for question in context.content.screening:
        for answer in ("yes", "no", "unsure"):
            assert child(panel, QRadioButton, f"answer_{question.id}_{answer}").isEnabled()
    asked = {q.id for q in context.content.screening}
    assert set(NEW_QUESTIONS) <= asked
    past = next(q for q in context.content.screening if q.id == "past_toxin_problem")
    note = child(panel, QLineEdit, "note_past_toxin_problem")
    assert isinstance(note, QLineEdit) and note.placeholderText() == past.note_prompt

    # Yes without the product is refused with the prompt; with a note it is saved.
    click(qtbot, child(panel, QRadioButton, "answer_past_toxin_problem_yes"))
    assert past.note_prompt in label_text(panel, "message_past_toxin_problem")
    type_and_leave(qtbot, note, "product A in 2024, no effect")
    assert label_text(panel, "message_past_toxin_problem") == ""
    record = panel.session.visit_record()
    assert record is not None
    assert [(a.question_id, a.note) for a in record.answers] == [
        ("past_toxin_problem", "product A in 2024, no effect")
    ]


def test_questionnaire_result_is_recorded_and_shown(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    visit_id = start_visit(qtbot, panel, context)
    questionnaire = context.content.questionnaire
    assert questionnaire is not None
    answer_all(qtbot, panel)
    assert questionnaire.missing_reason in label_text(panel, "screeningResult")
    instruments = combo(panel, "questionnaireInstrument")
    assert [instruments.itemText(i) for i in range(instruments.count())] == list(
        questionnaire.instruments
    )

    click(qtbot, button(panel, "questionnaireButton"))
    assert "Choose the result" in label_text(panel, "questionnaireMessage")
    assert context.store.visits.visit_record(visit_id).questionnaires == ()

    click(qtbot, child(panel, QRadioButton, "questionnaire_positive"))
    type_and_leave(qtbot, child(panel, QLineEdit, "questionnaireNote"), "referral letter given")
    click(qtbot, button(panel, "questionnaireButton"))

    [saved] = context.store.visits.visit_record(visit_id).questionnaires
    assert (saved.instrument, saved.outcome, saved.recorded_by) == (
        questionnaire.instruments[0],
        ScreenOutcome.POSITIVE,
        "hala",
    )
    recorded = label_text(panel, "questionnaireRecorded")
    assert f"{questionnaire.instruments[0]}, screen positive" in recorded and "hala" in recorded
    result = label_text(panel, "screeningResult")
    assert questionnaire.positive_reason in result and "referral letter given" in result
    assert questionnaire.missing_reason not in result

    history = label_text(panel, "historyText")
    assert (
        f"{questionnaire.title}: Recorded: <b>{questionnaire.instruments[0]}, screen positive"
        in history
    )

    # Answering another question keeps the recorded result on screen.
    click(qtbot, child(panel, QRadioButton, "answer_dry_eye_yes"))
    assert child(panel, QRadioButton, "questionnaire_positive").isChecked()
    assert "screen positive" in label_text(panel, "questionnaireRecorded")


@pytest.mark.slow
def test_cows_milk_allergy_rules_out_abobotulinumtoxin_a_on_the_treatment_tab(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    visit_id = start_visit(qtbot, panel, context)
    answer_all(qtbot, panel, yes=("cows_milk_allergy",))

    result = label_text(panel, "screeningResult")
    assert "Do not treat with abobotulinumtoxinA" in result
    assert "may go ahead with the care below, but not with the products named" in result
    notice = label_text(panel, "productNotice")
    assert "Do not use abobotulinumtoxinA" in notice and "Other products may be used" in notice
    overridable = combo(panel, "overrideArea")
    assert isinstance(overridable, QComboBox) and overridable.findData("glabella") >= 0

    consent_to(context.store, visit_id, context.content, ("glabella",))
    fill_treatment(qtbot, panel, "glabella", "10", "A9", "2027-01-31", "abobotulinumtoxin_a")
    click(qtbot, button(panel, "recordTreatmentButton"))
    assert "with abobotulinumtoxinA" in label_text(panel, "treatmentMessage")
    assert context.store.visits.visit_record(visit_id).treatments == ()
    fill_treatment(qtbot, panel, "glabella", "20", "B1", "2027-01-31", "onabotulinumtoxin_a")
    click(qtbot, button(panel, "recordTreatmentButton"))
    [stored] = context.store.visits.visit_record(visit_id).treatments
    assert stored.record.product_id == "onabotulinumtoxin_a"


@pytest.mark.slow
def test_the_treatment_form_says_whether_the_use_is_on_label_for_the_product_chosen(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    start_visit(qtbot, panel, context)
    answer_all(qtbot, panel)
    country = context.content.clinic.country.value
    area, product = combo(panel, "treatArea"), combo(panel, "treatProduct")
    expected = {
        ("glabella", "onabotulinumtoxin_a"): "On-label",
        ("glabella", "abobotulinumtoxin_a"): "Approval not recorded",
        ("palms", "onabotulinumtoxin_a"): "Off-label",
    }
    for (area_id, product_id), word in expected.items():
        if area.findData(area_id) < 0:
            continue
        choose(area, area_id)
        choose(product, product_id)
        text = re.sub(r"<[^>]+>", "", label_text(panel, "treatLabelStatus"))
        assert text.startswith(word), (area_id, product_id, text)
        assert f" in {country}" in text
        status = label_status(context.content.area(area_id), country, [product_id])[0]
        assert (status is None) is (word == "Approval not recorded")
