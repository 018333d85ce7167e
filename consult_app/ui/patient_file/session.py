"""The open patient and visit, shared by every tab of the patient file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal

from consult_app.content.models import Content, PlanStepLabels
from consult_app.context import AppContext
from consult_app.domain.access import Permission, User
from consult_app.domain.dates import age_on
from consult_app.domain.models import Goal, Patient, PatientFile, VisitRecord
from consult_app.store import Store
from consult_app.ui.selection import AreaSelection


class PatientSession(QObject):
    """Which patient and visit are open. Tabs read records from the store through it.

    ``patientChanged``: a patient was opened or closed, or their details were saved.
    ``visitChanged``: another visit was chosen, started or finished (tabs rebuild).
    ``recordChanged``: something was saved in the visit or the plan (tabs update derived parts).
    """

    patientChanged = Signal()
    visitChanged = Signal()
    recordChanged = Signal()

    def __init__(
        self,
        context: AppContext,
        selection: AreaSelection,
        today: Callable[[], date],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.selection = selection
        self._today = today
        self.patient: Patient | None = None
        self.visit_id: int | None = None
        # Each tab's account of what it shows but has not saved (asked before finishing).
        self._pending_checks: list[Callable[[], str]] = []

    # shortcuts ----------------------------------------------------------------------------
    @property
    def store(self) -> Store:
        """Return the patient store."""
        return self.context.store

    @property
    def content(self) -> Content:
        """Return the clinic's content."""
        return self.context.content

    @property
    def user(self) -> User:
        """Return the signed-in user (the store records each change under their name)."""
        return self.context.user

    @property
    def clinical(self) -> bool:
        """Return whether the signed-in user may see clinical records (reception may not)."""
        return self.context.user.can(Permission.READ_CLINICAL)

    def today(self) -> date:
        """Return today's date."""
        return self._today()

    @property
    def step_labels(self) -> PlanStepLabels:
        """Return what the content calls each kind of plan step."""
        return self.content.info.labels.plan_steps

    def area_name(self, area_id: str) -> str:
        """Return an area's name, or its id if the content no longer has it."""
        if not self.content.has_area(area_id):
            return area_id
        return self.content.area(area_id).name.get()

    def product_label(self, product_id: str) -> str:
        """Return a product's name, or its id if the clinic no longer stocks it."""
        try:
            return self.content.product(product_id).name
        except KeyError:
            return product_id

    def unit(self, product_id: str) -> str:
        """Return the unit a product is measured in."""
        try:
            return self.content.product(product_id).unit
        except KeyError:
            return "U"

    # state --------------------------------------------------------------------------------
    def open_patient(self, patient_id: int) -> None:
        """Open a patient and choose their open visit, or their latest one."""
        if not self.clinical:
            self.patient = self.store.patients.open_patient_summary(patient_id).patient
            self.visit_id = None
            self.patientChanged.emit()
            self.visitChanged.emit()
            return
        self.patient = self.store.patients.get_patient(patient_id)
        record = self.store.visits.open_patient_file(patient_id)
        open_visits = [v for v in record.visits if not v.visit.locked]
        chosen = open_visits[0] if open_visits else (record.visits[0] if record.visits else None)
        self.visit_id = chosen.visit.id if chosen else None
        self.patientChanged.emit()
        self._visit_switched()

    def close_patient(self) -> None:
        """Close the patient (nothing to save: every edit was saved as it was made)."""
        self.patient = None
        self.visit_id = None
        self.selection.clear()
        self.patientChanged.emit()
        self.visitChanged.emit()

    def patient_saved(self, patient: Patient) -> None:
        """Take the saved patient's details."""
        self.patient = patient
        self.patientChanged.emit()

    def set_visit(self, visit_id: int | None) -> None:
        """Show another visit."""
        if visit_id != self.visit_id:
            self.visit_id = visit_id
            self._visit_switched()

    def visit_finished(self) -> None:
        """Tell every tab the visit is now locked."""
        self.visitChanged.emit()

    def add_pending_check(self, check: Callable[[], str]) -> None:
        """Register a tab's ``check() -> str``: what it shows but has not saved, or ``""``."""
        self._pending_checks.append(check)

    def pending_work(self) -> str:
        """Return every tab's account of work not saved yet (empty when everything is)."""
        return " ".join(text for check in self._pending_checks if (text := check()))

    def saved(self) -> None:
        """Tell every tab something was saved."""
        self.recordChanged.emit()

    def _visit_switched(self) -> None:
        goals = self.goal_areas()
        if goals:
            self.selection.set_selected(list(goals))
        self.visitChanged.emit()

    # reads --------------------------------------------------------------------------------
    def patient_file(self) -> PatientFile | None:
        """Return the open patient's whole record (``None`` for reception)."""
        if self.patient is None or not self.clinical:
            return None
        return self.store.visits.patient_file(self.patient.id)

    def visit_record(self) -> VisitRecord | None:
        """Return the open visit's record (``None`` for reception)."""
        if self.visit_id is None or not self.clinical:
            return None
        return self.store.visits.visit_record(self.visit_id)

    @property
    def visit_locked(self) -> bool:
        """Return whether the shown visit is finished (or there is none)."""
        record = self.visit_record()
        return record is None or record.visit.locked

    def latest_goals(self) -> dict[str, Goal]:
        """Return the newest goal for each area across the patient's visits."""
        record = self.patient_file()
        goals: dict[str, Goal] = {}
        if record is None:
            return goals
        for visit in record.visits:  # newest first
            for goal in visit.goals:
                goals.setdefault(goal.area_id, goal)
        return goals

    def goal_areas(self) -> tuple[str, ...]:
        """Return this visit's goal areas, or the latest goals' areas if it has none.

        An open visit also keeps the last visit's goal areas, so a goal not yet kept, changed
        or removed here is shown again rather than dropped.
        """
        record = self.visit_record()
        if record is not None and record.goals:
            areas = [g.area_id for g in record.goals]
            if not record.visit.locked:
                areas += self._last_visit_goal_areas(record)
            return tuple(dict.fromkeys(areas))
        return tuple(self.latest_goals())

    def _last_visit_goal_areas(self, shown: VisitRecord) -> list[str]:
        """Return the goal areas of the newest other visit with goals, up to ``shown``'s day."""
        record = self.patient_file()
        for visit in record.visits if record else ():  # newest first
            earlier = visit.visit.visit_date <= shown.visit.visit_date
            if visit.visit.id != shown.visit.id and earlier and visit.goals:
                return [g.area_id for g in visit.goals]
        return []

    def considered_areas(self) -> tuple[str, ...]:
        """Return the areas being talked about: this visit's goals and the chosen areas."""
        record = self.visit_record()
        goal_ids = [g.area_id for g in record.goals] if record else []
        chosen = dict.fromkeys([*goal_ids, *self.selection.selected])
        return tuple(a for a in chosen if self.content.has_area(a))

    def age(self) -> int | None:
        """Return the open patient's age today."""
        if self.patient is None or self.patient.details.birth_date is None:
            return None
        return age_on(self.patient.details.birth_date, self.today())
