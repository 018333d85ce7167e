"""A review visit keeps, changes or removes the last visit's goals, each explicitly."""

from __future__ import annotations

from datetime import timedelta

from clock import Clock
from pytestqt.qtbot import QtBot

from consult_app.context import AppContext
from consult_app.domain.models import Goal, Hope, Severity
from consult_app.ui.patient_file import PatientFilePanel
from consult_app.ui.selection import AreaSelection
from ui import test_patient_file as base
from ui.test_patient_file import START, add_patient, button, click, edit, label_text

# The fixtures are shared with the whole-visit test.
clock = base.clock
context = base.context
selection = base.selection
panel = base.panel


def first_visit_with_goals(context: AppContext, clock: Clock) -> int:
    """Record a finished first visit with two goals; return the patient's id."""
    store = context.store
    patient_id = add_patient(context, "Mia", "Tan")
    visit = store.visits.start_visit(patient_id)
    for priority, (area, concern) in enumerate(
        (("glabella", "I look cross"), ("forehead", "Lines when I raise my brows")), start=1
    ):
        goal = Goal(area, concern, Severity.MILD, Severity.MODERATE, Hope.SOFTER, priority)
        store.visits.save_goal(visit.id, goal, context.content)
    store.visits.finish_visit(visit.id, context.content)
    clock.now = START + timedelta(days=14)
    return patient_id


def open_review_visit(qtbot: QtBot, panel: PatientFilePanel, patient_id: int) -> int:
    panel.open_patient(patient_id)
    click(qtbot, button(panel, "startVisitButton"))
    panel.tabs.setCurrentWidget(panel.goals)
    qtbot.waitUntil(lambda: all(row.isVisible() for row in panel.goals.rows.values()))
    visit_id = panel.current_visit_id
    assert visit_id is not None
    return visit_id


def saved_goals(context: AppContext, visit_id: int) -> list[tuple[str, str]]:
    return [(g.area_id, g.concern) for g in context.store.visits.visit_record(visit_id).goals]


def test_keep_these_goals_saves_every_carried_goal_and_the_sheet_prints_them(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext, clock: Clock
) -> None:
    patient_id = first_visit_with_goals(context, clock)
    visit_id = open_review_visit(qtbot, panel, patient_id)
    assert panel.goals.rows["glabella"].title().endswith("(from the last visit, not saved yet)")
    assert "Frown lines, Forehead lines" in label_text(panel, "carriedGoalsText")
    assert saved_goals(context, visit_id) == []
    click(qtbot, button(panel, "keepGoalsButton"))
    assert saved_goals(context, visit_id) == [
        ("glabella", "I look cross"),
        ("forehead", "Lines when I raise my brows"),
    ]
    assert panel.goals.carried_box.isHidden()
    assert panel.goals.rows["forehead"].title() == "Forehead lines"
    facts = context.store.documents.sheet_facts(patient_id)
    assert [g.area_id for g in facts.goals] == ["glabella", "forehead"]


def test_changing_one_goal_leaves_the_other_waiting_and_finishing_asks_about_it(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext, clock: Clock
) -> None:
    patient_id = first_visit_with_goals(context, clock)
    visit_id = open_review_visit(qtbot, panel, patient_id)
    base.type_and_leave(qtbot, edit(panel, "goalConcern_glabella"), "Still cross at times")
    assert saved_goals(context, visit_id) == [("glabella", "Still cross at times")]
    # The other goal is neither saved nor silently dropped: it still asks to be kept.
    assert "Forehead lines" in label_text(panel, "carriedGoalsText")
    asked: list[str] = []

    def refuse(question: str) -> bool:
        asked.append(question)
        return False

    panel.confirm_finish = refuse
    click(qtbot, button(panel, "finishVisitButton"))
    assert "goals for Forehead lines are not kept" in asked[0]
    assert not context.store.visits.get_visit(visit_id).locked  # the answer was no


def test_a_carried_goal_is_kept_or_removed_one_by_one(
    qtbot: QtBot,
    panel: PatientFilePanel,
    context: AppContext,
    clock: Clock,
    selection: AreaSelection,
) -> None:
    patient_id = first_visit_with_goals(context, clock)
    visit_id = open_review_visit(qtbot, panel, patient_id)
    click(qtbot, button(panel, "goalRemove_glabella"))
    assert "glabella" not in panel.goals.rows and "glabella" not in selection.selected
    click(qtbot, button(panel, "goalKeep_forehead"))
    assert saved_goals(context, visit_id) == [("forehead", "Lines when I raise my brows")]
    assert panel.goals.carried_box.isHidden()
    assert panel.session.pending_work() == ""
    facts = context.store.documents.sheet_facts(patient_id)
    assert [g.area_id for g in facts.goals] == ["forehead"]


def test_a_goal_not_yet_kept_is_shown_again_when_the_patient_is_reopened(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext, clock: Clock
) -> None:
    patient_id = first_visit_with_goals(context, clock)
    visit_id = open_review_visit(qtbot, panel, patient_id)
    base.type_and_leave(qtbot, edit(panel, "goalConcern_glabella"), "Still cross at times")
    panel.close_patient()
    panel.open_patient(patient_id)
    assert panel.current_visit_id == visit_id
    assert panel.goals.rows["glabella"].saved
    forehead = panel.goals.rows["forehead"]
    assert forehead.carried and not forehead.saved
    assert "Forehead lines" in label_text(panel, "carriedGoalsText")
