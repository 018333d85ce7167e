"""The admin's screens: users and the audit trail."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from consult_app.domain.access import Role
from consult_app.store import Store
from consult_app.ui.admin import AuditDialog, UsersDialog

PASSWORD = "a long enough secret"


@pytest.fixture
def admin(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "data")
    store.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
    return store.sign_in("owner", PASSWORD)


def rows(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_admin_adds_a_reception_account_and_a_bad_one_is_explained(
    qtbot: QtBot, admin: Store
) -> None:
    dialog = UsersDialog(admin)
    qtbot.addWidget(dialog)
    dialog.username.setText("desk")
    dialog.display_name.setText("Front Desk")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.RECEPTION.value))
    dialog.password.setText(PASSWORD)
    dialog.add()
    assert ["desk", "Front Desk", "Reception", "active"] in rows(dialog.table)
    assert admin.sign_in("desk", PASSWORD).user.role is Role.RECEPTION
    dialog.username.setText("desk")
    dialog.password.setText("short")
    dialog.add()
    assert dialog.message.text()
    assert len(rows(dialog.table)) == 2


def test_audit_viewer_filters_by_user_and_shows_the_chain_is_whole(
    qtbot: QtBot, admin: Store
) -> None:
    admin.users.add_user("desk", "Front Desk", Role.RECEPTION, PASSWORD)
    admin.sign_in("desk", PASSWORD)
    dialog = AuditDialog(admin)
    qtbot.addWidget(dialog)
    everyone = rows(dialog.table)
    assert {"owner", "desk"} <= {row[1] for row in everyone}
    dialog.actor.setText("desk")
    dialog.reload()
    assert {row[1] for row in rows(dialog.table)} == {"desk"}
    assert "whole" in dialog.check.text()
