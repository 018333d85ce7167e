"""Steps in order: consent for the areas planned today, then treatment of those areas only."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from consult_app.domain.models import Answer, Goal, Hope, PatientDetails, ScreeningAnswer, Severity
from consult_app.domain.plan import derive_plan
from consult_app.store.documents import CONSENT_OVERRIDE_NOTE
from consult_app.ui.consent_dialog import ConsentDialog
from consult_app.ui.main_window import MainWindow
from ui.test_consent import sign
from ui.test_patient_file import button, click, edit, fill_treatment, label_text


def planned_visit(window: MainWindow) -> tuple[int, int]:
    """Open a screened visit whose plan treats the frown lines today; forehead waits."""
    ctx = window.context
    store, content = ctx.store, ctx.content
    details = PatientDetails("Ann", "Lee", date(1990, 1, 1))
    patient = store.patients.create_patient(details, date.today())
    visit = store.visits.start_visit(patient.id)
    for question in content.screening:
        store.visits.save_screening_answer(
            visit.id, ScreeningAnswer(question.id, Answer.NO), content
        )
    goals = [
        Goal("glabella", "cross", Severity.MILD, Severity.MODERATE, Hope.SOFTER, 1),
        Goal("forehead", "lines", Severity.MILD, Severity.MODERATE, Hope.SOFTER, 2),
    ]
    for goal in goals:
        store.visits.save_goal(visit.id, goal, content)
    plan = derive_plan(goals, content.timings, visit.visit_date, first_areas=1)
    store.visits.save_plan(patient.id, plan, "agreed", visit.id)
    window.patient_panel.open_patient(patient.id)
    assert window.patient_panel.current_visit_id == visit.id
    return patient.id, visit.id


def test_consent_offers_the_areas_planned_today_and_unlocks_only_those(
    window: MainWindow, qtbot: QtBot
) -> None:
    store = window.context.store
    _patient_id, visit_id = planned_visit(window)
    panel = window.patient_panel
    assert "No signed consent" in label_text(panel, "treatConsentStatus")

    # Before consent, the treatment is refused with what to do.
    fill_treatment(qtbot, panel, "glabella", "20", "B1", "2030-01-31")
    click(qtbot, button(panel, "recordTreatmentButton"))
    assert "Record their consent first" in label_text(panel, "treatmentMessage")
    assert store.visits.visit_record(visit_id).treatments == ()

    # The diagram's choice (everything ever mentioned) does not decide the consent's areas.
    window.selection.set_selected(["glabella", "forehead", "masseter"])
    window.consent_action.trigger()
    dialog = window.consent_dialog
    assert isinstance(dialog, ConsentDialog)
    assert dialog.area_ids == ("glabella",)
    sign(qtbot, dialog.signature_pad)
    dialog.confirmation.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.ok_button)
    [consent] = store.documents.consents_for(visit_id)
    assert consent.area_ids == ("glabella",)
    assert "covers: Frown lines" in label_text(panel, "treatConsentStatus")

    fill_treatment(qtbot, panel, "glabella", "20", "B1", "2030-01-31")
    click(qtbot, button(panel, "recordTreatmentButton"))
    assert [t.record.area_id for t in store.visits.visit_record(visit_id).treatments] == [
        "glabella"
    ]

    # Forehead has no consent: refused, then recorded with the practitioner's reason.
    fill_treatment(qtbot, panel, "forehead", "10", "B1", "2030-01-31")
    click(qtbot, button(panel, "recordTreatmentButton"))
    assert "not signed consent" in label_text(panel, "treatmentMessage")
    assert len(store.visits.visit_record(visit_id).treatments) == 1
    qtbot.keyClicks(edit(panel, "treatWithoutConsent"), "Consented on paper, pad broken")
    click(qtbot, button(panel, "recordTreatmentButton"))
    treated = store.visits.visit_record(visit_id).treatments
    assert treated[-1].record.notes == f"{CONSENT_OVERRIDE_NOTE}Consented on paper, pad broken"
    assert "without signed consent: Consented on paper" in label_text(panel, "treatmentList")
    assert edit(panel, "treatWithoutConsent").text() == ""


def test_consent_waits_for_a_plan(window: MainWindow) -> None:
    ctx = window.context
    patient = ctx.store.patients.create_patient(
        PatientDetails("Bo", "Ng", date(1990, 1, 1)), date.today()
    )
    ctx.store.visits.start_visit(patient.id)
    window.patient_panel.open_patient(patient.id)
    window.selection.set_selected(["glabella"])
    window.consent_action.trigger()
    assert window.consent_dialog is None
    assert window.last_message is not None
    assert "Agree the plan" in window.last_message.text()
