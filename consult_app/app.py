"""Composition root: choose paths, load content, open the store, build the window."""

from __future__ import annotations

import getpass
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from consult_app.content import ContentError, load_content, load_diagram
from consult_app.context import AppContext
from consult_app.paths import ensure_private_dir, resolve_data_dir
from consult_app.store import Store, StoreError

if TYPE_CHECKING:
    from consult_app.ui.main_window import MainWindow

CONTENT_ERROR_TEXT = (
    "The clinic's content files have problems, so the app cannot start safely. "
    "Each line below names the file, the line and what is wrong. Fix them, then start the "
    "app again. The command 'consult-app check-content' lists the same problems."
)


def build_context(data_dir: Path, content_dir: Path | None = None) -> AppContext:
    """Load and validate content and diagrams; raise ContentError if anything is wrong."""
    content = load_content(content_dir)
    diagrams = {view: load_diagram(path) for view, path in content.diagrams.items()}
    folder = ensure_private_dir(data_dir)
    store = Store.open(folder)
    return AppContext(
        data_dir=folder, content=content, diagrams=diagrams, store=store, user=current_user()
    )


def current_user() -> str:
    """Return the name recorded as the actor of changes: the computer's login name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def create_main_window(data_dir: Path | str, content_dir: Path | str | None = None) -> MainWindow:
    """Build the full main window without showing it (a QApplication must exist)."""
    from consult_app.ui.main_window import MainWindow

    context = build_context(Path(data_dir), Path(content_dir) if content_dir else None)
    return MainWindow(context)


def run_gui(data_dir: str | None, content_dir: Path | None, demo: bool = False) -> int:
    """Start the app and return its exit code."""
    from PySide6.QtWidgets import QApplication

    from consult_app.store.backup import startup_check
    from consult_app.ui.startup_errors import StartupErrorDialog

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("consult-app")
    app.setApplicationDisplayName("Consultation")
    folder = (
        Path(tempfile.mkdtemp(prefix="consult-app-demo-")) if demo else resolve_data_dir(data_dir)
    )
    report = startup_check(folder, date.today())
    if report.damaged:
        StartupErrorDialog("Patient records damaged", report.advice, [*report.problems]).exec()
        return 1
    try:
        window = create_main_window(folder, content_dir)
        if demo:
            from consult_app.store.commands import seed_demo

            seed_demo(window.context.store, window.context.content, date.today())
            window.setWindowTitle(window.windowTitle() + " (demo: fictional patients)")
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
    window.show()
    return app.exec()
