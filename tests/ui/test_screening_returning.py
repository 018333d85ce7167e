"""Screening quickly: a returning patient keeps their last answers, one key answers a question,
the list stays put while findings come and go, and the record answers what it knows."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from clock import Clock
from factories import consent_to
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QRadioButton
from pytestqt.qtbot import QtBot

from consult_app.context import AppContext
from consult_app.domain.models import Answer, ScreeningAnswer, TreatmentRecord
from consult_app.ui.patient_file import PatientFilePanel
from consult_app.ui.patient_file.question_group import QuestionGroup
from ui import test_patient_file as base
from ui.test_patient_file import add_patient, button, child, click, label_text

clock = base.clock
context = base.context
selection = base.selection
panel = base.panel


def radio(panel: PatientFilePanel, question: str, answer: str) -> QRadioButton:
    found = child(panel, QRadioButton, f"answer_{question}_{answer}")
    assert isinstance(found, QRadioButton)
    return found


def treated_ten_days_ago(context: AppContext, clock: Clock) -> int:
    """A patient screened and treated 10 days before the clock's day (aspirin noted)."""
    store, content = context.store, context.content
    patient_id = add_patient(context, "Rua", "Tane")
    visit = store.visits.start_visit(patient_id, clock.today() - timedelta(days=10))
    for question in content.screening:
        given = ScreeningAnswer(question.id, Answer.NO)
        if question.id == "blood_thinners":
            given = ScreeningAnswer(question.id, Answer.YES, "aspirin daily")
        store.visits.save_screening_answer(visit.id, given, content)
    consent_to(store, visit.id, content, ("glabella",))
    product = content.clinic.products[0].id
    record = TreatmentRecord("glabella", product, Decimal(20), "B1", clock.today() + timedelta(300))
    store.visits.record_treatment(visit.id, record, content)
    store.visits.finish_visit(visit.id, content)
    return patient_id


def test_a_returning_patient_confirms_nothing_changed_and_the_record_answers_recent_toxin(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext, clock: Clock
) -> None:
    patient_id = treated_ten_days_ago(context, clock)
    panel.open_patient(patient_id)
    click(qtbot, button(panel, "startVisitButton"))
    visit_id = panel.current_visit_id
    assert visit_id is not None
    first_day = clock.today() - timedelta(days=10)
    shown_day = f"{first_day.day} {first_day:%b %Y}"

    # The record knows about the treatment 10 days ago: answered yes, with when.
    assert radio(panel, "recent_toxin", "yes").isChecked()
    answers = {a.question_id: a for a in context.store.visits.visit_record(visit_id).answers}
    assert answers["recent_toxin"].note == f"Treated here on {first_day.isoformat()}, 10 days ago."
    # "No" is refused with the reason; the saved answer stays yes.
    click(qtbot, radio(panel, "recent_toxin", "no"))
    assert "The record says otherwise" in label_text(panel, "message_recent_toxin")
    saved = {a.question_id: a for a in context.store.visits.visit_record(visit_id).answers}
    assert saved["recent_toxin"].answer is Answer.YES

    # Every earlier answer is shown beside its question.
    assert label_text(panel, "earlier_blood_thinners") == f"On {shown_day}: Yes (aspirin daily)"
    assert label_text(panel, "earlier_pregnancy") == f"On {shown_day}: No"
    unchanged = button(panel, "unchangedButton")
    assert unchanged.text() == f"Nothing has changed since {shown_day}"
    click(qtbot, unchanged)
    record = context.store.visits.visit_record(visit_id)
    assert len(record.answers) == len(context.content.screening)
    assert radio(panel, "blood_thinners", "yes").isChecked()
    assert radio(panel, "pregnancy", "no").isChecked()
    assert not unchanged.isEnabled()
    first = context.content.screening[0].id
    assert QApplication.focusWidget() is radio(panel, first, "no"), "ready to change answers"
    assert "Each question has an answer today" in label_text(panel, "earlierScreening")
    assert "Not complete" not in label_text(panel, "screeningResult")

    # Then only what changed: one key on the question.
    pregnancy = radio(panel, "pregnancy", "no")
    pregnancy.setFocus()
    qtbot.keyClick(pregnancy, Qt.Key.Key_Y)
    changed = {a.question_id: a for a in context.store.visits.visit_record(visit_id).answers}
    assert changed["pregnancy"].answer is Answer.YES


def test_one_key_answers_and_moves_to_the_next_question(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    panel.open_patient(add_patient(context, "Mina", "Park"))
    click(qtbot, button(panel, "startVisitButton"))
    visit_id = panel.current_visit_id
    assert visit_id is not None
    assert not button(panel, "unchangedButton").isVisible(), "a first visit asks everything"
    questions = [q.id for q in context.content.screening]
    panel.screening.rows[questions[0]].focus_answer()
    for key in (Qt.Key.Key_N, Qt.Key.Key_U, Qt.Key.Key_N):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, key)
    given = {a.question_id: a.answer for a in context.store.visits.visit_record(visit_id).answers}
    assert given == {questions[0]: Answer.NO, questions[1]: Answer.UNSURE, questions[2]: Answer.NO}
    assert QApplication.focusWidget() is radio(panel, questions[3], "yes")

    # A yes that needs a note stops there and puts the cursor in the note.
    panel.screening.rows["past_toxin_problem"].focus_answer()
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Y)
    note = child(panel, QLineEdit, "note_past_toxin_problem")
    assert QApplication.focusWidget() is note
    assert "Write in the note" in label_text(panel, "message_past_toxin_problem")


def test_the_questions_do_not_move_when_findings_appear(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    panel.open_patient(add_patient(context, "Ola", "Berg"))
    click(qtbot, button(panel, "startVisitButton"))
    row = panel.screening.rows["pregnancy"]

    def where() -> QPoint:
        return row.mapTo(panel, QPoint(0, 0))

    radio(panel, "pregnancy", "no").setChecked(True)  # the first answer settles the panel
    qtbot.wait(1)
    before = where()
    for question in ("site_infection", "blood_thinners", "myasthenia_gravis"):
        radio(panel, question, "yes").setChecked(True)
        qtbot.wait(1)
        assert where() == before, question
    assert "Do not treat" in label_text(panel, "screeningResult")


def test_none_of_these_answers_the_rest_of_a_group_no_and_keeps_a_yes(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    panel.open_patient(add_patient(context, "Ana", "Lopes"))
    click(qtbot, button(panel, "startVisitButton"))
    visit_id = panel.current_visit_id
    assert visit_id is not None
    group = next(s for s in panel.screening.stops if isinstance(s, QuestionGroup))
    assert group.topic == "Today"
    assert group.question_ids() == ["site_infection", "unwell_today"]
    assert group.none_button.accessibleName() == "None of these: Today"
    # The keyboard starts on the first question of the check.
    assert QApplication.focusWidget() is radio(panel, "site_infection", "yes")

    click(qtbot, radio(panel, "site_infection", "yes"))
    click(qtbot, group.none_button)

    given = {a.question_id: a.answer for a in context.store.visits.visit_record(visit_id).answers}
    assert given == {"site_infection": Answer.YES, "unwell_today": Answer.NO}
    assert radio(panel, "unwell_today", "no").isChecked()
    assert not group.none_button.isEnabled(), "nothing left to answer in the group"
    assert "Do not treat" in label_text(panel, "screeningResult")
    # On to the next group's first question.
    assert QApplication.focusWidget() is radio(panel, "toxin_allergy", "yes")

    # Changing one answer of the group by hand still works after "None of these".
    click(qtbot, radio(panel, "site_infection", "no"))
    given = {a.question_id: a.answer for a in context.store.visits.visit_record(visit_id).answers}
    assert given["site_infection"] is Answer.NO


def test_every_group_answered_none_completes_the_check(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    panel.open_patient(add_patient(context, "Wen", "Li"))
    click(qtbot, button(panel, "startVisitButton"))
    for stop in panel.screening.stops:
        if isinstance(stop, QuestionGroup):
            click(qtbot, stop.none_button)
        else:
            click(qtbot, radio(panel, stop.question.id, "no"))
    assert "Not complete" not in label_text(panel, "screeningResult")
    groups = [s for s in panel.screening.stops if isinstance(s, QuestionGroup)]
    assert len(groups) == 9
    assert sum(len(g.rows) for g in groups) + len(panel.screening.stops) - len(groups) == len(
        context.content.screening
    )
