"""Printing: preview a handout, keep it once it is printed or saved, and print kept ones again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget

from consult_app.context import AppContext
from consult_app.domain.access import Permission
from consult_app.handout import HandoutError
from consult_app.store import StoreError
from consult_app.store.documents import HandoutKind

if TYPE_CHECKING:
    from consult_app.services.handouts import Issued, Prepared
    from consult_app.ui.pdf_preview import PdfPreviewDialog

#: Shows a problem without blocking: ``warn(title, message)``.
Warn = Callable[[str, str], None]


class PrintFlow(QObject):
    """Previews handouts over ``parent``; emits ``handoutIssued`` when one was kept.

    ``preview`` is the latest preview, kept so it stays open (and tests can reach it).
    """

    handoutIssued = Signal()

    def __init__(
        self,
        context: AppContext,
        warn: Warn,
        parent: QWidget,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._warn = warn
        self._parent = parent
        self._today = today
        self.preview: QDialog | None = None

    def preview_pdf(self, pdf: bytes, title: str, name: str) -> PdfPreviewDialog:
        """Show a PDF to print or save, without blocking the window."""
        # QtPdf is heavy: loaded when the first preview opens, not at start-up.
        from consult_app.ui.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(pdf, title, name, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.preview = dialog
        return dialog

    def print_sheet(self, patient_id: int) -> None:
        """Preview (then print or save) the patient's personal information sheet.

        Only whoever may write clinical records builds a new sheet; anyone else (reception)
        prints the latest sheet issued to the patient again, exactly as it was issued, so a
        new sheet never shows them the patient's goals.
        """
        ctx = self._context
        if not ctx.user.can(Permission.WRITE_CLINICAL):
            self._reprint_latest_sheet(patient_id)
            return
        try:
            prepared = ctx.handouts.prepare_sheet(patient_id, self._today())
        except (HandoutError, StoreError) as error:
            self._warn("Cannot make the information sheet", str(error))
            return
        patient = ctx.store.patients.get_patient(patient_id)
        if prepared.unprintable:
            self._warn(
                "Some letters cannot be printed",
                "The handout fonts have no letters for "
                f"{' '.join(prepared.unprintable)}, typed in this patient's details or goals. "
                "They show as empty boxes on the sheet, so check the preview before printing.",
            )
        name = f"Information sheet {patient.details.family_name} {prepared.reference}.pdf"
        self._preview_to_issue(prepared, f"Information sheet for {patient.display_name}", name)

    def print_generic(self, areas: tuple[str, ...]) -> None:
        """Preview a general handout for ``areas`` (all areas when none are given)."""
        try:
            prepared = self._context.handouts.prepare_generic(areas, self._today())
        except (HandoutError, StoreError) as error:
            self._warn("Cannot make the handout", str(error))
            return
        which = "chosen areas" if areas else "all areas"
        self._preview_to_issue(
            prepared, f"General handout ({which})", f"Handout {prepared.reference}.pdf"
        )

    def reprint(self, handout_id: int) -> None:
        """Preview a kept handout, byte for byte as first issued, to print it again."""
        ctx = self._context
        try:
            pdf = ctx.handouts.reprint(handout_id)
            kept = ctx.store.documents.get_handout(handout_id)
        except StoreError as error:
            self._warn("Cannot print the handout again", str(error))
            return
        dialog = self.preview_pdf(pdf, "Handout (re-print)", f"Handout {kept.reference}.pdf")
        if kept.patient_id is not None and not ctx.user.can(Permission.READ_CLINICAL):
            # A personal handout holds the patient's own words (and a consent, the treatment):
            # reception prints or saves it as issued without its pages shown on screen.
            dialog.view.hide()
            dialog.message.setText(
                f"The {kept.kind.value} issued on {kept.issued_at:%d %b %Y} "
                f"(reference {kept.reference}) is ready to print or save, exactly as issued. "
                "Its pages are for the patient and the practitioner, so they are not shown here."
            )
            dialog.message.show()
            dialog.resize(620, 260)

    def _reprint_latest_sheet(self, patient_id: int) -> None:
        """Print the patient's latest issued sheet again, or say that none was issued yet."""
        try:
            issued = self._context.store.documents.handouts_for(patient_id)
        except StoreError as error:
            self._warn("Cannot print the information sheet", str(error))
            return
        sheets = [h for h in issued if h.kind is HandoutKind.SHEET]
        if not sheets:
            self._warn(
                "No information sheet yet",
                "No information sheet has been issued to this patient yet. The practitioner "
                "issues it at the visit; after that it can be printed again here.",
            )
            return
        self.reprint(sheets[0].id)  # handouts_for lists the newest first

    def _preview_to_issue(self, prepared: Prepared, title: str, name: str) -> None:
        """Preview a handout; it is issued (kept in the records) when printed or saved."""
        dialog = self.preview_pdf(prepared.pdf, title, name)
        issued: list[Issued] = []

        def keep(*_: object) -> None:
            if issued:  # printed again from the same preview: already kept
                return
            try:
                issued.append(self._context.handouts.issue(prepared))
            except StoreError as error:
                self._warn("The handout was not recorded", str(error))
                return
            self.handoutIssued.emit()

        dialog.printed.connect(keep)
        dialog.saved.connect(keep)
