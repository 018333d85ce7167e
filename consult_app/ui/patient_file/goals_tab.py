"""Goals per area: the patient's concern in their own words, how much, the hoped result."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from consult_app.content.models import AreaKind
from consult_app.domain.models import Goal, Hope, Severity
from consult_app.ui.patient_file.common import FieldMessage, attempt, column, hint, scrolling
from consult_app.ui.patient_file.session import PatientSession

SEVERITY_LABELS = {
    Severity.NONE: "None",
    Severity.MILD: "Mild",
    Severity.MODERATE: "Moderate",
    Severity.SEVERE: "Severe",
}


def _combo(name: str, accessible: str, items: dict[Severity, str] | dict[Hope, str]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    for value, label in items.items():
        combo.addItem(label, value.value)
    return combo


class GoalRow(QGroupBox):
    """The goal for one area. Saved on every change once the concern is written."""

    def __init__(self, area_id: str, tab: GoalsTab, goal: Goal | None, saved: bool) -> None:
        super().__init__(tab.session.area_name(area_id))
        self.area_id = area_id
        self.tab = tab
        self.saved = False
        # A goal from an earlier visit, shown until it is kept, changed or removed here.
        self.carried = goal is not None and not saved
        self.setObjectName(f"goal_{area_id}")
        name = tab.session.area_name(area_id)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.concern = QLineEdit()
        self.concern.setObjectName(f"goalConcern_{area_id}")
        self.concern.setAccessibleName(f"What bothers the patient: {name}")
        self.concern.setPlaceholderText("In the patient's own words")
        form.addRow("Concern", self.concern)
        self.message = FieldMessage(f"goalMessage_{area_id}")
        form.addRow(self.message)
        self.at_rest = _combo(f"goalRest_{area_id}", f"How much at rest: {name}", SEVERITY_LABELS)
        self.moving = _combo(
            f"goalMoving_{area_id}", f"How much when moving: {name}", SEVERITY_LABELS
        )
        how_much = QHBoxLayout()
        how_much.addWidget(self.at_rest)
        how_much.addWidget(self.moving)
        form.addRow("At rest / moving", how_much)
        hopes = tab.session.content.info.labels.hopes
        # The sheet prints the same content label the patient sees chosen here.
        hope_labels = {hope: hopes.of(hope).get() for hope in Hope}
        self.hope = _combo(f"goalHope_{area_id}", f"Hoped result: {name}", hope_labels)
        form.addRow("Hoped result", self.hope)
        self.priority = QSpinBox()
        self.priority.setObjectName(f"goalPriority_{area_id}")
        self.priority.setAccessibleName(f"Priority (1 is most important): {name}")
        self.priority.setRange(1, 20)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName(f"goalRemove_{area_id}")
        self.remove_button.setAccessibleName(f"Remove the goal for {name}")
        self.remove_button.clicked.connect(lambda: tab.remove_goal(self))
        self.keep_button = QPushButton("Keep")
        self.keep_button.setObjectName(f"goalKeep_{area_id}")
        self.keep_button.setAccessibleName(f"Keep the last visit's goal for {name}")
        self.keep_button.clicked.connect(lambda: self.message.show_message(tab.save_goal(self)))
        bottom = QHBoxLayout()
        bottom.addWidget(self.priority)
        bottom.addStretch(1)
        bottom.addWidget(self.keep_button)
        bottom.addWidget(self.remove_button)
        form.addRow("Priority", bottom)
        self.mark_saved(saved)
        kind = tab.session.content.area(area_id).kind
        self.fill(goal, kind)
        self.concern.editingFinished.connect(lambda: self._changed(from_concern=True))
        for combo in (self.at_rest, self.moving, self.hope):
            combo.currentIndexChanged.connect(lambda _: self._changed())
        self.priority.valueChanged.connect(lambda _: self._changed())

    def mark_saved(self, saved: bool) -> None:
        """Say in the title whether this goal is saved at this visit."""
        self.saved = saved
        name = self.tab.session.area_name(self.area_id)
        if saved:
            self.setTitle(name)
        elif self.carried:
            self.setTitle(f"{name} (from the last visit, not saved yet)")
        else:
            self.setTitle(f"{name} (not saved yet)")
        self.keep_button.setVisible(self.carried and not saved)

    def fill(self, goal: Goal | None, kind: AreaKind) -> None:
        """Show a goal (or sensible starting values for a new one)."""
        for widget in (self.at_rest, self.moving, self.hope, self.priority):
            widget.blockSignals(True)
        if goal is None:
            self.at_rest.setCurrentIndex(self.at_rest.findData(Severity.MILD.value))
            self.moving.setCurrentIndex(self.moving.findData(Severity.MODERATE.value))
            hope = Hope.DRIER if kind is AreaKind.SWEATING else Hope.SOFTER
            self.hope.setCurrentIndex(self.hope.findData(hope.value))
            self.priority.setValue(len(self.tab.rows) + 1)
        else:
            self.concern.setText(goal.concern)
            self.at_rest.setCurrentIndex(self.at_rest.findData(goal.severity_at_rest.value))
            self.moving.setCurrentIndex(self.moving.findData(goal.severity_moving.value))
            self.hope.setCurrentIndex(self.hope.findData(goal.hope.value))
            self.priority.setValue(goal.priority)
        for widget in (self.at_rest, self.moving, self.hope, self.priority):
            widget.blockSignals(False)

    def goal(self) -> Goal:
        """Return the goal as typed."""
        return Goal(
            area_id=self.area_id,
            concern=self.concern.text().strip(),
            severity_at_rest=Severity(self.at_rest.currentData()),
            severity_moving=Severity(self.moving.currentData()),
            hope=Hope(self.hope.currentData()),
            priority=self.priority.value(),
        )

    def _changed(self, from_concern: bool = False) -> None:
        if not self.concern.text().strip() and not self.saved and not from_concern:
            return  # a new row: nothing to save until the concern is written
        self.message.show_message(self.tab.save_goal(self))


class GoalsTab(QWidget):
    """A goal row for each area chosen on the diagram."""

    def __init__(self, session: PatientSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("goalsTab")
        self.session = session
        self.rows: dict[str, GoalRow] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.status = hint(
            "Choose areas on the diagram: each one gets a row here. "
            "A goal is saved as soon as its concern is written.",
            "goalsHint",
        )
        outer.addWidget(self.status)
        self.carried_box = QWidget()
        self.carried_box.setObjectName("carriedGoals")
        carried = QHBoxLayout(self.carried_box)
        carried.setContentsMargins(0, 0, 0, 0)
        self.carried_text = QLabel()
        self.carried_text.setObjectName("carriedGoalsText")
        self.carried_text.setWordWrap(True)
        carried.addWidget(self.carried_text, 1)
        self.keep_all_button = QPushButton("Keep these goals")
        self.keep_all_button.setObjectName("keepGoalsButton")
        self.keep_all_button.setAccessibleName("Keep the last visit's goals at this visit")
        self.keep_all_button.clicked.connect(self.keep_carried_goals)
        carried.addWidget(self.keep_all_button)
        outer.addWidget(self.carried_box)
        self.carried_box.hide()
        inner, self.rows_layout = column()
        self.rows_layout.addStretch(1)
        self.scroll_area = scrolling(inner, "goalsScroll")
        outer.addWidget(self.scroll_area, 1)
        session.visitChanged.connect(self.reload)
        session.selection.changed.connect(self._follow_selection)
        session.add_pending_check(self.pending_text)
        self.reload()

    def reload(self) -> None:
        """Show the current visit's goals (and rows for chosen areas, if it is open)."""
        for row in list(self.rows.values()):
            self._drop(row)
        # Another visit or patient starts at the top, with nothing of the last one showing.
        self.scroll_area.verticalScrollBar().setValue(0)
        record = self.session.visit_record()
        if record is None:
            self.status.setText("Start a visit to record the patient's goals.")
            self._show_carried()
            return
        for goal in record.goals:
            self._add(goal.area_id, goal, saved=True)
        if record.visit.locked:
            self.status.setText("This visit is finished: its goals are shown as recorded.")
            for row in self.rows.values():
                row.setEnabled(False)
            self._show_carried()
            return
        self.status.setText(
            "Choose areas on the diagram: each one gets a row here. "
            "A goal is saved as soon as its concern is written."
        )
        self._follow_selection()

    def carried_rows(self) -> list[GoalRow]:
        """Return the earlier visit's goals shown here but not yet kept, changed or removed."""
        return [row for row in self.rows.values() if row.carried and not row.saved]

    def _show_carried(self) -> None:
        rows = self.carried_rows()
        self.carried_box.setVisible(bool(rows))
        if rows:
            names = ", ".join(self.session.area_name(row.area_id) for row in rows)
            self.carried_text.setText(
                f"Goals from the last visit ({names}) are not saved at this visit yet. Keep "
                "them, change them or remove each one: only saved goals go on the sheet."
            )

    def keep_carried_goals(self) -> None:
        """Save every goal carried over from the last visit, as it stands."""
        for row in self.carried_rows():
            row.message.show_message(self.save_goal(row))
        self._show_carried()

    def pending_text(self) -> str:
        """Say what would be lost if the visit were finished now (empty when nothing)."""
        rows = self.carried_rows()
        if not rows or self.session.visit_locked:
            return ""
        names = ", ".join(self.session.area_name(row.area_id) for row in rows)
        return f"The last visit's goals for {names} are not kept at this visit."

    def _follow_selection(self) -> None:
        if self.session.visit_locked:
            return
        chosen = self.session.selection.selected
        content = self.session.content
        earlier = self.session.latest_goals()
        for area_id in chosen:
            if content.has_area(area_id) and area_id not in self.rows:
                self._add(area_id, earlier.get(area_id), saved=False)
        for area_id, row in list(self.rows.items()):
            if not row.saved and area_id not in chosen:
                self._drop(row)
        self._show_carried()

    def _add(self, area_id: str, goal: Goal | None, saved: bool) -> None:
        row = GoalRow(area_id, self, goal, saved)
        self.rows[area_id] = row
        self.rows_layout.insertWidget(self.rows_layout.count() - 1, row)

    def _drop(self, row: GoalRow) -> None:
        self.rows.pop(row.area_id, None)
        self.rows_layout.removeWidget(row)
        row.hide()
        # Out of the tab at once, so no search for a field finds the dropped row's copy.
        row.setParent(None)
        row.deleteLater()

    def save_goal(self, row: GoalRow) -> str:
        """Save a row's goal; return a message if it was refused."""
        visit_id = self.session.visit_id
        if visit_id is None:
            return "Start a visit first."
        goal = row.goal()
        _, error = attempt(
            lambda: self.session.store.visits.save_goal(visit_id, goal, self.session.content)
        )
        if error is not None:
            errors = getattr(error, "errors", {})
            return " ".join(errors.values()) if errors else str(error)
        row.mark_saved(True)
        self._show_carried()
        self.session.saved()
        return ""

    def remove_goal(self, row: GoalRow) -> None:
        """Remove a goal from the open visit and deselect its area."""
        visit_id = self.session.visit_id
        if row.saved and visit_id is not None:
            _, error = attempt(lambda: self.session.store.visits.remove_goal(visit_id, row.area_id))
            if error is not None:
                row.message.show_message(str(error))
                return
        self._drop(row)
        self.session.selection.remove(row.area_id)
        self._show_carried()
        self.session.saved()
