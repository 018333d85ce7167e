"""Plan changes are kept until saved, belong to one patient, and a finished plan is amended."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from clock import Clock
from factories import all_no, consent_to, treatment
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from consult_app.context import AppContext
from consult_app.domain.models import Goal, Hope, Severity, StepKind
from consult_app.domain.plan import derive_plan
from consult_app.ui.patient_file import PatientFilePanel
from consult_app.ui.patient_file.plan_tab import from_qdate, to_qdate
from consult_app.ui.selection import AreaSelection
from ui import test_patient_file as base
from ui.test_patient_file import START, add_patient, button, click, edit, label_text

# The fixtures are shared with the whole-visit test.
clock = base.clock
context = base.context
selection = base.selection
panel = base.panel
DAY = START.date()
AREAS = ("glabella", "forehead", "crows_feet", "bunny_lines", "chin")


def patient_with_goals(context: AppContext, given: str, areas: tuple[str, ...]) -> int:
    """Add a patient with an open visit and a goal for each area; return their id."""
    store = context.store
    patient_id = add_patient(context, given, "Tan")
    visit = store.visits.start_visit(patient_id)
    for priority, area in enumerate(areas, start=1):
        goal = Goal(
            area, f"{area} bothers me", Severity.MILD, Severity.MODERATE, Hope.SOFTER, priority
        )
        store.visits.save_goal(visit.id, goal, context.content)
    return patient_id


def test_plan_changes_outlive_tabs_patients_and_a_crash_until_saved(
    qtbot: QtBot,
    panel: PatientFilePanel,
    context: AppContext,
    selection: AreaSelection,
    clock: Clock,
) -> None:
    mia = patient_with_goals(context, "Mia", ("glabella",))
    ben = patient_with_goals(context, "Ben", ("forehead",))
    panel.open_patient(mia)
    panel.tabs.setCurrentWidget(panel.plan)
    moved = DAY + timedelta(days=17)
    panel.plan.review_date.setDate(to_qdate(moved))
    edit(panel, "planNote").setFocus()
    qtbot.keyClicks(edit(panel, "planNote"), "Prefers mornings")
    # Another tab saves a goal: the proposal being adjusted stays as it is.
    panel.tabs.setCurrentWidget(panel.goals)
    qtbot.waitUntil(lambda: edit(panel, "goalConcern_glabella").isVisible())
    base.type_and_leave(qtbot, edit(panel, "goalConcern_glabella"), "Frown all day")
    panel.tabs.setCurrentWidget(panel.plan)
    assert from_qdate(panel.plan.review_date.date()) == moved
    assert edit(panel, "planNote").text() == "Prefers mornings"
    assert "not saved" in panel.session.pending_work()

    # The next patient sees none of it.
    panel.open_patient(ben)
    panel.tabs.setCurrentWidget(panel.plan)
    assert edit(panel, "planNote").text() == ""
    assert from_qdate(panel.plan.review_date.date()) == DAY + timedelta(days=14)
    assert panel.session.pending_work() == ""

    # The window went away without saving: reopening Mia shows her changes again.
    again = PatientFilePanel(context, selection, today=clock.today)
    qtbot.addWidget(again)
    again.open_patient(mia)
    assert from_qdate(again.plan.review_date.date()) == moved
    assert edit(again, "planNote").text() == "Prefers mornings"
    assert "shown again" in label_text(again, "planMessage")
    again.plan.save_plan()
    plan = context.store.visits.current_plan(mia)
    assert plan is not None and plan.plan.note == "Prefers mornings"
    review = next(s for s in plan.plan.steps if s.kind is StepKind.REVIEW)
    assert review.due == moved
    assert not list((context.data_dir / "drafts").iterdir())
    assert again.session.pending_work() == ""
    # Reopened, the plan tab shows the dates and note agreed at this visit, as saved.
    again.close_patient()
    again.open_patient(mia)
    assert from_qdate(again.plan.review_date.date()) == moved
    assert edit(again, "planNote").text() == "Prefers mornings"
    assert label_text(again, "planMessage") == ""


def test_a_finished_visits_plan_is_changed_by_an_addendum_with_its_reason(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    store = context.store
    mia = patient_with_goals(context, "Mia", ("glabella",))
    visit = store.visits.visit_record(store.visits.patient_file(mia).visits[0].visit.id)
    plan = derive_plan(visit.goals, context.content.timings, DAY)
    store.visits.save_plan(mia, plan, "Plan agreed", visit.visit.id)
    for answer in all_no(context.content):
        store.visits.save_screening_answer(visit.visit.id, answer, context.content)
    given = treatment("glabella", "onabotulinumtoxin_a", expiry=date(2027, 1, 31))
    consent_to(store, visit.visit.id, context.content, ("glabella",))
    store.visits.record_treatment(visit.visit.id, given, context.content)
    store.visits.finish_visit(visit.visit.id, context.content)
    finished = store.visits.current_plan(mia)
    assert finished is not None
    panel.open_patient(mia)
    panel.tabs.setCurrentWidget(panel.plan)
    assert button(panel, "savePlanButton").text() == "Save as an addendum to this visit's plan"
    assert not panel.plan.treat_today.isEnabled()  # nothing is treated at a finished visit
    assert panel.plan.box.title() == "The plan as it stands"
    moved = DAY + timedelta(days=20)
    panel.plan.review_date.setDate(to_qdate(moved))
    click(qtbot, button(panel, "savePlanButton"))
    assert "Write why" in label_text(panel, "planMessage")
    assert [v.number for v in store.visits.plan_history(mia)] == [1, 2]
    base.type_and_leave(qtbot, edit(panel, "planAddendumReason"), "Away on the 17th")
    click(qtbot, button(panel, "savePlanButton"))
    history = store.visits.plan_history(mia)
    assert [v.reason for v in history] == [
        "Plan agreed",
        "Treatment recorded",
        "Addendum: Away on the 17th",
    ]
    # The plan as it stood, with only the review moved: the treatment stays done.
    expected = tuple(
        replace(s, due=moved) if s.kind is StepKind.REVIEW else s for s in finished.plan.steps
    )
    assert history[-1].plan.steps == expected
    (amendment,) = store.visits.visit_record(visit.visit.id).amendments
    assert amendment.target == "plan" and amendment.reason == "Away on the 17th"
    assert edit(panel, "planAddendumReason").text() == ""


def test_scroll_position_and_messages_belong_to_one_patient(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    mia = patient_with_goals(context, "Mia", AREAS)
    ben = patient_with_goals(context, "Ben", AREAS)
    panel.resize(420, 520)
    panel.open_patient(mia)
    panel.tabs.setCurrentWidget(panel.goals)
    bar = panel.goals.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    panel.goals.rows["chin"].message.show_message("A message about Mia's chin")
    panel.open_patient(ben)
    panel.tabs.setCurrentWidget(panel.goals)
    assert panel.goals.scroll_area.verticalScrollBar().value() == 0
    assert "Mia" not in label_text(panel, "goalMessage_chin")


def test_the_timeline_reads_per_area_what_and_when(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    store = context.store
    mia = patient_with_goals(context, "Mia", ("glabella", "forehead"))
    visit = store.visits.patient_file(mia).visits[0]
    plan = derive_plan(visit.goals, context.content.timings, DAY, first_areas=1)
    store.visits.save_plan(mia, plan, "Plan agreed", visit.visit.id)
    panel.open_patient(mia)
    panel.tabs.setCurrentWidget(panel.plan)
    timeline = label_text(panel, "planTimeline")
    assert (
        "<b>Frown lines</b>: \u25cb Treatment 3 Mar 2025 \u2192 \u25cb Review visit 17 Mar 2025 "
        "\u2192 \u25cb Earliest next treatment 1 Jun 2025"
    ) in timeline
    assert "<b>Forehead lines</b>: \u25cb Earliest next treatment 1 Jun 2025" in timeline
    # The versions follow, each as it was saved.
    assert timeline.index("Forehead lines</b>") < timeline.index("Version 1")


def test_the_visit_message_and_every_tabs_scroll_start_afresh_for_the_next_patient(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    mia = patient_with_goals(context, "Mia", AREAS)
    ben = patient_with_goals(context, "Ben", ("glabella",))
    panel.resize(420, 520)
    panel.open_patient(mia)
    click(qtbot, button(panel, "finishVisitButton"))
    assert "Visit finished" in label_text(panel, "visitMessage")
    panel.tabs.setCurrentWidget(panel.screening)
    bar = base.child(panel, QScrollArea, "screeningScroll").verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    panel.open_patient(ben)
    assert label_text(panel, "visitMessage") == ""
    assert bar.value() == 0
