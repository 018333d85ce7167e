"""Consent: the patient signs for the chosen areas at the open visit; the record is kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from consult_app.context import AppContext
from consult_app.domain.visit_areas import areas_for_today
from consult_app.handout import HandoutError
from consult_app.store import StoreError
from consult_app.ui.print_flow import PrintFlow, Warn

if TYPE_CHECKING:
    from consult_app.ui.consent_dialog import ConsentDialog


class ConsentFlow(QObject):
    """Opens the consent screen over ``parent``; emits ``handoutIssued`` once a record is kept.

    ``dialog`` is the latest consent screen, kept so it stays open (and tests can reach it).
    """

    handoutIssued = Signal()

    def __init__(
        self, context: AppContext, printing: PrintFlow, warn: Warn, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._printing = printing
        self._warn = warn
        self._parent = parent
        self.dialog: QDialog | None = None

    def record_consent(self, patient_id: int | None, visit_id: int | None) -> None:
        """Ask the patient to sign consent for the areas planned or treated at the open visit."""
        # The consent screen (signature pad and all) loads when first needed.
        from consult_app.ui.consent_dialog import ConsentDialog

        if visit_id is None or patient_id is None:
            self._warn(
                "No visit open",
                "Open the patient's file and start today's visit first, then record consent.",
            )
            return
        ctx = self._context
        visits = ctx.store.visits
        plan = visits.current_plan(patient_id)
        record = visits.visit_record(visit_id)
        area_ids = areas_for_today(
            plan.plan.steps if plan else (),
            (t.record.area_id for t in record.treatments),
            record.visit.visit_date,
        )
        if not area_ids:
            self._warn(
                "Nothing planned today",
                "No area is planned for treatment today. Agree the plan on the Plan tab first, "
                "then record consent.",
            )
            return
        patient = ctx.store.patients.get_patient(patient_id)
        dialog = ConsentDialog(
            ctx.content,
            area_ids,
            patient.display_name,
            ctx.content.clinic.practitioner,
            self._parent,
        )
        dialog.accepted.connect(lambda: self._save(dialog, visit_id))
        dialog.open()
        self.dialog = dialog

    def _save(self, dialog: ConsentDialog, visit_id: int) -> None:
        result = dialog.consent()
        try:
            _consent, issued = self._context.handouts.record_consent(
                visit_id, result.area_ids, result.signature_png
            )
        except (HandoutError, StoreError) as error:
            self._warn("Consent not saved", str(error))
            return
        self.handoutIssued.emit()
        self._printing.preview_pdf(
            issued.pdf, "Consent record", f"Consent {issued.record.reference}.pdf"
        )
