"""Run in a child process by test_small_screens: open every window and dialog, report geometry.

Qt's screens are fixed when the application starts, so each screen size needs its own process.
Prints one JSON object: the screen's available room and, for each window, its frame and the
frames of the buttons a person must reach, in global logical pixels.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QScrollArea,
    QToolButton,
    QWidget,
)

from consult_app.app import create_main_window
from consult_app.domain.access import Role
from consult_app.domain.models import Goal, Hope, PatientDetails, Severity
from consult_app.domain.plan import derive_plan
from consult_app.services.signoff import sign_off_status
from consult_app.store import Store
from consult_app.ui.admin import AuditDialog, UsersDialog
from consult_app.ui.consent_dialog import ConsentDialog
from consult_app.ui.content_sign_off import ContentSignOffDialog
from consult_app.ui.lock import UnlockPinDialog
from consult_app.ui.main_window import MainWindow
from consult_app.ui.sign_in import ChangePasswordDialog, FirstRunDialog, SignInDialog
from consult_app.ui.startup_errors import MissingRecordsDialog, StartupErrorDialog

PASSWORD = "a long enough secret"


def rect(r: QRect) -> list[int]:
    """Return ``r`` as [x, y, width, height]."""
    return [r.x(), r.y(), r.width(), r.height()]


def _in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def report(name: str, window: QWidget) -> dict[str, object]:
    """Show ``window`` and return its frame and its reachable buttons' frames."""
    app = QApplication.instance()
    assert app is not None
    window.show()
    app.processEvents()
    buttons = []
    for button in window.findChildren(QAbstractButton):
        # Buttons inside a scrolling part are reached by scrolling; the tab bar's scroll
        # arrows are checked on their own.
        parent = button.parentWidget()
        if (
            not button.isVisible()
            or button.window() is not window
            or _in_scroll_area(button, window)
            or (parent is not None and parent.inherits("QTabBar"))
        ):
            continue
        top_left = button.mapToGlobal(button.rect().topLeft())
        buttons.append([button.text() or button.objectName(), rect(QRect(top_left, button.size()))])
    return {"name": name, "frame": rect(window.frameGeometry()), "buttons": buttons}


def main(data_dir: Path) -> None:
    """Open each window and dialog on the one screen and print what was seen."""
    app = QApplication(sys.argv)
    screen = QGuiApplication.primaryScreen()
    system = Store.open(data_dir)
    system.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
    admin = system.sign_in("owner", PASSWORD)
    hala = admin.users.add_user("hala", "Hala Haddad", Role.PRACTITIONER, PASSWORD).username
    practitioner = system.sign_in(hala, PASSWORD)
    patient = practitioner.patients.create_patient(
        PatientDetails("Ann", "Lee", date(1990, 5, 17)), date.today()
    )
    window: MainWindow = create_main_window(data_dir, user=practitioner.user)
    seen = [report("main window", window)]
    window.patient_panel.open_patient(patient.id)
    window.patient_panel.start_visit()
    visit_id = window.patient_panel.current_visit_id
    assert visit_id is not None
    # Consent covers what the plan treats today: agree a plan for the two areas first.
    goals = [
        Goal(area, "Lines.", Severity.MILD, Severity.MODERATE, Hope.SOFTER, n)
        for n, area in enumerate(("masseter", "forehead"), start=1)
    ]
    for goal in goals:
        practitioner.visits.save_goal(visit_id, goal, window.context.content)
    plan = derive_plan(goals, window.context.content.timings, date.today())
    practitioner.visits.save_plan(patient.id, plan, "Plan agreed", visit_id)
    window.patient_panel.session.saved()
    app.processEvents()
    bar = window.patient_panel.tabs.tabBar()
    tabs = {
        "arrows": any(b.isVisible() for b in bar.findChildren(QToolButton)),
        "all_inside": all(bar.rect().contains(bar.tabRect(i)) for i in range(bar.count())),
        "count": bar.count(),
    }
    window.selection.toggle("masseter")
    window.selection.toggle("forehead")
    window.record_consent()
    consent = window.consent_dialog
    assert isinstance(consent, ConsentDialog), "the consent screen did not open"
    seen.append(report("consent", consent))
    scroll: QScrollArea = consent.scroll_area
    scroll.ensureWidgetVisible(consent.signature_pad, 0, 0)
    app.processEvents()
    pad = consent.signature_pad
    pad_top_left = pad.mapTo(scroll.viewport(), pad.rect().topLeft())
    pad_fits = scroll.viewport().rect().contains(QRect(pad_top_left, pad.size()))
    consent.reject()
    window.print_generic()
    preview = window.preview
    assert preview is not None, window.last_message.text() if window.last_message else "no preview"
    seen.append(report("handout preview", preview))
    preview.reject()
    window.patient_panel.show_recalls()
    recall = window.patient_panel.recall_dialog
    assert recall is not None
    seen.append(report("recall list", recall))
    recall.reject()
    window.show_warning("A warning", "Something to say. " * 20)
    assert window.last_message is not None
    seen.append(report("warning", window.last_message))
    window.last_message.close()
    context = window.context
    status = sign_off_status(admin, context.content, context.content_fingerprint)
    dialogs: list[tuple[str, QDialog]] = [
        ("users", UsersDialog(admin, window)),
        ("audit trail", AuditDialog(admin, window)),
        ("content sign-off", ContentSignOffDialog(context, status, window)),
        ("change password", ChangePasswordDialog(practitioner, window)),
        ("unlock PIN", UnlockPinDialog(practitioner, window)),
        ("sign in", SignInDialog(system, "Clinic")),
        ("first start", FirstRunDialog(system, "Clinic")),
        ("content problems", StartupErrorDialog("Problems", "Fix these.", ["a line"] * 80)),
        ("missing records", MissingRecordsDialog("Missing.", data_dir / "backup.zip")),
    ]
    for name, dialog in dialogs:
        seen.append(report(name, dialog))
        dialog.reject()
    window.set_patient_view(False)
    window.lock()
    seen.append(report("locked window", window))
    available = screen.availableGeometry()
    print(
        json.dumps(
            {
                "available": rect(available),
                "tabs": tabs,
                "pad_fits": pad_fits,
                "pad_width": pad.width(),
                "viewport_width": scroll.viewport().width(),
                "windows": seen,
            }
        )
    )
    window.close()
    system.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
