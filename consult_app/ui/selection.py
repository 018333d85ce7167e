"""The areas chosen during a consultation, shared by every view that shows them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AreaSelection(QObject):
    """An ordered set of selected area ids plus the focused one.

    Views never keep their own copy: the face and body diagrams, the chips and the patient's
    screen all listen to ``changed`` and ``focusChanged``.
    """

    changed = Signal()
    focusChanged = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._selected: list[str] = []
        self._focused = ""

    @property
    def selected(self) -> tuple[str, ...]:
        """Return the selected area ids, in the order they were chosen."""
        return tuple(self._selected)

    @property
    def focused(self) -> str:
        """Return the area whose information is shown ('' when none)."""
        return self._focused

    def is_selected(self, area_id: str) -> bool:
        """Return whether ``area_id`` is selected."""
        return area_id in self._selected

    def toggle(self, area_id: str) -> bool:
        """Select or deselect ``area_id``, focus it, and return whether it is now selected."""
        if area_id in self._selected:
            self._selected.remove(area_id)
            now_selected = False
        else:
            self._selected.append(area_id)
            now_selected = True
        self.changed.emit()
        self.set_focused(area_id)
        return now_selected

    def remove(self, area_id: str) -> None:
        """Deselect ``area_id`` if it is selected."""
        if area_id in self._selected:
            self._selected.remove(area_id)
            self.changed.emit()

    def set_selected(self, area_ids: tuple[str, ...] | list[str]) -> None:
        """Replace the selection (e.g. with a patient's chosen areas)."""
        unique = list(dict.fromkeys(area_ids))
        if unique != self._selected:
            self._selected = unique
            self.changed.emit()

    def clear(self) -> None:
        """Deselect everything."""
        self.set_selected([])

    def set_focused(self, area_id: str) -> None:
        """Show ``area_id``'s information ('' for none)."""
        if area_id != self._focused:
            self._focused = area_id
            self.focusChanged.emit(area_id)
