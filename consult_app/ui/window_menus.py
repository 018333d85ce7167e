"""The main window's menus and toolbar, and which of their actions the signed-in user sees."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

from consult_app.domain.access import Permission

if TYPE_CHECKING:
    from consult_app.ui.main_window import MainWindow


@dataclass(frozen=True)
class Menus:
    """The parts of the menus and toolbar the window changes later."""

    admin_menu: QMenu
    toolbar: QToolBar
    patient_view_button: QToolButton


def build_menus(window: MainWindow) -> Menus:
    """Put the window's actions in its menu bar and toolbar."""
    menu = window.menuBar()
    file_menu = menu.addMenu("&File")
    file_menu.addAction(window.find_action)
    file_menu.addAction(window.new_patient_action)
    file_menu.addAction(window.recall_action)
    file_menu.addSeparator()
    file_menu.addAction(window.print_action)
    file_menu.addAction(window.generic_action)
    file_menu.addAction(window.consent_action)
    file_menu.addSeparator()
    file_menu.addAction(window.lock_action)
    file_menu.addAction(window.change_password_action)
    file_menu.addAction(window.unlock_pin_action)
    file_menu.addAction(window.admin.my_details_action)
    file_menu.addAction(window.sign_out_action)
    file_menu.addAction(window.quit_action)
    view_menu = menu.addMenu("&View")
    for action in window.view_actions.values():
        view_menu.addAction(action)
    view_menu.addSeparator()
    view_menu.addAction(window.patient_view_action)
    view_menu.addAction(window.full_screen_action)
    view_menu.addSeparator()
    view_menu.addAction(window.clear_action)
    admin_menu = menu.addMenu("&Admin")
    admin_menu.addAction(window.users_action)
    admin_menu.addAction(window.audit_action)
    admin_menu.addAction(window.sign_off_action)
    admin_menu.addAction(window.admin.clinic_settings_action)
    help_menu = menu.addMenu("&Help")
    help_menu.addAction(window.about_action)

    toolbar = QToolBar("Consultation")
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    window.addToolBar(toolbar)
    button = QToolButton()
    button.setObjectName("patientViewToggle")
    button.setDefaultAction(window.patient_view_action)
    button.setAccessibleName("Patient view")
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.addWidget(button)
    toolbar.addSeparator()
    toolbar.addAction(window.print_action)
    toolbar.addAction(window.consent_action)
    return Menus(admin_menu, toolbar, button)


def apply_rights(window: MainWindow) -> None:
    """Offer only what the signed-in user may do (the store refuses the rest anyway)."""
    user = window.context.user
    window.consent_action.setVisible(user.can(Permission.WRITE_CLINICAL))
    window.users_action.setVisible(user.can(Permission.MANAGE_USERS))
    window.audit_action.setVisible(user.can(Permission.READ_AUDIT))
    window.sign_off_action.setVisible(user.can(Permission.SIGN_OFF_CONTENT))
    window.admin.clinic_settings_action.setVisible(user.can(Permission.MANAGE_CLINIC))
    window.admin_menu.menuAction().setVisible(
        user.can(Permission.MANAGE_USERS)
        or user.can(Permission.READ_AUDIT)
        or user.can(Permission.SIGN_OFF_CONTENT)
        or user.can(Permission.MANAGE_CLINIC)
    )
    window.workspace.info.allow_practitioner_details(user.can(Permission.READ_CLINICAL))
    signed_in = not user.is_system and user.id > 0
    window.sign_out_action.setVisible(signed_in)
    window.change_password_action.setVisible(signed_in)
    window.unlock_pin_action.setVisible(signed_in)
    window.admin.my_details_action.setVisible(signed_in)
