"""The main window only arranges: its layout is kept by WindowState, handouts come through the
app context, and each screen module stays small."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

import consult_app
from consult_app.app import build_context, create_main_window
from consult_app.content.models import DiagramView
from consult_app.store.documents import HandoutKind
from consult_app.ui.main_window import MainWindow

UI = Path(consult_app.__file__).parent / "ui"
#: The most lines a screen module may have before it is split.
MAX_UI_LINES = 400


def opened(qtbot: QtBot, data_dir: Path) -> MainWindow:
    window = create_main_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_layout_is_kept_from_one_session_to_the_next(qtbot: QtBot, data_dir: Path) -> None:
    first = opened(qtbot, data_dir)
    assert first.workspace.diagram_tabs.current_view is DiagramView.FACE
    first.workspace.diagram_tabs.show_view(DiagramView.BODY)
    first.close()
    saved = first.context.window_settings_file.read_text(encoding="utf-8")
    for key in ("geometry=", "mainSplitter=", "workspaceSplitter=", "view=body"):
        assert key in saved, key

    second = opened(qtbot, data_dir)
    assert second.workspace.diagram_tabs.current_view is DiagramView.BODY
    second.close()


def test_an_unknown_view_in_the_settings_leaves_the_first_view(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = opened(qtbot, data_dir)
    window.close()
    settings = window.context.window_settings_file
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("view=face", "view=elbow"), encoding="utf-8")
    assert "view=elbow" in settings.read_text(encoding="utf-8")
    again = opened(qtbot, data_dir)
    assert again.workspace.diagram_tabs.current_view is DiagramView.FACE
    again.close()


def test_the_context_gives_the_handout_service_of_the_signed_in_user(data_dir: Path) -> None:
    context = build_context(data_dir)
    try:
        service = context.handouts
        assert service.store.user == context.user
        assert service.fingerprint == context.content_fingerprint
        kept = service.issue(service.prepare_generic(("glabella",), date(2026, 12, 1)))
        assert kept.record.kind is HandoutKind.GENERIC
        assert kept.record.issued_by == context.user.username
        assert service.reprint(kept.record.id) == kept.pdf
    finally:
        context.store.close()


def _imported_modules(path: Path) -> set[str]:
    return _modules_of(path.read_text(encoding="utf-8"))


def _modules_of(source: str) -> set[str]:
    """Return the modules ``source`` imports when it runs (not those named for type checks)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            return
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        for inner in ast.iter_child_nodes(node):
            visit(inner)

    visit(ast.parse(source))
    return found


def test_screens_reach_the_handout_service_through_the_context_only() -> None:
    importing = sorted(
        str(path.relative_to(UI))
        for path in UI.rglob("*.py")
        if "consult_app.services.handouts" in _imported_modules(path)
    )
    assert importing == []
    # The check sees imports inside functions too (where they used to be).
    old = "def f() -> None:\n    from consult_app.services.handouts import issue\n"
    assert "consult_app.services.handouts" in _modules_of(old)


def test_every_screen_module_is_small() -> None:
    sizes = {
        str(path.relative_to(UI)): len(path.read_text(encoding="utf-8").splitlines())
        for path in UI.rglob("*.py")
    }
    assert len(sizes) > 20
    assert {name: lines for name, lines in sizes.items() if lines > MAX_UI_LINES} == {}
