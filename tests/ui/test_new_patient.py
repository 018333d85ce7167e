"""The new patient form: a possible duplicate is flagged before saving; Enter saves and starts."""

from __future__ import annotations

from pathlib import Path

from clock import Clock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from consult_app.context import AppContext
from consult_app.domain.access import Role
from consult_app.ui.patient_file import PatientFilePanel
from consult_app.ui.selection import AreaSelection
from ui import test_patient_file as base
from ui.test_patient_file import add_patient, button, click, edit, label_text, type_and_leave
from ui.test_patient_file_parts import context_as


def open_id(panel: PatientFilePanel) -> int | None:
    """Return the open patient's id (read afresh: the form changes it)."""
    return panel.current_patient_id


# The fixtures are shared with the whole-visit test.
clock = base.clock
context = base.context
selection = base.selection
panel = base.panel


def test_same_name_and_birth_date_is_flagged_and_the_existing_file_opens(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    zoe = add_patient(context, "Zoë", "O'Brien", phone="0412 345 678")
    click(qtbot, button(panel, "newPatientButton"))
    type_and_leave(qtbot, edit(panel, "givenNameEdit"), "zoe")
    type_and_leave(qtbot, edit(panel, "familyNameEdit"), "O'BRIEN")
    type_and_leave(qtbot, edit(panel, "birthDateEdit"), "07/03/1985")
    assert [p.id for p in context.store.patients.search_patients("")] == [zoe], "nothing saved"
    assert open_id(panel) is None
    notice = label_text(panel, "duplicateMessage")
    assert "already has a file" in notice and "Zoë" in notice and "0412 345 678" in notice
    click(qtbot, button(panel, "openDuplicateButton"))
    assert panel.current_patient_id == zoe
    assert not panel.details.duplicate.isVisible()
    assert edit(panel, "givenNameEdit").text() == "Zoë"


def test_a_different_person_with_the_same_name_is_saved_when_the_user_says_so(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    zoe = add_patient(context, "Zoë", "O'Brien")
    click(qtbot, button(panel, "newPatientButton"))
    type_and_leave(qtbot, edit(panel, "givenNameEdit"), "Zoe")
    type_and_leave(qtbot, edit(panel, "familyNameEdit"), "O'Brien")
    type_and_leave(qtbot, edit(panel, "birthDateEdit"), "1985-03-07")
    type_and_leave(qtbot, edit(panel, "phoneEdit"), "0499 000 111")
    assert open_id(panel) is None, "leaving another field does not save past the flag"
    with qtbot.waitSignal(panel.patientOpened) as opened:
        click(qtbot, button(panel, "saveDuplicateButton"))
    assert opened.args[0] != zoe
    saved = context.store.patients.get_patient(opened.args[0]).details
    assert (saved.given_name, saved.phone) == ("Zoe", "0499 000 111")
    assert len(context.store.patients.search_patients("")) == 2


def test_changing_the_birth_date_clears_the_flag_and_saves(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    add_patient(context, "Zoë", "O'Brien")
    click(qtbot, button(panel, "newPatientButton"))
    type_and_leave(qtbot, edit(panel, "givenNameEdit"), "Zoë")
    type_and_leave(qtbot, edit(panel, "familyNameEdit"), "O'Brien")
    type_and_leave(qtbot, edit(panel, "birthDateEdit"), "1985-03-07")
    assert panel.details.duplicate.isVisible()
    with qtbot.waitSignal(panel.patientOpened):
        type_and_leave(qtbot, edit(panel, "birthDateEdit"), "1986-03-07")
    assert not panel.details.duplicate.isVisible()


def test_new_patient_starts_in_the_given_name_and_enter_saves_and_starts_the_visit(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    click(qtbot, button(panel, "newPatientButton"))
    assert QApplication.focusWidget() is edit(panel, "givenNameEdit")
    assert "Press Enter to save it and start today's visit" in label_text(panel, "detailsStatus")
    qtbot.keyClicks(edit(panel, "givenNameEdit"), "Aisha")
    qtbot.keyClick(edit(panel, "givenNameEdit"), Qt.Key.Key_Return)
    assert open_id(panel) is None, "Enter on an incomplete form saves nothing"
    assert "Enter the family name" in label_text(panel, "familyNameMessage")
    type_and_leave(qtbot, edit(panel, "familyNameEdit"), "Khan")
    assert QApplication.focusWidget() is edit(panel, "birthDateEdit"), "the needed fields first"
    qtbot.keyClicks(edit(panel, "birthDateEdit"), "1990-05-01")
    qtbot.keyClick(edit(panel, "birthDateEdit"), Qt.Key.Key_Return)
    patient_id = panel.current_patient_id
    assert patient_id is not None
    visit_id = panel.current_visit_id
    assert visit_id is not None
    assert not context.store.visits.get_visit(visit_id).locked
    assert panel.tabs.currentWidget() is panel.screening


def enter(qtbot: QtBot, panel: PatientFilePanel, name: str, text: str) -> None:
    """Type into a field and press Enter (this works whichever window is active)."""
    field = edit(panel, name)
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_reception_is_warned_of_a_duplicate_too_and_enter_starts_no_visit(
    qtbot: QtBot, tmp_path: Path, clock: Clock
) -> None:
    for desk in context_as(tmp_path / "data", clock, Role.RECEPTION):
        add_patient(desk, "Zoë", "O'Brien")
        front = PatientFilePanel(desk, AreaSelection(), today=clock.today)
        qtbot.addWidget(front)
        front.show()
        qtbot.waitExposed(front)
        click(qtbot, button(front, "newPatientButton"))
        assert "start today's visit" not in label_text(front, "detailsStatus")
        enter(qtbot, front, "givenNameEdit", "Zoe")
        enter(qtbot, front, "familyNameEdit", "O'Brien")
        enter(qtbot, front, "birthDateEdit", "1985-03-07")
        assert "already has a file" in label_text(front, "duplicateMessage")
        assert open_id(front) is None
        enter(qtbot, front, "birthDateEdit", "1985-03-08")
        assert open_id(front) is not None
        assert front.current_visit_id is None, "reception starts no visit"
        assert label_text(front, "visitMessage") == ""
