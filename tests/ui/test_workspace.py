"""The consultation workspace as the practitioner uses it: mouse, keyboard, patient view."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

from consult_app.app import create_main_window
from consult_app.content.models import DiagramView
from consult_app.ui.diagram_widget import DiagramWidget
from consult_app.ui.main_window import MainWindow


def diagram_widget(window: MainWindow, view: DiagramView) -> DiagramWidget:
    widget = window.findChild(DiagramWidget, f"{view.value}Diagram")
    assert widget is not None
    return widget


def info_text(window: MainWindow) -> str:
    return window.workspace.info.plain_text()


@pytest.mark.parametrize("view", [DiagramView.FACE, DiagramView.BODY])
def test_clicking_every_area_selects_it_and_shows_its_name(
    window: MainWindow, qtbot: QtBot, view: DiagramView
) -> None:
    widget = diagram_widget(window, view)
    window.workspace.diagram_tabs.show_view(view)
    content = window.context.content
    for area in content.areas_on(view):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.point_for_area(area.id))
        assert window.selection.is_selected(area.id), area.id
        assert area.name.get() in info_text(window)
        chip_names = [c.property("areaId") for c in window.workspace.diagram_tabs.chips.chips()]
        assert area.id in chip_names
    assert set(window.selection.selected) == {a.id for a in content.areas_on(view)}


def test_second_click_deselects_and_chip_removes(window: MainWindow, qtbot: QtBot) -> None:
    widget = diagram_widget(window, DiagramView.FACE)
    point = widget.point_for_area("forehead")
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.point_for_area("glabella"))
    assert window.selection.selected == ("forehead", "glabella")
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)
    assert list(window.selection.selected) == ["glabella"]
    chips = window.workspace.diagram_tabs.chips.chips()
    assert [c.property("areaId") for c in chips] == ["glabella"]
    qtbot.mouseClick(chips[0], Qt.MouseButton.LeftButton)
    assert list(window.selection.selected) == []


def test_clicks_between_areas_select_nothing(window: MainWindow, qtbot: QtBot) -> None:
    widget = diagram_widget(window, DiagramView.FACE)
    diagram = widget.diagram
    misses: list[QPoint] = [QPoint(3, 3), QPoint(widget.width() - 3, widget.height() - 3)]
    # Midpoints between pairs of areas that fall outside every area: gaps between shapes.
    ids = diagram.area_ids
    for first, second in itertools.pairwise(ids):
        a, b = widget.point_for_area(first), widget.point_for_area(second)
        mid = QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2)
        if widget.area_at_widget(mid) is None:
            misses.append(mid)
    assert len(misses) >= 4
    for point in misses:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)
    assert window.selection.selected == ()


def test_hover_highlights_and_names_the_area(window: MainWindow, qtbot: QtBot) -> None:
    widget = diagram_widget(window, DiagramView.FACE)
    point = QPointF(widget.point_for_area("crows_feet"))
    # A synthetic move event: the offscreen platform has no real pointer to move.
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        point,
        widget.mapToGlobal(point),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, move)
    assert widget.hovered == "crows_feet"
    assert widget.toolTip() == window.context.content.area("crows_feet").name.get()
    assert window.selection.selected == ()


def test_keyboard_only_selection(window: MainWindow, qtbot: QtBot) -> None:
    widget = diagram_widget(window, DiagramView.FACE)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    first = widget.keyboard_area
    assert first
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert window.selection.selected == (first,)
    qtbot.keyClick(widget, Qt.Key.Key_Down)
    second = widget.keyboard_area
    assert second and second != first
    assert window.workspace.info.area_id == second
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert list(window.selection.selected) == [first, second]
    qtbot.keyClick(widget, Qt.Key.Key_Up)
    assert widget.keyboard_area == first
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert window.selection.selected == (second,)


def test_tab_reaches_the_diagram(window: MainWindow, qtbot: QtBot) -> None:
    widget = diagram_widget(window, DiagramView.FACE)
    window.activateWindow()
    seen: set[str] = set()
    for _ in range(30):
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Tab)
        focus = window.focusWidget()
        if focus is not None:
            seen.add(focus.objectName())
        if focus is widget:
            break
    assert window.focusWidget() is widget, seen


def visible_texts(root: QWidget) -> list[str]:
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        texts.append(widget.toolTip())
    return texts


def practitioner_strings(window: MainWindow) -> set[str]:
    strings: set[str] = set()
    for area in window.context.content.areas:
        strings.update(area.muscles)
        strings.update(area.practitioner_notes)
        for dose in area.doses:
            strings.update({dose.amount, dose.source})
        for approval in area.approvals:
            strings.add(approval.source)
    return {s for s in strings if len(s) > 3}


def info_font_size(window: MainWindow) -> float:
    """Return the point size of the information panel's text."""
    text = window.workspace.info.findChild(QTextEdit)
    assert text is not None
    return text.document().defaultFont().pointSizeF()


def test_patient_view_hides_every_practitioner_only_text(window: MainWindow, qtbot: QtBot) -> None:
    widget = diagram_widget(window, DiagramView.FACE)
    for area in ("glabella", "masseter"):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.point_for_area(area))
    secret = practitioner_strings(window)
    before = "\n".join(visible_texts(window))
    assert any(s in before for s in secret), "practitioner view should show the details"
    toggle = window.findChild(QWidget, "patientViewToggle")
    assert isinstance(toggle, QAbstractButton)
    size_before = info_font_size(window)
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert window.patient_view
    for page_button in window.workspace.info.findChildren(QAbstractButton):
        qtbot.mouseClick(page_button, Qt.MouseButton.LeftButton)
        shown = "\n".join(visible_texts(window))
        leaked = [s for s in secret if s in shown]
        assert not leaked, leaked
    size_after = info_font_size(window)
    assert size_after > size_before * 1.2
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert not window.patient_view


def test_patient_display_shows_no_practitioner_text(window: MainWindow, qtbot: QtBot) -> None:
    from consult_app.ui.patient_display import PatientDisplay

    display = PatientDisplay(window.context, window.selection)
    qtbot.addWidget(display)
    display.show()
    window.selection.toggle("masseter")
    assert window.context.content.area("masseter").name.get() in display.info.plain_text()
    shown = "\n".join(visible_texts(display))
    assert not [s for s in practitioner_strings(window) if s in shown]


def test_window_layout_is_restored(qtbot: QtBot, data_dir: Path) -> None:
    first = create_main_window(data_dir)
    qtbot.addWidget(first)
    first.show()
    # Between the smallest size the window allows with this machine's fonts and the screen:
    # a fixed size could be below the smallest (Qt widens the window) or above the screen
    # (restoring shrinks it to fit).
    smallest = first.minimumSizeHint().expandedTo(first.minimumSize())
    frame = first.frameGeometry().size() - first.size()
    largest = first.screen().availableGeometry().size() - frame
    assert smallest.width() < largest.width() and smallest.height() < largest.height()
    width = (smallest.width() + largest.width()) // 2
    height = (smallest.height() + largest.height()) // 2
    first.resize(width, height)
    first.splitter.setSizes([250, width - 250])
    first.workspace.diagram_tabs.show_view(DiagramView.BODY)
    sizes = first.splitter.sizes()
    first.close()

    second = create_main_window(data_dir)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (width, height)
    assert second.splitter.sizes() == sizes
    assert second.workspace.diagram_tabs.current_view is DiagramView.BODY
