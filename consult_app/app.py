"""Composition root: choose paths, load content, open the store, build the window."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from consult_app.content import ContentError
from consult_app.content.cache import load_checked_content
from consult_app.content.clinic_profile import apply_clinic_profile
from consult_app.content.fingerprint import content_fingerprint
from consult_app.context import AppContext
from consult_app.demo import DEMO_HINT, seed_demo_with_accounts
from consult_app.domain.access import Role, User
from consult_app.os_account import current_user
from consult_app.paths import ensure_private_dir, resolve_data_dir
from consult_app.store import Store, StoreError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from consult_app.ui.main_window import MainWindow

#: Folder inside the data folder for results kept only to start faster; safe to delete.
CACHE_DIR = "cache"

CONTENT_ERROR_TEXT = (
    "The clinic's content files have problems, so the app cannot start safely. "
    "Each line below names the file, the line and what is wrong. Fix them, then start the "
    "app again. The command 'consult-app check-content' lists the same problems."
)


def build_context(
    data_dir: Path, content_dir: Path | None = None, user: User | None = None
) -> AppContext:
    """Load and validate content and diagrams; raise ContentError if anything is wrong.

    Content checked at an earlier start is taken from ``CACHE_DIR`` in the data folder when its
    files are unchanged (see :mod:`consult_app.content.cache`).

    The store acts for ``user``; without one, for the command line (used to sign in). The
    clinic's details entered in the app are put over clinic.yaml's (a ContentError if the
    content cannot serve the country or state); the fingerprint is of the content's own files.
    """
    folder = ensure_private_dir(data_dir)
    content, diagrams = load_checked_content(content_dir, folder / CACHE_DIR)
    fingerprint = content_fingerprint(content)
    store = Store.open(folder)
    try:
        content = apply_clinic_profile(content, store.clinic.clinic_profile(), folder)
    except BaseException:
        store.close()
        raise
    if user is not None:
        store = store.for_user(user)
    return AppContext(
        data_dir=folder,
        content=content,
        diagrams=diagrams,
        store=store,
        user=store.user,
        content_fingerprint=fingerprint,
    )


def unsigned_practitioner() -> User:
    """Return a practitioner who did not sign in, named after the login (tests, screenshots)."""
    name = current_user()
    return User(0, name, name, Role.PRACTITIONER)


def create_main_window(
    data_dir: Path | str, content_dir: Path | str | None = None, user: User | None = None
) -> MainWindow:
    """Build the full main window without showing it or asking anyone to sign in.

    For tests and screenshots: the window acts for ``user``, by default
    :func:`unsigned_practitioner`. The app itself signs in first (:func:`run_gui`).
    A QApplication must exist.
    """
    from consult_app.ui.main_window import MainWindow

    context = build_context(
        Path(data_dir), Path(content_dir) if content_dir else None, user or unsigned_practitioner()
    )
    return MainWindow(context)


NO_SCREEN_TEXT = (
    "consult-app: no screen was found, so the window cannot open. Start it from a desktop "
    "session (DISPLAY or WAYLAND_DISPLAY must be set). The command-line tools work without "
    "a screen: see 'consult-app --help'."
)


def has_screen(environ: Mapping[str, str]) -> bool:
    """Return whether a window can open (Linux and BSD need an X or Wayland session)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    keys = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    return any(environ.get(key) for key in keys)


def run_gui(data_dir: str | None, content_dir: Path | None, demo: bool = False) -> int:
    """Start the app and return its exit code."""
    if not has_screen(os.environ):
        print(NO_SCREEN_TEXT, file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("consult-app")
    app.setApplicationDisplayName("Consultation")
    if demo:  # fictional records, removed when the app closes
        with tempfile.TemporaryDirectory(prefix="consult-app-demo-") as folder:
            return _start(app, Path(folder), content_dir, demo=True)
    return _start(app, resolve_data_dir(data_dir), content_dir, demo=False)


def _start(app: QApplication, folder: Path, content_dir: Path | None, *, demo: bool) -> int:
    """Check the records, load content, open the store, then sign in and show the window."""
    from consult_app.store.backup import startup_check
    from consult_app.ui.startup_errors import StartupErrorDialog

    report = startup_check(folder, date.today())
    if report.missing:
        if not _restore_missing_records(folder, report.advice, report.latest):
            return 1
        report = startup_check(folder, date.today())
    if report.damaged:
        StartupErrorDialog("Patient records damaged", report.advice, [*report.problems]).exec()
        return 1
    try:
        context = build_context(folder, content_dir)  # acts for nobody until someone signs in
        if demo:
            seed_demo_with_accounts(context)
    except ContentError as error:
        dialog = StartupErrorDialog(
            "Content problems", CONTENT_ERROR_TEXT, [str(p) for p in error.problems]
        )
        dialog.exec()
        return 1
    except (OSError, StoreError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        dialog = StartupErrorDialog(
            "Cannot use the data folder",
            f"The app could not use its data folder {folder}: {reason}. "
            "Check that the folder exists and that you may write to it, or choose another "
            "folder with --data-dir.",
            [],
        )
        dialog.exec()
        return 1
    if report.backup is not None:
        context.store.audit.record_event("backup", kind="daily")
    try:
        return _signed_in_sessions(app, context, demo, report.notes)
    finally:
        context.store.close()


def _restore_missing_records(folder: Path, advice: str, latest: Path | None) -> bool:
    """Offer the newest backup when the records are missing; return whether it was restored."""
    from consult_app.store.backup import restore_from
    from consult_app.ui.startup_errors import MissingRecordsDialog, StartupErrorDialog

    assert latest is not None, "missing records are reported with the newest backup"
    if not MissingRecordsDialog(advice, latest).ask():
        return False
    try:
        restore_from(latest, folder, actor=current_user(), kind="missing_records")
    except StoreError as error:
        StartupErrorDialog("The backup was not restored", str(error), []).exec()
        return False
    return True


def _with_clinic_details(context: AppContext) -> AppContext | None:
    """Return ``context`` with the clinic's details as kept now, or ``None`` after saying why not.

    An admin may have changed them during a session, and the first start enters them.
    """
    from consult_app.ui.startup_errors import StartupErrorDialog

    try:
        profile = context.store.clinic.clinic_profile()
        content = apply_clinic_profile(context.content, profile, context.data_dir)
    except ContentError as error:
        problems = [str(p) for p in error.problems]
        StartupErrorDialog("Content problems", CONTENT_ERROR_TEXT, problems).exec()
        return None
    return replace(context, content=content)


def _signed_in_sessions(
    app: QApplication, context: AppContext, demo: bool, notes: tuple[str, ...] = ()
) -> int:
    """Ask who is there, show their window; after a sign-out, ask again."""
    from consult_app.ui.main_window import MainWindow
    from consult_app.ui.sign_in import ask_sign_in

    hint = DEMO_HINT if demo else ""
    while True:
        current = _with_clinic_details(context)
        if current is None:
            return 1
        if current.store.users.has_users():
            store = ask_sign_in(current.store, current.content.clinic.name, hint)
        else:  # an empty data folder: the clinic's details and the admin account first
            store = ask_sign_in(
                current.store, current.content.clinic.name, hint, content=current.content
            )
        if store is None:
            return 0
        entered = _with_clinic_details(current)  # the details entered on the first start
        if entered is None:
            return 1
        context = entered
        window = MainWindow(replace(context, store=store, user=store.user))
        if demo:
            window.setWindowTitle(window.windowTitle() + " (demo: fictional patients)")
        window.show()
        if notes:
            window.show_warning("At start-up", "\n\n".join(notes))
            notes = ()
        code = app.exec()
        if not window.signed_out:
            return code
        # Say why a session the records ended is over; otherwise the usual hint.
        hint = window.session_ended or (DEMO_HINT if demo else "")
