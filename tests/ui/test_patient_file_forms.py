"""Patient file forms: field messages, search as you type, corrections, refused actions."""

from __future__ import annotations

from decimal import Decimal

from factories import consent_to
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QRadioButton
from pytestqt.qtbot import QtBot

from consult_app.context import AppContext
from consult_app.domain.models import Answer, Goal, Hope, ScreeningAnswer, Severity
from consult_app.ui.patient_file import PatientFilePanel
from consult_app.ui.selection import AreaSelection
from ui import test_patient_file as base
from ui.test_patient_file import (
    START,
    add_patient,
    button,
    choose,
    click,
    combo,
    edit,
    fill_treatment,
    label_text,
    type_and_leave,
)

# The fixtures are shared with the whole-visit test.
clock = base.clock
context = base.context
selection = base.selection
panel = base.panel


def test_new_patient_with_bad_input_shows_messages_and_saves_nothing(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    click(qtbot, button(panel, "newPatientButton"))
    assert "not saved yet" in label_text(panel, "detailsStatus")
    type_and_leave(qtbot, edit(panel, "givenNameEdit"), "   ")
    assert label_text(panel, "givenNameMessage") == "Enter the given name."
    assert label_text(panel, "familyNameMessage") == ""  # not touched yet: no nagging
    type_and_leave(qtbot, edit(panel, "givenNameEdit"), "Aisha")
    type_and_leave(qtbot, edit(panel, "familyNameEdit"), "Khan")
    type_and_leave(qtbot, edit(panel, "birthDateEdit"), "2030-01-01")
    assert "in the future" in label_text(panel, "birthDateMessage")
    type_and_leave(qtbot, edit(panel, "birthDateEdit"), "1890-05-01")
    assert "more than 120 years ago" in label_text(panel, "birthDateMessage")
    type_and_leave(qtbot, edit(panel, "birthDateEdit"), "31/02/1990")
    assert "not a date" in label_text(panel, "birthDateMessage")
    type_and_leave(qtbot, edit(panel, "emailEdit"), "aisha@")
    assert "should look like name@example.com" in label_text(panel, "emailMessage")
    assert context.store.patients.search_patients("") == []
    assert panel.current_patient_id is None


def test_an_invalid_field_is_not_saved_but_the_other_fields_are(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    patient_id = add_patient(context, "Zoë", "O'Brien", email="zoe@example.com")
    panel.open_patient(patient_id)
    type_and_leave(qtbot, edit(panel, "emailEdit"), "zoe at example")
    assert "email address looks wrong" in label_text(panel, "emailMessage")
    type_and_leave(qtbot, edit(panel, "familyNameEdit"), " ")
    assert label_text(panel, "familyNameMessage") == "Enter the family name."
    type_and_leave(qtbot, edit(panel, "phoneEdit"), "+61 412 000 111")
    stored = context.store.patients.get_patient(patient_id).details
    assert stored.email == "zoe@example.com"
    assert stored.family_name == "O'Brien"
    assert stored.phone == "+61 412 000 111"
    # What the user typed stays on show with its message, so it can be fixed.
    assert edit(panel, "emailEdit").text() == "zoe at example"
    assert "email address looks wrong" in label_text(panel, "emailMessage")
    type_and_leave(qtbot, edit(panel, "emailEdit"), "zoe@example.org")
    assert label_text(panel, "emailMessage") == ""
    assert context.store.patients.get_patient(patient_id).details.email == "zoe@example.org"


def test_search_as_you_type_finds_unicode_names(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    zoe = add_patient(context, "Zoë", "O'Brien", phone="0412 345 678")
    add_patient(context, "عائشة", "Rahman")
    add_patient(context, "小龙", "李")
    search = edit(panel, "patientSearch")
    panel.focus_search()
    assert search.hasFocus()
    qtbot.keyClicks(search, "zoe")
    assert [panel.results.item(i).text() for i in range(panel.results.count())] == [
        "\u2068O'Brien, Zoë\u2069  ·  7 Mar 1985  ·  0412 345 678"
    ]
    search.setText("obrien")
    assert panel.results.count() == 1
    search.setText("0412345")
    assert panel.results.count() == 1
    search.setText("عائشة")
    assert "عائشة" in panel.results.item(0).text()
    search.setText("李")
    assert "小龙" in panel.results.item(0).text()
    search.setText("nobody like this")
    assert "No patient found" in panel.results.item(0).text()
    search.setText("zoë")
    with qtbot.waitSignal(panel.patientOpened) as opened:
        qtbot.keyClick(search, Qt.Key.Key_Return)
    assert opened.args == [zoe]


def test_safety_check_result_counts_unanswered_questions_and_explains_findings(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    patient_id = add_patient(context, "Mia", "Chen")
    panel.open_patient(patient_id)
    click(qtbot, button(panel, "startVisitButton"))
    visit_id = panel.current_visit_id
    assert visit_id is not None
    store, content = context.store, context.content
    for question in content.screening[1:]:
        store.visits.save_screening_answer(
            visit_id, ScreeningAnswer(question.id, Answer.NO), content
        )
    panel.session.saved()
    assert "1 question is not answered" in label_text(panel, "screeningResult")
    unsure = panel.findChild(QRadioButton, "answer_blood_thinners_unsure")
    assert unsure is not None
    click(qtbot, unsure)
    note = edit(panel, "note_blood_thinners")
    type_and_leave(qtbot, note, "aspirin daily")
    saved = {a.question_id: a for a in store.visits.visit_record(visit_id).answers}
    assert saved["blood_thinners"] == ScreeningAnswer(
        "blood_thinners", Answer.UNSURE, "aspirin daily"
    )
    result = label_text(panel, "screeningResult")
    assert "Take care" in result and "Unsure, check before treating" in result
    assert "aspirin daily" in result


def _treated_and_finished(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext, selection: AreaSelection
) -> int:
    patient_id = add_patient(context, "Zoë", "O'Brien")
    panel.open_patient(patient_id)
    click(qtbot, button(panel, "startVisitButton"))
    visit_id = panel.current_visit_id
    assert visit_id is not None
    store, content = context.store, context.content
    for question in content.screening:
        store.visits.save_screening_answer(
            visit_id, ScreeningAnswer(question.id, Answer.NO), content
        )
    goal = Goal("glabella", "Frown", Severity.MILD, Severity.SEVERE, Hope.SOFTER, 1)
    store.visits.save_goal(visit_id, goal, content)
    selection.set_selected(["glabella"])
    consent_to(store, visit_id, content, ("glabella",))
    panel.session.saved()
    fill_treatment(qtbot, panel, "glabella", "20", "B1", "2027-01-31")
    click(qtbot, button(panel, "recordTreatmentButton"))
    assert len(store.visits.visit_record(visit_id).treatments) == 1
    click(qtbot, button(panel, "finishVisitButton"))
    assert store.visits.get_visit(visit_id).locked
    return visit_id


def test_a_finished_visit_is_corrected_only_with_a_reason_shown_in_history(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext, selection: AreaSelection
) -> None:
    visit_id = _treated_and_finished(qtbot, panel, context, selection)
    assert not button(panel, "recordTreatmentButton").isEnabled()
    assert not button(panel, "finishVisitButton").isEnabled()
    choose(
        combo(panel, "amendTarget"), context.store.visits.visit_record(visit_id).treatments[0].id
    )
    assert edit(panel, "amendUnits").text() == "20"
    edit(panel, "amendUnits").setText("24")
    click(qtbot, button(panel, "amendButton"))
    assert "Write why" in label_text(panel, "amendMessage")
    assert context.store.visits.visit_record(visit_id).treatments[0].record.units == Decimal(20)
    edit(panel, "amendReason").setText("Typed 20, vial log says 24")
    click(qtbot, button(panel, "amendButton"))
    record = context.store.visits.visit_record(visit_id)
    assert record.treatments[0].record.units == Decimal(24)
    history = label_text(panel, "historyText")
    assert "Corrected" in history and "Typed 20, vial log says 24" in history
    assert "units: 20 \u2192 24" in history


def test_store_refusals_become_messages_not_crashes(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    patient_id = add_patient(context, "Mia", "Chen")
    panel.open_patient(patient_id)
    click(qtbot, button(panel, "startVisitButton"))
    visit_id = panel.current_visit_id
    assert visit_id is not None
    # Incomplete screening refuses a treatment, with the reason.
    fill_treatment(qtbot, panel, "forehead", "10", "B1", "2027-01-31")
    click(qtbot, button(panel, "recordTreatmentButton"))
    assert "The screening is not complete" in label_text(panel, "treatmentMessage")
    fill_treatment(qtbot, panel, "forehead", "lots", "", "soon")
    click(qtbot, button(panel, "recordTreatmentButton"))
    assert "as a number" in label_text(panel, "treatUnitsMessage")
    assert "expiry date" in label_text(panel, "treatExpiryMessage")
    # The visit is finished elsewhere (another computer): the next change is refused clearly.
    context.store.visits.finish_visit(visit_id, context.content)
    fill_treatment(qtbot, panel, "forehead", "10", "B1", "2027-01-31")
    click(qtbot, button(panel, "recordTreatmentButton"))
    assert "locked" in label_text(panel, "treatmentMessage")
    assert context.store.visits.visit_record(visit_id).treatments == ()
    assert START.date() == context.store.visits.get_visit(visit_id).visit_date


def test_every_control_has_an_accessible_name(panel: PatientFilePanel, context: AppContext) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

    panel.open_patient(add_patient(context, "Mia", "Chen"))
    panel.start_visit()
    controls = [
        w
        for kind in (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)
        for w in panel.findChildren(kind)
        if not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))
        and w.objectName() not in {"", "qt_spinbox_lineedit"}
    ]
    assert len(controls) > 50
    nameless = [w.objectName() for w in controls if not w.accessibleName()]
    assert nameless == []
    assert isinstance(panel.findChild(QLabel, "patientName"), QLabel)


def test_goal_rows_follow_the_chosen_areas_and_an_empty_concern_is_not_saved(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext, selection: AreaSelection
) -> None:
    panel.open_patient(add_patient(context, "Mia", "Chen"))
    click(qtbot, button(panel, "startVisitButton"))
    visit_id = panel.current_visit_id
    assert visit_id is not None
    selection.toggle("crows_feet")
    selection.toggle("underarms")
    assert list(panel.goals.rows) == ["crows_feet", "underarms"]
    assert combo(panel, "goalHope_underarms").currentData() == "drier"
    selection.toggle("underarms")  # an unsaved row goes when its area is deselected
    assert list(panel.goals.rows) == ["crows_feet"]
    type_and_leave(qtbot, edit(panel, "goalConcern_crows_feet"), "Lines when I smile")
    assert [g.concern for g in context.store.visits.visit_record(visit_id).goals] == [
        "Lines when I smile"
    ]
    type_and_leave(qtbot, edit(panel, "goalConcern_crows_feet"), " ")
    assert "in their own words" in label_text(panel, "goalMessage_crows_feet")
    assert [g.concern for g in context.store.visits.visit_record(visit_id).goals] == [
        "Lines when I smile"
    ]
    selection.toggle("crows_feet")  # a saved goal stays until it is removed
    assert list(panel.goals.rows) == ["crows_feet"]
    click(qtbot, button(panel, "goalRemove_crows_feet"))
    assert context.store.visits.visit_record(visit_id).goals == ()
    assert panel.goals.rows == {}
