"""Consent: the patient signs for the chosen areas at the open visit; the record is kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from consult_app.context import AppContext
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

    def record_consent(
        self, patient_id: int | None, visit_id: int | None, area_ids: tuple[str, ...]
    ) -> None:
        """Ask the patient to sign consent for ``area_ids`` at the open visit."""
        # The consent screen (signature pad and all) loads when first needed.
        from consult_app.ui.consent_dialog import ConsentDialog

        if visit_id is None or patient_id is None:
            self._warn(
                "No visit open",
                "Open the patient's file and start today's visit first, then record consent.",
            )
            return
        if not area_ids:
            self._warn("No areas chosen", "Choose the areas on the diagram, then record consent.")
            return
        ctx = self._context
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
