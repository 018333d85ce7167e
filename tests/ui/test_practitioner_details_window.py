"""Practitioners set their own paper details through the window; the admin sets anyone's."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from handout_pdf import text_of
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from consult_app.app import create_main_window
from consult_app.demo import seed_demo
from consult_app.domain.access import Role, User
from consult_app.store import Store
from consult_app.ui.admin import UsersDialog
from consult_app.ui.main_window import MainWindow
from consult_app.ui.pdf_preview import PdfPreviewDialog
from consult_app.ui.practitioner_details import PractitionerDetailsDialog

PASSWORD = "a long enough secret"
LEFT = Qt.MouseButton.LeftButton


def picture(path: Path, kind: str) -> Path:
    out = io.BytesIO()
    Image.new("RGB", (300, 80), "navy").save(out, format=kind)
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture
def lee_id(data_dir: Path) -> int:
    with Store.open(data_dir) as store:
        store.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
        admin = store.sign_in("owner", PASSWORD)
        return admin.users.add_user("lee", "Dr Lee", Role.PRACTITIONER, PASSWORD).id


@pytest.fixture
def lee_window(qtbot: QtBot, data_dir: Path, lee_id: int) -> Iterator[MainWindow]:
    win = create_main_window(data_dir, user=User(lee_id, "lee", "Dr Lee", Role.PRACTITIONER))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def save_button(dialog: PractitionerDetailsDialog) -> QPushButton:
    buttons = dialog.findChild(QDialogButtonBox, "practitionerDetailsButtons")
    assert buttons is not None
    button = buttons.button(QDialogButtonBox.StandardButton.Save)
    assert button is not None
    return button


def test_a_practitioner_sets_their_details_and_their_sheet_prints_them(
    lee_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert lee_window.admin.my_details_action.isVisible()
    lee_window.admin.my_details_action.trigger()
    dialog = lee_window.admin.details_dialog
    assert isinstance(dialog, PractitionerDetailsDialog)
    assert dialog.display_name.text() == "Dr Lee"
    # A GIF is refused with the reason; nothing is taken.
    chosen = [picture(tmp_path / "sig.gif", "GIF")]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen[0]), ""))
    choose = dialog.findChild(QPushButton, "chooseSignatureButton")
    assert choose is not None
    qtbot.mouseClick(choose, LEFT)
    assert "GIF" in dialog.message.text() and not dialog.signature
    chosen[0] = picture(tmp_path / "sig.png", "PNG")
    qtbot.mouseClick(choose, LEFT)
    assert dialog.signature == chosen[0].read_bytes()
    assert dialog.picture.pixmap() is not None and not dialog.picture.pixmap().isNull()
    dialog.display_name.setText("Dr Lee Park")
    dialog.registration.setText("MED0009")
    qtbot.mouseClick(save_button(dialog), LEFT)
    card = lee_window.context.store.practitioners.practitioner_card("lee")
    assert card is not None
    assert (card.display_name, card.registration, card.signature) == (
        "Dr Lee Park",
        "MED0009",
        chosen[0].read_bytes(),
    )
    # Lee's visit's sheet, through Ctrl+P, prints Lee's details.
    ctx = lee_window.context
    patients = seed_demo(ctx.store, ctx.content, date.today())
    planned = next(p for p in patients if ctx.store.visits.current_plan(p.id) is not None)
    lee_window.patient_panel.open_patient(planned.id)
    lee_window.print_action.trigger()
    preview = lee_window.preview
    assert isinstance(preview, PdfPreviewDialog)
    assert "Dr Lee Park (registration MED0009)" in text_of(preview.pdf_bytes())


def test_a_bad_registration_keeps_the_dialog_open_and_saves_nothing(
    lee_window: MainWindow, qtbot: QtBot
) -> None:
    dialog = lee_window.admin.show_my_details()
    assert isinstance(dialog, PractitionerDetailsDialog)
    dialog.registration.setText("<b>")
    qtbot.mouseClick(save_button(dialog), LEFT)
    assert dialog.isVisible() and "registration" in dialog.message.text()
    card = lee_window.context.store.practitioners.practitioner_card("lee")
    assert card is not None and card.registration == ""


def test_the_admin_edits_a_users_paper_details_from_the_users_screen(
    qtbot: QtBot, data_dir: Path, lee_id: int, tmp_path: Path
) -> None:
    admin = Store.open(data_dir).sign_in("owner", PASSWORD)
    dialog = UsersDialog(admin)
    qtbot.addWidget(dialog)
    names = [dialog.table.item(r, 0) for r in range(dialog.table.rowCount())]
    [row] = [r for r, item in enumerate(names) if item is not None and item.text() == "lee"]
    dialog.table.selectRow(row)
    button = dialog.findChild(QPushButton, "paperDetailsButton")
    assert button is not None
    qtbot.mouseClick(button, LEFT)
    details = dialog.details_dialog
    assert isinstance(details, PractitionerDetailsDialog) and details.username == "lee"
    assert details.load_signature(picture(tmp_path / "sig.jpg", "JPEG"))
    details.registration.setText("MED 77/1")
    qtbot.mouseClick(save_button(details), LEFT)
    card = admin.practitioners.practitioner_card("lee")
    assert card is not None and card.registration == "MED 77/1" and card.signature
    assert "lee's details were saved" in dialog.message.text()
