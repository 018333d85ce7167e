"""Signing in, the first admin account, locking the window, and what reception sees."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from consult_app.app import create_main_window
from consult_app.domain.access import Role, User
from consult_app.domain.models import PatientDetails
from consult_app.store import Store, users
from consult_app.store.audit import AuditFilter
from consult_app.ui.main_window import MainWindow
from consult_app.ui.sign_in import ChangePasswordDialog, FirstRunDialog, SignInDialog

PASSWORD = "a long enough secret"


@pytest.fixture
def system(data_dir: Path) -> Iterator[Store]:
    store = Store.open(data_dir)
    yield store
    store.close()


def _user(system: Store, name: str, role: Role) -> User:
    if not system.users.has_users():
        system.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
    admin = system.sign_in("owner", PASSWORD)
    return admin.users.add_user(name, name.title(), role, PASSWORD)


def _window(qtbot: QtBot, data_dir: Path, user: User) -> MainWindow:
    window = create_main_window(data_dir, user=user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_first_start_creates_the_admin_after_checking_the_password(
    qtbot: QtBot, system: Store
) -> None:
    dialog = FirstRunDialog(system, "Clinic")
    qtbot.addWidget(dialog)
    dialog.username.setText("owner")
    dialog.display_name.setText("Clinic Owner")
    dialog.password.setText(PASSWORD)
    dialog.repeat.setText(PASSWORD + "x")
    dialog.create_account()
    assert "not the same" in dialog.message.text()
    assert not system.users.has_users()
    dialog.repeat.setText(PASSWORD)
    dialog.create_account()
    assert dialog.created is not None
    assert dialog.created.role is Role.ADMIN
    assert system.sign_in("OWNER", PASSWORD).user.username == "owner"


def signed_in(dialog: SignInDialog) -> Store | None:
    """Return who the dialog signed in (read afresh: the dialog changes it as it runs)."""
    return dialog.signed_in


def is_locked(window: MainWindow) -> bool:
    """Return whether the window is locked (read afresh: locking changes it)."""
    return window.locked


def test_a_wrong_password_says_so_and_signs_nobody_in(qtbot: QtBot, system: Store) -> None:
    _user(system, "hala", Role.PRACTITIONER)
    dialog = SignInDialog(system, "Clinic")
    qtbot.addWidget(dialog)
    dialog.username.setText("hala")
    dialog.password.setText("not the password")
    dialog.sign_in()
    assert signed_in(dialog) is None
    assert "user name or the password is wrong" in dialog.message.text()
    assert dialog.password.text() == ""
    dialog.password.setText(PASSWORD)
    dialog.sign_in()
    assert dialog.signed_in is not None
    assert dialog.signed_in.user.role is Role.PRACTITIONER


def test_ctrl_l_locks_and_only_the_same_users_password_unlocks(
    qtbot: QtBot, system: Store, data_dir: Path
) -> None:
    hala = _user(system, "hala", Role.PRACTITIONER)
    _user(system, "desk", Role.RECEPTION)
    window = _window(qtbot, data_dir, hala)
    assert "Hala" in window.user_label.text()
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    window.activateWindow()
    qtbot.waitActive(window)
    window.lock_action.trigger()
    assert window.locked
    assert not window.splitter.isVisible()
    assert not window.print_action.isEnabled()
    screen = window.lock_screen
    password = screen.findChild(QLineEdit, "unlockPassword")
    assert isinstance(password, QLineEdit)
    qtbot.keyClicks(password, PASSWORD + "!")
    qtbot.keyClick(password, Qt.Key.Key_Return)
    assert window.locked
    assert "not the password of hala" in screen.message.text()
    qtbot.keyClicks(password, PASSWORD)
    qtbot.keyClick(password, Qt.Key.Key_Return)
    assert not is_locked(window)
    assert window.splitter.isVisible()
    assert window.print_action.isEnabled()
    done = [
        e.action for e in system.sign_in("owner", PASSWORD).audit.audit_trail(AuditFilter("hala"))
    ]
    assert done[:3] == ["unlock", "unlock_failed", "lock"]


@pytest.mark.slow
def test_the_window_locks_when_idle(qtbot: QtBot, system: Store, data_dir: Path) -> None:
    hala = _user(system, "hala", Role.PRACTITIONER)
    window = _window(qtbot, data_dir, hala)
    window.idle_lock.set_interval_ms(50)
    qtbot.waitUntil(lambda: window.locked, timeout=2000)


@pytest.mark.slow
def test_input_anywhere_keeps_the_window_unlocked(
    qtbot: QtBot, system: Store, data_dir: Path
) -> None:
    hala = _user(system, "hala", Role.PRACTITIONER)
    window = _window(qtbot, data_dir, hala)
    qtbot.waitUntil(lambda: window.idle_lock.watching, timeout=2000)
    window.idle_lock.set_interval_ms(400)
    search = window.patient_panel.search
    for _ in range(8):  # 1.2 s of typing, three times the idle time
        qtbot.keyClick(search, Qt.Key.Key_A)
        qtbot.wait(150)
        assert not window.locked
    qtbot.waitUntil(lambda: window.locked, timeout=3000)


def test_reception_sees_details_plan_dates_and_handouts_only(
    qtbot: QtBot, system: Store, data_dir: Path
) -> None:
    desk = _user(system, "desk", Role.RECEPTION)
    patient = system.patients.create_patient(
        PatientDetails("Ann", "Lee", date(1980, 1, 1), phone="07700 900111", notes="Private"),
        date.today(),
    )
    window = _window(qtbot, data_dir, desk)
    panel = window.patient_panel
    titles = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
    assert titles == ["Details", "Plan and handouts"]
    assert not window.consent_action.isVisible()
    assert not window.users_action.isVisible()
    panel.open_patient(patient.id)
    assert panel.current_patient_id == patient.id
    assert not panel.visit_message.isVisible() or not panel.visit_message.text()
    assert "07700 900111" in panel.info_label.text()
    assert not panel.details.notes.isVisibleTo(panel)
    assert panel.details.notes.toPlainText() == ""
    opened = system.audit.audit_trail(AuditFilter(action="open_summary"))
    assert [(e.actor, e.patient_id) for e in opened] == [("desk", patient.id)]
    window.selection.toggle("masseter")
    details = window.findChild(QWidget, "practitionerDetails")
    assert details is not None and not details.isVisibleTo(window)
    muscles = window.context.content.area("masseter").muscles
    text = window.workspace.info.findChild(QLabel, "practitionerText")
    assert text is not None
    assert not any(m in text.text() for m in muscles)


def test_a_user_changes_their_own_password(qtbot: QtBot, system: Store, data_dir: Path) -> None:
    hala = _user(system, "hala", Role.PRACTITIONER)
    window = _window(qtbot, data_dir, hala)
    assert window.change_password_action.isVisible()
    window.change_password_action.trigger()
    dialog = window.password_dialog
    assert isinstance(dialog, ChangePasswordDialog)
    edits = {e.objectName(): e for e in dialog.findChildren(QLineEdit)}
    edits["currentPasswordEdit"].setText("not it at all")
    edits["newPasswordEdit"].setText("a fresh long secret")
    edits["repeatPasswordEdit"].setText("a fresh long secret")
    dialog.change()
    assert dialog.isVisible()
    assert "not your current password" in dialog.message.text()
    edits["currentPasswordEdit"].setText(PASSWORD)
    dialog.change()
    assert not dialog.isVisible()
    assert system.sign_in("hala", "a fresh long secret").user.username == "hala"


def test_a_change_by_a_disabled_account_is_refused_and_the_window_signs_out(
    qtbot: QtBot, system: Store, data_dir: Path
) -> None:
    desk = _user(system, "desk", Role.RECEPTION)
    patient = system.patients.create_patient(
        PatientDetails("Ann", "Lee", date(1980, 1, 1), phone="07700 900111"),
        date.today(),
    )
    window = _window(qtbot, data_dir, desk)
    window.patient_panel.open_patient(patient.id)
    system.users.set_disabled("desk", True)
    phone = window.patient_panel.details.edits["phone"]
    phone.setText("07700 900999")
    phone.editingFinished.emit()
    assert "disabled by the admin" in window.session_ended
    qtbot.waitUntil(lambda: window.signed_out and not window.isVisible(), timeout=2000)
    assert system.patients.get_patient(patient.id).details.phone == "07700 900111"
    done = [e.action for e in system.audit.audit_trail(AuditFilter("desk"))]
    assert done[0] == "sign_out"
    assert "update_patient" not in done


def test_the_lock_screen_says_when_the_account_must_wait(
    qtbot: QtBot, system: Store, data_dir: Path
) -> None:
    hala = _user(system, "hala", Role.PRACTITIONER)
    window = _window(qtbot, data_dir, hala)
    window.lock()
    screen = window.lock_screen
    for _ in range(users.MAX_FAILED_SIGN_INS):
        screen.password.setText("not the password")
        screen.try_unlock()
    screen.password.setText(PASSWORD)
    screen.try_unlock()
    assert window.locked
    assert "must wait 15 minutes" in screen.message.text()


def test_after_a_session_the_records_ended_the_sign_in_says_why(
    monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    from consult_app.app import run_gui
    from consult_app.demo import DEMO_HINT, DEMO_PASSWORD
    from consult_app.store.access import SessionEndedError
    from consult_app.ui import sign_in

    hints: list[str] = []

    def sign_in_as_reception(store: Store, clinic: str, hint: str = "") -> Store | None:
        hints.append(hint)
        return store.sign_in("reception", DEMO_PASSWORD) if len(hints) == 1 else None

    def run_event_loop() -> int:
        [window] = [
            w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        with Store.open(window.context.data_dir) as admin:
            admin.users.set_disabled("reception", True)
        details = PatientDetails("Ann", "Lee", date(1980, 1, 1))
        with pytest.raises(SessionEndedError):
            window.context.store.patients.create_patient(details, date.today())
        qapp.processEvents()  # the window signs out once the refused call has returned
        assert window.signed_out and not window.isVisible()
        return 0

    monkeypatch.setattr(sign_in, "ask_sign_in", sign_in_as_reception)
    monkeypatch.setattr(qapp, "exec", run_event_loop)
    assert run_gui(None, None, demo=True) == 0
    assert hints[0] == DEMO_HINT
    assert "disabled by the admin" in hints[1]
