"""Render the README's screenshots from the real main window, offscreen.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py docs

The window runs on a temporary demo folder (fictional patients), signed in as the demo
practitioner. The information sheet is the PDF the app prints, rendered by QtPdf.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
#: The offscreen screen is 800x600 unless told otherwise: give it a common desktop size, so
#: dialogs open at the size they would have there.
SCREEN = '{"screens": [{"name": "desk", "x": 0, "y": 0, "width": 1440, "height": 900}]}'


def use_desktop_screen(folder: Path) -> None:
    """Make the offscreen platform's screen 1440x900 (it has no screen of its own)."""
    if os.environ["QT_QPA_PLATFORM"] == "offscreen":
        config = folder / "screen.json"
        config.write_text(SCREEN, encoding="utf-8")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def main() -> int:
    import walkthrough
    from PySide6.QtWidgets import QApplication

    from consult_app.app import build_context
    from consult_app.demo import DEMO_PASSWORD, seed_demo_with_accounts
    from consult_app.services.handouts import issue_sheet
    from consult_app.ui.main_window import MainWindow
    from consult_app.ui.printing import open_pdf, render_page

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs") / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    screen_dir = tempfile.TemporaryDirectory()
    use_desktop_screen(Path(screen_dir.name))
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as data_dir:
        context = build_context(Path(data_dir))
        seed_demo_with_accounts(context)
        store = context.store.sign_in("hala", DEMO_PASSWORD)
        window = MainWindow(replace(context, store=store, user=store.user))
        window.resize(1440, 880)
        window.show()
        app.processEvents()
        window.grab().save(str(out / "main-window.png"))

        patient = next(p for p in store.patients.search_patients("Mei", limit=None))
        window.patient_panel.open_patient(patient.id)
        for area in ("forehead", "crows_feet"):
            window.selection.toggle(area)
        window.workspace.diagram_tabs.diagrams[next(iter(context.diagrams))].setFocus()
        app.processEvents()
        window.grab().save(str(out / "area-selected.png"))

        window.set_patient_view(True)
        app.processEvents()
        window.grab().save(str(out / "patient-view.png"))
        window.set_patient_view(False)

        issued = issue_sheet(store, context.content, patient.id, date.today())
        document = open_pdf(issued.pdf)
        for page in range(document.pageCount()):
            render_page(document, page, 70).save(str(out / f"information-sheet-{page + 1}.png"))
        window.patient_panel.close_patient()
        walkthrough.walk_in(window, out)
        walkthrough.review(window, out, "Haddad")
        window.close()
    with tempfile.TemporaryDirectory() as empty:
        first_start_screens(Path(empty), out, app)
    print(f"screenshots written to {out}")
    return 0


def first_start_screens(data_dir: Path, out: Path, app: object) -> None:
    """The two screens a clinic sees on its very first start: its details, then the admin."""
    from PySide6.QtWidgets import QApplication

    from consult_app.app import build_context
    from consult_app.ui.clinic_settings import ClinicSettingsDialog
    from consult_app.ui.sign_in import FirstRunDialog

    assert isinstance(app, QApplication)
    context = build_context(data_dir)
    setup = ClinicSettingsDialog(context.store, context.content, first_start=True)
    setup.show()
    app.processEvents()
    setup.grab().save(str(out / "first-start-clinic.png"))
    setup.close()
    admin = FirstRunDialog(context.store, context.content.clinic.name)
    admin.show()
    app.processEvents()
    admin.grab().save(str(out / "first-start-admin.png"))
    admin.close()
    context.store.close()


if __name__ == "__main__":
    raise SystemExit(main())
