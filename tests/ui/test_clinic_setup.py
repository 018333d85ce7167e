"""The clinic set up in the app: the first start's forms, and Admin > Clinic settings."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from consult_app.app import create_main_window
from consult_app.content.urgent import urgent_steps
from consult_app.domain.access import Role, User
from consult_app.store import Store
from consult_app.ui.clinic_settings import ClinicSettingsDialog
from consult_app.ui.main_window import MainWindow
from consult_app.ui.sign_in import FirstRunDialog

PASSWORD = "a long enough secret"


def write_png(path: Path) -> Path:
    """Write a small PNG picture to ``path``."""
    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), (20, 90, 160)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def ok_button(dialog: ClinicSettingsDialog) -> QPushButton:
    button = dialog.findChild(QPushButton, "clinicSettingsOk")
    assert isinstance(button, QPushButton)
    return button


def test_first_start_on_an_empty_folder_sets_up_the_clinic_then_signs_the_new_admin_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    from consult_app.app import run_gui

    logo = write_png(tmp_path / "logo.png")
    seen: list[str] = []

    def fill_clinic(dialog: ClinicSettingsDialog) -> int:
        seen.append(dialog.windowTitle())
        form = dialog.form
        assert form.name.text() == "Harbour Skin Clinic", "starts from the content's details"
        form.name.setText("Riverside Skin")
        form.address.setPlainText("1 River Road\nRivertown VIC 3000")
        form.phone.clear()
        ok_button(dialog).click()
        assert "Type the clinic's phone number" in dialog.message.text()
        assert dialog.saved is None
        form.phone.setText("(03) 5550 9876")
        form.state.setText("VIC")
        form.out_of_hours.setText("0400 000 111")
        assert form.choose_logo_file(logo)
        ok_button(dialog).click()
        return dialog.result()

    def fill_admin(dialog: FirstRunDialog) -> int:
        seen.append(dialog.windowTitle())
        dialog.username.setText("owner")
        dialog.display_name.setText("Clinic Owner")
        dialog.password.setText(PASSWORD)
        dialog.repeat.setText(PASSWORD)
        buttons = dialog.findChild(QDialogButtonBox)
        assert isinstance(buttons, QDialogButtonBox)
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()

    shown: list[MainWindow] = []

    def run_event_loop() -> int:
        shown.extend(
            w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        for window in shown:
            window.close()
        return 0

    monkeypatch.setattr(ClinicSettingsDialog, "exec", fill_clinic)
    monkeypatch.setattr(FirstRunDialog, "exec", fill_admin)
    monkeypatch.setattr(qapp, "exec", run_event_loop)
    assert run_gui(str(tmp_path / "data"), None) == 0

    assert seen == ["Set up the clinic", "Create the admin account"]
    [window] = shown
    assert window.context.user.username == "owner"
    assert window.context.user.role is Role.ADMIN
    assert window.windowTitle().startswith("Riverside Skin")
    clinic = window.context.content.clinic
    assert clinic.address == ("1 River Road", "Rivertown VIC 3000")
    assert clinic.logo is not None and clinic.logo.read_bytes() == logo.read_bytes()
    help_step = urgent_steps(window.context.content)[1]
    assert help_step.action.startswith("Contact the clinic today on (03)")
    assert help_step.then[0].endswith("out-of-hours line on 0400\u00a0000\u00a0111.")
    assert "NURSE-ON-CALL" in help_step.then[1]
    with Store.open(tmp_path / "data") as store:
        kept = store.clinic.clinic_profile()
        assert kept is not None and kept.state == "VIC"


def test_giving_up_on_the_clinic_form_creates_no_account(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    from consult_app.app import run_gui

    monkeypatch.setattr(ClinicSettingsDialog, "exec", lambda dialog: 0)
    assert run_gui(str(tmp_path / "data"), None) == 0
    with Store.open(tmp_path / "data") as store:
        assert not store.users.has_users()
        assert store.clinic.clinic_profile() is None


def users(data_dir: Path) -> dict[str, User]:
    with Store.open(data_dir) as system:
        system.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
        admin = system.sign_in("owner", PASSWORD)
        hala = admin.users.add_user("hala", "Dr Hala", Role.PRACTITIONER, PASSWORD)
        return {"owner": admin.user, "hala": hala}


def window_for(qtbot: QtBot, data_dir: Path, user: User) -> MainWindow:
    window = create_main_window(data_dir, user=user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_clinic_settings_are_for_admins_and_refuse_a_bad_logo_phone_or_state(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    accounts = users(data_dir)
    practitioner = window_for(qtbot, data_dir, accounts["hala"])
    assert not practitioner.admin.clinic_settings_action.isVisible()
    practitioner.close()

    window = window_for(qtbot, data_dir, accounts["owner"])
    assert window.admin.clinic_settings_action.isVisible()
    assert window.admin.clinic_settings_action in window.admin_menu.actions()
    window.admin.clinic_settings_action.trigger()
    dialog = window.admin.clinic_dialog
    assert isinstance(dialog, ClinicSettingsDialog) and dialog.isVisible()
    form = dialog.form

    not_a_picture = tmp_path / "logo.png"
    not_a_picture.write_text("just some words", encoding="utf-8")
    assert not form.choose_logo_file(not_a_picture)
    assert form.logo_message.text() == (
        "The file logo.png cannot be the logo: it is not a picture the app can read. "
        "Choose a PNG or JPEG picture of the logo."
    )
    assert form.logo is None, "the logo chosen before is kept"

    form.phone.setText("   ")
    ok_button(dialog).click()
    assert dialog.isVisible()
    assert "Type the clinic's phone number" in dialog.message.text()

    form.phone.setText("(02) 5550 4321")
    form.state.setText("XYZ")
    ok_button(dialog).click()
    assert dialog.isVisible()
    assert "no health advice line for state 'XYZ'" in dialog.message.text()
    with Store.open(data_dir) as store:
        assert store.clinic.clinic_profile() is None, "nothing kept until all is right"

    form.state.setText("NSW")
    form.name.setText("Harbour Skin, Level 2")
    ok_button(dialog).click()
    assert not dialog.isVisible()
    assert "next sign-in" in window.statusBar().currentMessage()
    window.close()

    again = window_for(qtbot, data_dir, accounts["owner"])
    assert again.windowTitle().startswith("Harbour Skin, Level 2")
    assert again.context.content.clinic.phone == "(02) 5550 4321"
    again.close()


def test_clinic_yaml_exports_the_details_and_imports_them_back(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    import shutil

    from consult_app.bundled import bundled_resource
    from consult_app.content import load_content

    content = load_content()
    with Store.open(data_dir) as store:
        dialog = ClinicSettingsDialog(store, content)
        qtbot.addWidget(dialog)
        dialog.form.name.setText("Riverside Skin")
        dialog.form.state.setText("VIC")
        dialog.form.out_of_hours.setText("0400 000 111")
        assert dialog.form.choose_logo_file(write_png(tmp_path / "logo.png"))
        folder = tmp_path / "clinic"
        shutil.copytree(bundled_resource(), folder, ignore=shutil.ignore_patterns("*.py"))
        exported = folder / "content" / "clinic.yaml"
        assert dialog.export_file(exported)
        assert store.clinic.clinic_profile() is None, "exporting keeps nothing"

        # The exported file is a whole clinic.yaml: the content folder loads with it.
        loaded = load_content(folder)
        assert (loaded.clinic.name, loaded.clinic.state) == ("Riverside Skin", "VIC")
        assert loaded.clinic.out_of_hours == "0400 000 111"
        assert loaded.clinic.products == content.clinic.products

        fresh = ClinicSettingsDialog(store, content)
        qtbot.addWidget(fresh)
        assert fresh.form.name.text() == "Harbour Skin Clinic"
        assert fresh.import_file(exported)
        assert fresh.form.name.text() == "Riverside Skin"
        assert fresh.form.out_of_hours.text() == "0400 000 111"
        assert fresh.form.logo == (tmp_path / "logo.png").read_bytes()

        broken = tmp_path / "broken.yaml"
        broken.write_text("name: Other\nphone: '1'\naddress: One line\n", encoding="utf-8")
        assert not fresh.import_file(broken)
        assert "broken.yaml:3: 'address' must be a list of lines" in fresh.message.text()
        assert fresh.message.text().startswith("Nothing was imported")
        assert fresh.form.name.text() == "Riverside Skin", "the fields are as they were"


def test_details_saved_during_a_session_are_used_from_the_next_sign_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    from consult_app.app import run_gui
    from consult_app.domain.clinic_profile import ClinicProfile
    from consult_app.ui import sign_in

    folder = tmp_path / "data"
    users(folder)
    names: list[str] = []
    titles: list[str] = []

    def sign_in_as_owner(store: Store, clinic: str, hint: str = "") -> Store | None:
        names.append(clinic)
        return store.sign_in("owner", PASSWORD) if len(names) < 3 else None

    def run_event_loop() -> int:
        [window] = [
            w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        titles.append(window.windowTitle())
        if len(titles) == 1:
            window.context.store.clinic.save_clinic_profile(
                ClinicProfile("Riverside Skin", ("1 River Road",), "03 5550 9876", "UK")
            )
        window.sign_out()
        return 0

    monkeypatch.setattr(sign_in, "ask_sign_in", sign_in_as_owner)
    monkeypatch.setattr(qapp, "exec", run_event_loop)
    assert run_gui(str(folder), None) == 0
    assert names == ["Harbour Skin Clinic", "Riverside Skin", "Riverside Skin"]
    assert titles[0].startswith("Harbour Skin Clinic")
    assert titles[1].startswith("Riverside Skin")


def test_a_start_whose_content_no_longer_covers_the_kept_state_is_refused_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    import shutil

    from PySide6.QtWidgets import QPlainTextEdit

    from consult_app.app import run_gui
    from consult_app.bundled import bundled_resource
    from consult_app.domain.clinic_profile import ClinicProfile
    from consult_app.ui.startup_errors import StartupErrorDialog

    data = tmp_path / "data"
    with Store.open(data) as store:
        store.clinic.save_clinic_profile(
            ClinicProfile("Riverside Skin", ("1 River Road",), "03 5550 9876", "AU", "VIC")
        )
    folder = tmp_path / "clinic"
    shutil.copytree(bundled_resource(), folder, ignore=shutil.ignore_patterns("*.py"))
    help_file = folder / "content" / "help.yaml"
    text = help_file.read_text(encoding="utf-8")
    assert "states: [VIC]" in text
    help_file.write_text(text.replace("states: [VIC]", "states: [JBT]"), encoding="utf-8")
    shown: list[str] = []

    def fake_exec(dialog: StartupErrorDialog) -> int:
        problems = dialog.findChild(QPlainTextEdit, "problemList")
        assert problems is not None
        shown.append(problems.toPlainText())
        return 0

    monkeypatch.setattr(StartupErrorDialog, "exec", fake_exec)
    assert run_gui(str(data), folder) == 1
    [problem] = shown
    assert "the clinic's details set in the app (AU VIC) do not fit the content" in problem
    assert "no health advice line for state 'VIC'" in problem
