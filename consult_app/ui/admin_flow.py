"""The account and admin screens opened from the main window: users, audit, sign-off, password."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow

from consult_app.context import AppContext
from consult_app.services.signoff import sign_off_status
from consult_app.store import StoreError
from consult_app.ui.content_sign_off import SignOffBanner
from consult_app.ui.print_flow import Warn


class AdminFlow(QObject):
    """Opens the admin screens over ``parent`` and keeps the sign-off ``banner`` up to date.

    ``sign_off_dialog``, ``password_dialog`` and ``clinic_dialog`` are the latest of each, kept
    so they stay open (and tests can reach them).
    """

    def __init__(
        self, context: AppContext, banner: SignOffBanner, warn: Warn, parent: QMainWindow
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._banner = banner
        self._warn = warn
        self._parent = parent
        self.sign_off_dialog: QDialog | None = None
        self.password_dialog: QDialog | None = None
        self.clinic_dialog: QDialog | None = None
        self.clinic_settings_action = QAction("&Clinic settings…", parent)
        self.clinic_settings_action.setToolTip("The clinic's name, address, phone, country, logo")
        self.clinic_settings_action.triggered.connect(self.show_clinic_settings)
        self.details_dialog: QDialog | None = None
        self.my_details_action = QAction("My &details for printing…", parent)
        self.my_details_action.setToolTip("The name, registration and signature you print with")
        self.my_details_action.triggered.connect(self.show_my_details)

    def show_users(self) -> None:
        """Open the user accounts (admin only)."""
        # Admin screens load when first opened: quicker start-up.
        from consult_app.ui.admin import UsersDialog

        dialog = UsersDialog(self._context.store, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_my_details(self) -> QDialog:
        """Let the signed-in user edit the name, registration and signature they print with."""
        from consult_app.ui.practitioner_details import PractitionerDetailsDialog

        dialog = PractitionerDetailsDialog(
            self._context.store, self._context.user.username, self._parent
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.details_dialog = dialog
        return dialog

    def show_audit(self) -> None:
        """Open the audit trail (admin only)."""
        from consult_app.ui.admin import AuditDialog

        dialog = AuditDialog(self._context.store, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def refresh_sign_off(self) -> None:
        """Show or hide the banner that says the content in use is not signed off."""
        ctx = self._context
        try:
            status = sign_off_status(ctx.store, ctx.content, ctx.content_fingerprint)
        except StoreError as error:
            self._warn("Cannot read the content sign-off", str(error))
            return
        self._banner.show_status(status)

    def show_sign_off(self) -> None:
        """Open the content sign-off (admin only): print the review, record the sign-off."""
        from consult_app.ui.content_sign_off import ContentSignOffDialog

        ctx = self._context
        status = sign_off_status(ctx.store, ctx.content, ctx.content_fingerprint)
        dialog = ContentSignOffDialog(ctx, status, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signedOff.connect(lambda _recorded: self.refresh_sign_off())
        dialog.open()
        self.sign_off_dialog = dialog

    def show_clinic_settings(self) -> None:
        """Open the clinic's details (admin only); the next sign-in uses what is saved."""
        from consult_app.ui.clinic_settings import ClinicSettingsDialog

        ctx = self._context
        dialog = ClinicSettingsDialog(ctx.store, ctx.content, self._parent)
        status_bar = self._parent.statusBar()
        dialog.accepted.connect(
            lambda: status_bar.showMessage(
                "The clinic's details were saved; they are used from the next sign-in.", 10_000
            )
        )
        dialog.open()
        self.clinic_dialog = dialog

    def change_password(self) -> None:
        """Let the signed-in user change their own password."""
        from consult_app.ui.sign_in import ChangePasswordDialog

        dialog = ChangePasswordDialog(self._context.store, self._parent)
        status_bar = self._parent.statusBar()
        dialog.accepted.connect(
            lambda: status_bar.showMessage("Your password was changed.", 10_000)
        )
        dialog.open()
        self.password_dialog = dialog
