"""The patient session names its user as a User, the same one the store records changes under."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from consult_app.app import build_context
from consult_app.domain.access import Role, User
from consult_app.ui.patient_file.session import PatientSession
from consult_app.ui.selection import AreaSelection


def test_session_user_is_the_signed_in_user(qtbot: QtBot, tmp_path: Path) -> None:
    hala = User(0, "hala", "Dr Hala", Role.PRACTITIONER)
    context = build_context(tmp_path / "data", user=hala)
    session = PatientSession(context, AreaSelection(), date.today)
    assert isinstance(session.user, User)
    assert session.user == hala == session.store.user
