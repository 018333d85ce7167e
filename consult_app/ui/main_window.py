"""The main window: patient file on the left, diagram in the centre, information beside it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consult_app.content.models import DiagramView
from consult_app.context import AppContext
from consult_app.domain.access import ROLE_TITLES
from consult_app.store import StoreError
from consult_app.ui import lock as window_lock
from consult_app.ui.admin_flow import AdminFlow
from consult_app.ui.consent_flow import ConsentFlow
from consult_app.ui.content_sign_off import SignOffBanner
from consult_app.ui.lock import IdleLock, LockScreen, ShownBeforeLock
from consult_app.ui.patient_file import PatientFilePanel
from consult_app.ui.print_flow import PrintFlow
from consult_app.ui.selection import AreaSelection
from consult_app.ui.window_menus import apply_rights, build_menus
from consult_app.ui.window_state import WindowState, fit_to_screen
from consult_app.ui.workspace import VIEW_TITLES, Workspace

if TYPE_CHECKING:
    from consult_app.ui.patient_display import PatientDisplay


#: How often an open window checks whether today's backup exists (it is cheap when it does).
BACKUP_CHECK_MS = 30 * 60 * 1000


class MainWindow(QMainWindow):
    """The practitioner's window."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{context.content.clinic.name}: consultation")
        self.selection = AreaSelection(self)
        self.patient_display: PatientDisplay | None = None
        # The latest non-blocking dialogs, kept so they stay open (and tests can reach them).
        self.last_message: QMessageBox | None = None

        self.patient_panel = PatientFilePanel(context, self.selection)
        self.patient_panel.setAccessibleName("Patient file")
        self.workspace = Workspace(context.content, context.diagrams, self.selection)
        self.printing = PrintFlow(context, self.show_warning, self)
        self.consent = ConsentFlow(context, self.printing, self.show_warning, self)
        for flow in (self.printing, self.consent):
            flow.handoutIssued.connect(self.patient_panel.handouts_changed)
        # A consent changes what may be treated: the treatment tab shows it at once.
        self.consent.handoutIssued.connect(self.patient_panel.session.saved)
        self.consent.handoutIssued.connect(self.patient_panel.consent_recorded)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.patient_panel)
        self.splitter.addWidget(self.workspace)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        # Above the splitter: the (non-blocking) warning that the content is not signed off.
        self.sign_off_banner = SignOffBanner()
        self.admin = AdminFlow(context, self.sign_off_banner, self.show_warning, self)
        self.main_page = QWidget()
        page_layout = QVBoxLayout(self.main_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        page_layout.addWidget(self.sign_off_banner)
        page_layout.addWidget(self.splitter, 1)
        # The lock screen takes the main page's place while the window is locked.
        self.lock_screen = LockScreen(context.store)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.signOutRequested.connect(self.sign_out)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.main_page)
        self.stack.addWidget(self.lock_screen)
        self.setCentralWidget(self.stack)
        self.window_state = WindowState(
            context.window_settings_file, self, self.splitter, self.workspace
        )
        #: Set when the user signed out, so the app asks who is there next.
        self.signed_out = False
        #: Why the session was ended by the records (the account disabled), shown at sign-in.
        self.session_ended = ""
        context.store.add_session_listener(self.end_session)
        self._shown_before_lock = ShownBeforeLock()

        self._build_actions()
        menus = build_menus(self)
        self.admin_menu = menus.admin_menu
        self.toolbar = menus.toolbar
        self.patient_view_button = menus.patient_view_button
        apply_rights(self)
        user = context.user
        self.user_label = QLabel(f"Signed in: {user.display_name} ({ROLE_TITLES[user.role]})")
        self.user_label.setTextFormat(Qt.TextFormat.PlainText)
        self.user_label.setObjectName("signedInLabel")
        self.statusBar().addPermanentWidget(self.user_label)
        self.idle_lock = IdleLock(context.store.users.lock_minutes(), self)
        # The daily backup is made at start; a window left open overnight makes the next one.
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self.daily_backup)
        self.backup_timer.start()
        self.idle_lock.idle.connect(self.lock)
        self.patient_panel.reprintRequested.connect(self.printing.reprint)
        self.admin.refresh_sign_off()
        fit_to_screen(self, 1280, 800)
        self.window_state.restore(context.diagrams)

    # parts --------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.find_action = QAction("&Find patient", self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.find_patient)

        self.new_patient_action = QAction("&New patient", self)
        self.new_patient_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_patient_action.triggered.connect(self._new_patient)

        self.recall_action = QAction("&Recall list", self)
        self.recall_action.setShortcut(QKeySequence("Ctrl+R"))
        self.recall_action.triggered.connect(lambda: self.patient_panel.show_recalls())

        self.print_action = QAction("&Print information sheet…", self)
        self.print_action.setShortcut(QKeySequence("Ctrl+P"))
        self.print_action.setToolTip(
            "The open patient's personal sheet, or a general handout for the chosen areas"
        )
        self.print_action.triggered.connect(self.print_sheet)

        self.generic_action = QAction("Print &general handout…", self)
        self.generic_action.triggered.connect(self.print_generic)

        self.consent_action = QAction("Record &consent…", self)
        self.consent_action.triggered.connect(self.record_consent)

        self.lock_action = QAction("&Lock", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setToolTip("Hide everything until you type your password or PIN")
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)  # Ctrl+L works wherever the focus is

        self.change_password_action = QAction("Change my &password…", self)
        self.change_password_action.triggered.connect(self.admin.change_password)

        self.unlock_pin_action = QAction("My unlock P&IN…", self)
        self.unlock_pin_action.triggered.connect(self.set_unlock_pin)

        self.sign_out_action = QAction("Sign &out", self)
        self.sign_out_action.triggered.connect(self.sign_out)

        self.users_action = QAction("&Users…", self)
        self.users_action.triggered.connect(self.admin.show_users)

        self.audit_action = QAction("&Audit trail…", self)
        self.audit_action.triggered.connect(self.admin.show_audit)

        self.sign_off_action = QAction("Content &sign-off…", self)
        self.sign_off_action.setToolTip("Print the content review and record the doctor's sign-off")
        self.sign_off_action.triggered.connect(self.admin.show_sign_off)

        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)

        self.full_screen_action = QAction("&Full screen", self)
        self.full_screen_action.setCheckable(True)
        self.full_screen_action.setShortcut(QKeySequence("F11"))
        self.full_screen_action.toggled.connect(self.set_full_screen)

        self.patient_view_action = QAction("&Patient view", self)
        self.patient_view_action.setCheckable(True)
        self.patient_view_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.patient_view_action.setToolTip(
            "Hide everything meant for the practitioner only, and make the text larger"
        )
        self.patient_view_action.toggled.connect(self.set_patient_view)

        self.view_actions: dict[DiagramView, QAction] = {}
        for number, view in enumerate(self.context.diagrams, start=1):
            action = QAction(VIEW_TITLES[view], self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(
                lambda _=False, v=view: self.workspace.diagram_tabs.show_view(v)
            )
            self.view_actions[view] = action

        self.clear_action = QAction("&Clear chosen areas", self)
        self.clear_action.triggered.connect(self.selection.clear)

        self.about_action = QAction("&About", self)
        self.about_action.triggered.connect(self._about)

    # locking ------------------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        """Return whether the lock screen is showing."""
        return self.stack.currentWidget() is self.lock_screen

    def lock(self) -> None:
        """Hide every patient's details behind the lock screen until the user unlocks it."""
        if self.locked:
            return
        self.commit_pending_edit()
        self._shown_before_lock = window_lock.hide_for_lock(self)
        self.idle_lock.pause()
        self.context.store.record_lock()

    def unlock(self) -> None:
        """Show the window again as it was (the lock screen checked the password or PIN)."""
        window_lock.show_after_unlock(self, self._shown_before_lock)
        self._shown_before_lock = ShownBeforeLock()
        self.idle_lock.restart()

    def sign_out(self) -> None:
        """Record the sign-out and close the window; the app then asks who is there."""
        if not self.session_ended:
            self.commit_pending_edit()
        self.context.store.sign_out()
        self.signed_out = True
        self.close()

    def set_unlock_pin(self) -> None:
        """Let the user set or remove the short PIN that unlocks their locked window."""
        dialog = window_lock.UnlockPinDialog(self.context.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def end_session(self, message: str) -> None:
        """The records refused a change because the account was disabled: sign out.

        Called from inside the refused store call, so the sign-out waits for the event loop;
        nothing more is saved on the way out, and the sign-in screen shows ``message``.
        """
        if self.session_ended:
            return
        self.session_ended = message
        QTimer.singleShot(0, self.sign_out)

    # behaviour ----------------------------------------------------------------------------
    @property
    def patient_view(self) -> bool:
        """Return whether the patient view is on."""
        return self.patient_view_action.isChecked()

    def set_patient_view(self, on: bool) -> None:
        """Hide or show everything meant for the practitioner only."""
        if self.patient_view_action.isChecked() != on:
            self.patient_view_action.setChecked(on)
            return
        self.patient_panel.setVisible(not on)
        self.sign_off_banner.set_patient_view(on)
        self.workspace.info.set_patient_view(on)
        font = self.workspace.diagram_tabs.font()
        base = self.font().pointSizeF()
        font.setPointSizeF(base * 1.35 if on else base)
        self.workspace.diagram_tabs.setFont(font)
        if on:
            self.open_patient_display()
        elif self.patient_display is not None:
            self.patient_display.close()
            self.patient_display = None

    def open_patient_display(self) -> None:
        """Show the patient's own screen on the other screen, if there is one."""
        from consult_app.ui.patient_display import PatientDisplay, other_screen

        screen = other_screen(self.screen())
        if screen is None:
            return
        self.patient_display = PatientDisplay(self.context, self.selection)
        self.patient_display.info.show_area(self.selection.focused)
        self.patient_display.show_on(screen)

    def find_patient(self) -> None:
        """Leave the patient view if needed and put the cursor in the patient search."""
        self.set_patient_view(False)
        self.patient_panel.focus_search()

    def _new_patient(self) -> None:
        self.set_patient_view(False)
        self.patient_panel.new_patient()

    def daily_backup(self) -> Path | None:
        """Make today's backup if there is none yet; say so if it cannot be made."""
        from consult_app.store.backup import auto_backup

        try:
            made = auto_backup(self.context.data_dir, date.today())
        except StoreError as error:
            self.show_warning("Today's backup was not made", str(error))
            return None
        if made is not None:
            self.context.store.audit.record_event("backup", kind="daily")
            self.statusBar().showMessage(f"Today's backup was made: {made.name}", 10_000)
        return made

    def show_warning(self, title: str, message: str) -> None:
        """Show a message without blocking the window (the latest is ``last_message``)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self)
        box.setObjectName("errorMessage")
        box.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what was typed
        box.open()
        self.last_message = box

    # flows --------------------------------------------------------------------------------
    @property
    def sign_off_dialog(self) -> QDialog | None:
        """Return the latest content sign-off screen."""
        return self.admin.sign_off_dialog

    @property
    def password_dialog(self) -> QDialog | None:
        """Return the latest password change screen."""
        return self.admin.password_dialog

    def show_sign_off(self) -> None:
        """Open the content sign-off (admin only)."""
        self.admin.show_sign_off()

    @property
    def preview(self) -> QDialog | None:
        """Return the latest handout preview."""
        return self.printing.preview

    @property
    def consent_dialog(self) -> QDialog | None:
        """Return the latest consent screen."""
        return self.consent.dialog

    def print_sheet(self) -> None:
        """Preview (then print or save) the open patient's sheet, else a general handout."""
        patient_id = self.patient_panel.current_patient_id
        if patient_id is None:
            self.print_generic()
        else:
            self.printing.print_sheet(patient_id)

    def print_generic(self) -> None:
        """Preview a general handout for the chosen areas (all areas when none are chosen)."""
        self.printing.print_generic(self.selection.selected)

    def record_consent(self) -> None:
        """Ask the patient to sign consent for the areas planned or treated today."""
        panel = self.patient_panel
        self.consent.record_consent(panel.current_patient_id, panel.current_visit_id)

    def set_full_screen(self, on: bool) -> None:
        """Switch full screen on or off."""
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def _about(self) -> None:
        clinic = self.context.content.clinic
        QMessageBox.about(
            self,
            "About",
            f"Consultation aid for {clinic.name}.\nContent version {clinic.content_version}.",
        )

    def commit_pending_edit(self) -> None:
        """Save the field the cursor is in: fields save when they are left, so leave it."""
        focus = self.focusWidget()
        if focus is not None:
            focus.clearFocus()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint; after the first paint, start watching input for the idle lock."""
        super().paintEvent(event)
        if not self.idle_lock.watching:
            QTimer.singleShot(0, self.idle_lock.watch)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save the field being typed in, the window layout, and close the patient's screen."""
        if not self.session_ended:  # an ended session may save nothing more
            self.commit_pending_edit()
        self.window_state.save()
        if self.patient_display is not None:
            self.patient_display.close()
        super().closeEvent(event)
