"""The patient search and the visit header, as widgets of their own."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from clock import Clock
from pytestqt.qtbot import QtBot

from consult_app.app import build_context
from consult_app.context import AppContext
from consult_app.domain.access import Role, User
from consult_app.store import Store
from consult_app.ui.patient_file import PatientFilePanel
from consult_app.ui.patient_file.patient_search import PatientSearch
from consult_app.ui.patient_file.session import PatientSession
from consult_app.ui.patient_file.visit_header import FINISH_QUESTION, VisitHeader
from consult_app.ui.selection import AreaSelection
from ui.test_patient_file import START, add_patient


def context_as(data_dir: Path, clock: Clock, role: Role) -> Iterator[AppContext]:
    ctx = build_context(data_dir)
    ctx.store.close()
    user = User(0, "hala" if role is Role.PRACTITIONER else "desk", "Someone", role)
    ctx = replace(ctx, store=Store.open(ctx.data_dir, clock=clock).for_user(user), user=user)
    yield ctx
    ctx.store.close()


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def practitioner(tmp_path: Path, clock: Clock) -> Iterator[AppContext]:
    yield from context_as(tmp_path / "data", clock, Role.PRACTITIONER)


@pytest.fixture
def reception(tmp_path: Path, clock: Clock) -> Iterator[AppContext]:
    yield from context_as(tmp_path / "data", clock, Role.RECEPTION)


def session_for(context: AppContext, clock: Clock) -> PatientSession:
    return PatientSession(context, AreaSelection(), clock.today)


def test_the_search_asks_for_a_patient_once_and_not_for_the_open_one(
    qtbot: QtBot, practitioner: AppContext, clock: Clock
) -> None:
    mei = add_patient(practitioner, "Mei", "Tan")
    add_patient(practitioner, "Omar", "Haddad")
    session = session_for(practitioner, clock)
    search = PatientSearch(session)
    qtbot.addWidget(search)
    search.refresh()
    assert search.results.count() == 2
    search.search.setText("tan")
    assert search.results.count() == 1
    with qtbot.waitSignal(search.patientChosen) as chosen:
        search.search.returnPressed.emit()
    assert chosen.args == [mei]
    session.open_patient(mei)
    with qtbot.assertNotEmitted(search.patientChosen):
        search.search.returnPressed.emit()  # already open: nothing to do
    with qtbot.waitSignal(search.newPatientRequested):
        search.new_button.click()
    with qtbot.waitSignal(search.recallsRequested):
        search.recall_button.click()


def test_the_header_starts_one_visit_and_finishes_it_only_when_confirmed(
    qtbot: QtBot, practitioner: AppContext, clock: Clock
) -> None:
    session = session_for(practitioner, clock)
    asked: list[str] = []
    answer = [False]

    def confirm(question: str) -> bool:
        asked.append(question)
        return answer[0]

    header = VisitHeader(session, confirm)
    qtbot.addWidget(header)
    patient_id = add_patient(practitioner, "Mei", "Tan", phone="0400 000 111")
    session.open_patient(patient_id)
    header.show_patient()
    assert header.name_label.text() == "Mei Tan"
    assert "0400 000 111" in header.info_label.text()
    with qtbot.waitSignal(header.visitStarted):
        header.start_button.click()
    visit_id = session.visit_id
    assert visit_id is not None
    with qtbot.assertNotEmitted(header.visitStarted):
        header.start_button.click()  # the open visit is shown again, not a second one
    assert session.visit_id == visit_id
    assert "still open" in header.visit_message.text()
    header.finish_button.click()
    assert asked == [FINISH_QUESTION]
    assert not practitioner.store.visits.get_visit(visit_id).locked
    answer[0] = True
    header.finish_button.click()
    assert practitioner.store.visits.get_visit(visit_id).locked
    assert "finished and locked" in header.visit_message.text()
    with qtbot.waitSignal(header.closeRequested):
        header.close_button.click()


def test_reception_gets_no_visit_controls(
    qtbot: QtBot, reception: AppContext, clock: Clock
) -> None:
    panel = PatientFilePanel(reception, AreaSelection(), today=clock.today)
    qtbot.addWidget(panel)
    header = panel.header
    for control in (header.start_button, header.finish_button, header.visit_choice):
        assert control.isHidden(), control.objectName()
    assert not header.close_button.isHidden()
