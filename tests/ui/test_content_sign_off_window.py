"""The sign-off banner in the main window, and the admin's content sign-off dialog."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from consult_app.app import create_main_window
from consult_app.bundled import bundled_resource
from consult_app.content import load_content
from consult_app.content.fingerprint import content_fingerprint, short_fingerprint
from consult_app.domain.access import Role, User
from consult_app.store import Store
from consult_app.store.audit import AuditFilter
from consult_app.store.signoff import SIGN_OFF_ACTION
from consult_app.ui.content_sign_off import ContentSignOffDialog
from consult_app.ui.main_window import MainWindow
from consult_app.ui.pdf_preview import PdfPreviewDialog

PASSWORD = "a long enough secret"


@pytest.fixture
def accounts(data_dir: Path) -> dict[Role, User]:
    with Store.open(data_dir) as store:
        owner = store.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
        admin = store.sign_in("owner", PASSWORD)
        hala = admin.users.add_user("hala", "Dr Hala", Role.PRACTITIONER, PASSWORD)
        desk = admin.users.add_user("desk", "Front Desk", Role.RECEPTION, PASSWORD)
    return {Role.ADMIN: owner, Role.PRACTITIONER: hala, Role.RECEPTION: desk}


@pytest.fixture
def open_window(qtbot: QtBot, data_dir: Path) -> Iterator[object]:
    opened: list[MainWindow] = []

    def make(user: User, content_dir: Path | None = None) -> MainWindow:
        window = create_main_window(data_dir, content_dir, user)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        opened.append(window)
        return window

    yield make
    for window in opened:
        window.close()


def sign_off_bundled(data_dir: Path, fingerprint: str | None = None) -> None:
    content = load_content()
    with Store.open(data_dir) as store:
        store.sign_offs.record_content_sign_off(
            content.clinic.content_version,
            fingerprint or content_fingerprint(content),
            "Dr Hala Haddad",
        )


def banner(window: MainWindow) -> str:
    return window.sign_off_banner.label.text() if window.sign_off_banner.isVisible() else ""


def test_never_signed_off_content_shows_a_banner_that_blocks_nothing(open_window, accounts):
    window = open_window(accounts[Role.PRACTITIONER])
    assert banner(window).startswith("Content not signed off yet")
    assert window.print_action.isEnabled() and window.consent_action.isEnabled()
    assert not window.sign_off_action.isVisible()


def test_the_patient_view_hides_the_banner_and_leaving_it_shows_it_again(open_window, accounts):
    window = open_window(accounts[Role.PRACTITIONER])
    window.set_patient_view(True)
    assert not window.sign_off_banner.isVisible()
    window.set_patient_view(False)
    assert banner(window).startswith("Content not signed off yet")


def test_signed_off_content_shows_no_banner(open_window, accounts, data_dir):
    sign_off_bundled(data_dir)
    for role in (Role.PRACTITIONER, Role.RECEPTION, Role.ADMIN):
        assert banner(open_window(accounts[role])) == ""


def test_changed_content_shows_the_changed_banner(open_window, accounts, data_dir, tmp_path):
    sign_off_bundled(data_dir)
    edited = tmp_path / "clinic"
    shutil.copytree(
        bundled_resource(), edited, ignore=shutil.ignore_patterns("__pycache__", "*.py", "fonts")
    )
    info = edited / "content" / "info.yaml"
    info.write_text(info.read_text().replace("Headache.", "A headache."))
    assert "A headache." in info.read_text()
    window = open_window(accounts[Role.PRACTITIONER], edited)
    text = banner(window)
    assert text.startswith("Content changed since sign-off")
    assert "Dr Hala Haddad signed off version" in text
    assert banner(open_window(accounts[Role.PRACTITIONER])) == ""  # the bundled content


def test_only_the_admin_is_offered_the_sign_off(open_window, accounts):
    assert open_window(accounts[Role.ADMIN]).sign_off_action.isVisible()
    for role in (Role.PRACTITIONER, Role.RECEPTION):
        window = open_window(accounts[role])
        assert not window.sign_off_action.isVisible()


def test_the_admin_records_the_sign_off_and_the_banner_goes(
    qtbot: QtBot, open_window, accounts, data_dir
):
    window = open_window(accounts[Role.ADMIN])
    assert banner(window).startswith("Content not signed off yet")
    window.show_sign_off()
    dialog = window.sign_off_dialog
    assert isinstance(dialog, ContentSignOffDialog)
    fingerprint = window.context.content_fingerprint
    shown = dialog.findChild(QLabel, "signOffFingerprint")
    assert shown is not None and shown.text() == short_fingerprint(fingerprint)
    assert not dialog.record_button.isEnabled()
    dialog.signer.setText("Dr Hala Haddad")
    assert not dialog.record_button.isEnabled()  # not until the box is ticked
    dialog.confirm.setChecked(True)
    assert dialog.record_button.isEnabled()
    with qtbot.waitSignal(dialog.signedOff):
        dialog.record_button.click()
    assert banner(window) == ""
    current = window.context.store.sign_offs.content_sign_off()
    assert current is not None
    assert (current.signed_by, current.fingerprint) == ("Dr Hala Haddad", fingerprint)
    assert current.recorded_by == "owner"
    [entry] = window.context.store.audit.audit_trail(AuditFilter(action=SIGN_OFF_ACTION))
    assert entry.detail["fingerprint"] == fingerprint


def test_the_admin_previews_the_review_to_print_and_each_copy_is_audited(
    open_window, accounts, tmp_path
):
    window = open_window(accounts[Role.ADMIN])
    window.show_sign_off()
    dialog = window.sign_off_dialog
    assert isinstance(dialog, ContentSignOffDialog)
    dialog.review_button.click()
    preview = dialog.preview
    assert isinstance(preview, PdfPreviewDialog) and preview.isVisible()
    assert preview.document is not None and preview.document.pageCount() > 3
    preview.saved.emit(tmp_path / "review.pdf")
    [entry] = window.context.store.audit.audit_trail(AuditFilter(action="print_content_review"))
    assert entry.actor == "owner"
    assert entry.detail["fingerprint"] == window.context.content_fingerprint
