"""What was done: per area, product, units, batch and expiry; totals per product."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.content.labels import label_status
from consult_app.content.models import ApprovalStatus, Area, Content, Rule
from consult_app.domain.dates import parse_date
from consult_app.domain.models import ScreeningResult, StoredTreatment, TreatmentRecord
from consult_app.domain.screening import product_names
from consult_app.domain.validation import parse_units, totals_by_product
from consult_app.ui.patient_file.common import (
    NOTICE_STYLE,
    CommitTextEdit,
    FieldMessage,
    attempt,
    column,
    field_errors,
    hint,
    scrolling,
)
from consult_app.ui.patient_file.session import PatientSession


def units_text(units: Decimal) -> str:
    """Show units without trailing zeros (4, 2.5)."""
    return format(units.normalize(), "f")


def treatment_lines(
    treatments: tuple[StoredTreatment, ...], session: PatientSession
) -> tuple[str, str]:
    """Return HTML for the list of records and for the totals per product."""
    rows = []
    for stored in treatments:
        r = stored.record
        line = (
            f"<b>{escape(session.area_name(r.area_id))}</b>: {units_text(r.units)} "
            f"{escape(session.unit(r.product_id))} {escape(session.product_label(r.product_id))}, "
            f"batch {escape(r.batch)}, expires {r.expiry.isoformat()}"
        )
        if r.notes:
            line += f"<br><i>{escape(r.notes)}</i>"
        rows.append(line)
    totals = totals_by_product(s.record for s in treatments)
    total_lines = [
        f"{escape(session.product_label(p))}: {units_text(u)} {escape(session.unit(p))}"
        for p, u in totals.items()
    ]
    return "<br>".join(rows), "<br>".join(total_lines)


def label_status_text(area: Area, product_id: str, content: Content) -> str:
    """Return one line: this area with this product, on or off label in the clinic's country."""
    country = content.clinic.country.value
    status, rows = label_status(area, country, [product_id])
    product = escape(content.product(product_id).name)
    where = f"{escape(area.name.get())} with {product} in {escape(country)}"
    if status is ApprovalStatus.APPROVED:
        note = f" ({escape(rows[0].note)})" if rows[0].note else ""
        return f"On-label: {where}{note}."
    if status is ApprovalStatus.OFF_LABEL:
        return f"<b>Off-label:</b> {where}. Tell the patient what this means."
    return f"<b>Approval not recorded:</b> {where}. Check the national register."


def product_warnings(result: ScreeningResult, session: PatientSession) -> str:
    """Return HTML naming the products the screening rules out, per finding, or ''."""
    lines = []
    for finding in result.findings:
        if finding.rule is not Rule.DO_NOT_TREAT or not finding.products:
            continue
        names = product_names(session.content, finding.products)
        areas = ", ".join(session.area_name(a) for a in finding.areas)
        lines.append(
            f"<b>Do not use {escape(names)}</b> ({escape(areas)}): {escape(finding.reason)} "
            "Other products may be used."
        )
    return "<br>".join(lines)


class TreatmentTab(QWidget):
    """Record a treatment for one area at a time. Blocked and expired records are refused."""

    def __init__(self, session: PatientSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("treatmentTab")
        self.session = session
        inner, layout = column()
        self.banner = QLabel()
        self.banner.setObjectName("treatmentMessage")
        self.banner.setAccessibleName("Treatment message")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(NOTICE_STYLE)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)  # store messages may quote input
        self.banner.hide()
        layout.addWidget(self.banner)
        self.product_notice = QLabel()
        self.product_notice.setObjectName("productNotice")
        self.product_notice.setAccessibleName("Products ruled out by the safety check")
        self.product_notice.setWordWrap(True)
        self.product_notice.setStyleSheet(NOTICE_STYLE)
        self.product_notice.hide()
        layout.addWidget(self.product_notice)
        self.consent_status = QLabel()
        self.consent_status.setObjectName("treatConsentStatus")
        self.consent_status.setAccessibleName("Signed consent at this visit")
        self.consent_status.setWordWrap(True)
        self.consent_status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.consent_status)
        self.form_box = QGroupBox("Record a treatment")
        form = QFormLayout(self.form_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.messages: dict[str, FieldMessage] = {}
        self.area = QComboBox()
        self.area.setObjectName("treatArea")
        self.area.setAccessibleName("Area treated")
        self.product = QComboBox()
        self.product.setObjectName("treatProduct")
        self.product.setAccessibleName("Product")
        for product in session.content.clinic.products:
            self.product.addItem(f"{product.name} ({product.unit})", product.id)
        self.units = QLineEdit()
        self.units.setObjectName("treatUnits")
        self.units.setAccessibleName("Units")
        self.units.setPlaceholderText("e.g. 20 or 2.5")
        self.batch = QLineEdit()
        self.batch.setObjectName("treatBatch")
        self.batch.setAccessibleName("Batch or lot number")
        self.expiry = QLineEdit()
        self.expiry.setObjectName("treatExpiry")
        self.expiry.setAccessibleName("Expiry date")
        self.expiry.setPlaceholderText("e.g. 2026-05-31")
        self.notes = QLineEdit()
        self.notes.setObjectName("treatNotes")
        self.notes.setAccessibleName("Treatment notes")
        self.notes.setPlaceholderText("Points, pattern (optional)")
        self.without_consent = QLineEdit()
        self.without_consent.setObjectName("treatWithoutConsent")
        self.without_consent.setAccessibleName("Reason to treat without signed consent")
        self.without_consent.setPlaceholderText("Only when the area has no signed consent")
        for field, label, widget in (
            ("area_id", "Area", self.area),
            ("product_id", "Product", self.product),
            ("units", "Units", self.units),
            ("batch", "Batch / lot", self.batch),
            ("expiry", "Expiry", self.expiry),
            ("notes", "Notes", self.notes),
            ("without_consent", "Without consent, why", self.without_consent),
        ):
            form.addRow(label, widget)
            message = FieldMessage(f"treat{field.title().replace('_', '')}Message")
            self.messages[field] = message
            form.addRow(message)
            if field == "product_id":
                self.label_status = hint("")
                self.label_status.setObjectName("treatLabelStatus")
                self.label_status.setAccessibleName("Approval of this use in the clinic's country")
                form.addRow(self.label_status)
        self.area.currentIndexChanged.connect(lambda _: self._show_label_status())
        self.product.currentIndexChanged.connect(lambda _: self._show_label_status())
        self.record_button = QPushButton("Record treatment")
        self.record_button.setObjectName("recordTreatmentButton")
        self.record_button.setAccessibleName("Record treatment")
        self.record_button.clicked.connect(self.record_treatment)
        form.addRow(self.record_button)
        layout.addWidget(self.form_box)
        layout.addWidget(QLabel("<b>Done at this visit</b>"))
        self.records = QLabel()
        self.records.setObjectName("treatmentList")
        self.records.setAccessibleName("Treatments at this visit")
        self.records.setWordWrap(True)
        layout.addWidget(self.records)
        layout.addWidget(QLabel("<b>Total per product</b>"))
        self.totals = QLabel()
        self.totals.setObjectName("treatmentTotals")
        self.totals.setAccessibleName("Total units per product")
        self.totals.setWordWrap(True)
        layout.addWidget(self.totals)
        layout.addWidget(QLabel("<b>Visit note</b>"))
        self.visit_note = CommitTextEdit()
        self.visit_note.setObjectName("visitNote")
        self.visit_note.setAccessibleName("Visit note")
        self.visit_note.setTabChangesFocus(True)
        self.visit_note.setFixedHeight(70)
        self.visit_note.editingFinished.connect(self._save_note)
        layout.addWidget(self.visit_note)
        self.note_message = FieldMessage("visitNoteMessage")
        layout.addWidget(self.note_message)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(inner, "treatmentScroll"), 1)
        session.visitChanged.connect(self.reload)
        session.recordChanged.connect(self.refresh)
        session.selection.changed.connect(self._fill_areas)
        session.selection.changed.connect(self._show_product_warnings)
        self.reload()

    def _fill_areas(self) -> None:
        current = self.area.currentData()
        first = self.session.considered_areas()
        rest = [a.id for a in self.session.content.areas if a.id not in first]
        self.area.clear()
        for area_id in first:
            self.area.addItem(self.session.area_name(area_id), area_id)
        if first and rest:
            self.area.insertSeparator(self.area.count())
        for area_id in rest:
            self.area.addItem(self.session.area_name(area_id), area_id)
        index = self.area.findData(current)
        self.area.setCurrentIndex(index if index >= 0 else 0)

    def reload(self) -> None:
        """Show the current visit's records."""
        record = self.session.visit_record()
        editable = record is not None and not record.visit.locked
        self.form_box.setEnabled(editable)
        self.visit_note.setReadOnly(not editable)
        self.visit_note.setPlainText(record.visit.note if record else "")
        self._set_banner("")
        if record is None:
            self._set_banner("Start a visit to record a treatment.")
        elif record.visit.locked:
            self._set_banner("This visit is finished. Corrections are made in History.")
        for message in self.messages.values():
            message.show_message("")
        self.refresh()

    def refresh(self) -> None:
        """Update the area choices, the records and the totals."""
        self._fill_areas()
        record = self.session.visit_record()
        rows, totals = treatment_lines(record.treatments, self.session) if record else ("", "")
        self.records.setText(rows or "<i>Nothing recorded yet.</i>")
        self.totals.setText(totals or "<i>None.</i>")
        self._show_product_warnings()
        self._show_label_status()
        self._show_consent()

    def _show_consent(self) -> None:
        """Name the areas a consent signed at this visit, on today's content, covers."""
        visit_id = self.session.visit_id
        if visit_id is None:
            self.consent_status.setText("")
            return
        version = self.session.content.clinic.content_version
        consents = self.session.store.documents.consents_for(visit_id)
        covered = dict.fromkeys(
            a for c in consents if c.content_version == version for a in c.area_ids
        )
        if covered:
            names = ", ".join(self.session.area_name(a) for a in covered)
            text = f"Signed consent at this visit covers: {names}."
        else:
            text = "No signed consent at this visit yet: record the patient's consent first."
        self.consent_status.setText(text)

    def _show_product_warnings(self) -> None:
        """Name the products the screening rules out for the areas being talked about."""
        visit_id = self.session.visit_id
        text = ""
        if visit_id is not None:
            result = self.session.store.visits.screening_result(
                visit_id, self.session.content, self.session.considered_areas()
            )
            text = product_warnings(result, self.session)
        self.product_notice.setText(text)
        self.product_notice.setVisible(bool(text))

    def _show_label_status(self) -> None:
        """Say whether this area with this product is on or off label in the clinic's country."""
        area_id, product_id = self.area.currentData(), self.product.currentData()
        content = self.session.content
        if not isinstance(area_id, str) or not isinstance(product_id, str):
            self.label_status.setText("")
            return
        if not content.has_area(area_id):
            self.label_status.setText("")
            return
        self.label_status.setText(label_status_text(content.area(area_id), product_id, content))

    def _set_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def typed_record(self) -> tuple[TreatmentRecord | None, dict[str, str]]:
        """Build a record from the form; return it or ``{field: message}`` for what is not."""
        errors: dict[str, str] = {}
        units = parse_units(self.units.text())
        if units is None:
            errors["units"] = "Enter the number of units as a number, for example 20 or 2.5."
        expiry = parse_date(self.expiry.text())
        if expiry is None:
            errors["expiry"] = "Enter the expiry date from the vial, like 2026-05-31."
        area_id = self.area.currentData()
        product_id = self.product.currentData()
        if not isinstance(area_id, str):
            errors["area_id"] = "Choose the area treated."
        if not isinstance(product_id, str):
            errors["product_id"] = "Choose a product the clinic stocks."
        if errors or units is None or expiry is None:
            return None, errors
        assert isinstance(area_id, str) and isinstance(product_id, str)
        record = TreatmentRecord(
            area_id, product_id, units, self.batch.text().strip(), expiry, self.notes.text()
        )
        return record, {}

    def record_treatment(self) -> None:
        """Save the typed treatment, or show why it was refused (nothing is saved then)."""
        visit_id = self.session.visit_id
        self._set_banner("")
        if visit_id is None:
            self._set_banner("Start a visit to record a treatment.")
            return
        record, errors = self.typed_record()
        refused = record is None
        if record is not None:
            _, error = attempt(
                lambda: self.session.store.visits.record_treatment(
                    visit_id, record, self.session.content, self.without_consent.text()
                )
            )
            errors = field_errors(error)
            refused = error is not None
            if error is not None and not errors:
                self._set_banner(f"Not recorded. {error}")
        for field, message in self.messages.items():
            message.show_message(errors.get(field, ""))
        if refused:
            return
        for edit in (self.units, self.notes, self.without_consent):
            edit.clear()  # batch and expiry usually stay the same for the next area
        self.session.saved()

    def _save_note(self) -> None:
        visit_id = self.session.visit_id
        record = self.session.visit_record()
        text = self.visit_note.toPlainText()
        if visit_id is None or record is None or record.visit.locked or text == record.visit.note:
            return
        _, error = attempt(lambda: self.session.store.visits.set_visit_note(visit_id, text))
        self.note_message.show_message(str(error) if error else "")
