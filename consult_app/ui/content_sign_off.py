"""The content sign-off: the practitioner's banner and the admin's sign-off dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.content.fingerprint import short_fingerprint
from consult_app.context import AppContext
from consult_app.domain.signoff import MAX_SIGNER_LENGTH, ContentSignOff, SignOffState
from consult_app.handout import HandoutError
from consult_app.services.signoff import SignOffStatus, record_sign_off, review_pdf
from consult_app.store import StoreError, ValidationError
from consult_app.ui.patient_file.common import FieldMessage, hint
from consult_app.ui.window_state import fit_to_screen

# Amber, like a warning light: noticed, but not an error and nothing is blocked.
_BANNER_STYLE = (
    "QFrame#signOffBanner { background: #fff4d6; border-bottom: 1px solid #e0b44c; }"
    "QLabel { color: #5a4300; }"
)


class SignOffBanner(QFrame):
    """A strip across the top of the window while the content in use is not signed off.

    It is for the practitioner: the patient view hides it, like everything else not meant
    for the patient's eyes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signOffBanner")
        self.setStyleSheet(_BANNER_STYLE)
        self.label = QLabel()
        self.label.setObjectName("signOffBannerText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the doctor's name
        self.label.setWordWrap(True)
        # A wrapped label asks for a wide minimum; the banner must never widen the window.
        self.label.setMinimumWidth(200)
        self.label.setAccessibleName("Content sign-off")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        self._needed = False
        self._patient_view = False
        self.hide()

    def show_status(self, status: SignOffStatus) -> None:
        """Show what the practitioner should know about the sign-off, or hide when signed."""
        self.label.setText(status.banner)
        self._needed = status.state is not SignOffState.SIGNED
        self.setVisible(self._needed and not self._patient_view)

    def set_patient_view(self, on: bool) -> None:
        """Hide the banner while the patient view is on; show it again after."""
        self._patient_view = on
        self.setVisible(self._needed and not on)


def describe(current: ContentSignOff | None) -> str:
    """Say who signed off which version, and when (or that nobody has)."""
    if current is None:
        return "The content has never been signed off."
    return (
        f"Last signed off by {current.signed_by} on {current.signed_at:%Y-%m-%d %H:%M} "
        f"(version {current.content_version}, fingerprint "
        f"{short_fingerprint(current.fingerprint)}), recorded by {current.recorded_by}."
    )


class ContentSignOffDialog(QDialog):
    """Print the content review for the doctor, then record their sign-off (admin only)."""

    #: Emitted with the recorded sign-off.
    signedOff = Signal(object)

    def __init__(
        self, context: AppContext, status: SignOffStatus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contentSignOffDialog")
        self.setWindowTitle("Content sign-off")
        fit_to_screen(self, 620, 340)
        self._context = context
        self._status = status
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "1. Print (or save) the content review: every statement patients are given, with "
                "its source. 2. The clinic's doctor reads it and signs it. 3. Record the "
                "sign-off here, with the doctor's name."
            )
        )
        facts = QFormLayout()
        version = QLabel(status.content_version)
        version.setObjectName("signOffVersion")
        fingerprint = QLabel(short_fingerprint(status.fingerprint))
        fingerprint.setObjectName("signOffFingerprint")
        fingerprint.setWordWrap(True)
        fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.current = QLabel(describe(status.current))
        self.current.setObjectName("signOffCurrent")
        self.current.setWordWrap(True)
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        for widget in (version, fingerprint):
            widget.setTextFormat(Qt.TextFormat.PlainText)
        facts.addRow("Content version", version)
        facts.addRow("Content fingerprint", fingerprint)
        facts.addRow("Sign-off", self.current)
        layout.addLayout(facts)
        self.review_button = QPushButton("Print the content review…")
        self.review_button.setObjectName("reviewButton")
        self.review_button.clicked.connect(self.show_review)
        layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignLeft)
        #: The latest preview of the review, kept so it stays open.
        self.preview: QDialog | None = None
        form = QFormLayout()
        self.signer = QLineEdit()
        self.signer.setObjectName("signerEdit")
        self.signer.setMaxLength(MAX_SIGNER_LENGTH)
        self.signer.setPlaceholderText(f"for example {context.content.clinic.practitioner}")
        form.addRow("Signed by (doctor)", self.signer)
        layout.addLayout(form)
        self.confirm = QCheckBox(
            "The doctor has read and signed the review of this version and fingerprint."
        )
        self.confirm.setObjectName("confirmSignOff")
        layout.addWidget(self.confirm)
        self.message = FieldMessage("signOffMessage")
        layout.addWidget(self.message)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        self.record_button = QPushButton("Record sign-off")
        self.record_button.setObjectName("recordSignOffButton")
        self.record_button.clicked.connect(self.record)
        buttons.addWidget(close)
        buttons.addWidget(self.record_button)
        layout.addLayout(buttons)
        self.signer.textChanged.connect(self._update_button)
        self.confirm.toggled.connect(self._update_button)
        self._update_button()

    def _update_button(self) -> None:
        self.record_button.setEnabled(bool(self.signer.text().strip()) and self.confirm.isChecked())

    def show_review(self) -> QDialog | None:
        """Preview the content review, to print or save; each copy is in the audit trail."""
        from consult_app.ui.pdf_preview import PdfPreviewDialog

        status = self._status
        try:
            pdf = review_pdf(self._context.content, date.today(), status.fingerprint)
        except HandoutError as error:
            self.message.show_message(f"The content review was not made: {error}")
            return None
        self.message.show_message("")
        name = f"Content review {status.content_version}.pdf"
        preview = PdfPreviewDialog(pdf, "Content review", name, self)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.printed.connect(self._record_review_copy)
        preview.saved.connect(self._record_review_copy)
        preview.open()
        self.preview = preview
        return preview

    def _record_review_copy(self, *_: object) -> None:
        try:
            self._context.store.audit.record_event(
                "print_content_review", fingerprint=self._status.fingerprint
            )
        except StoreError as error:
            self.message.show_message(f"The printed review was not recorded: {error}")

    def record(self) -> ContentSignOff | None:
        """Record the sign-off as typed; on success emit :attr:`signedOff` and close."""
        if not self.confirm.isChecked():
            self.message.show_message(
                "Tick the box to confirm the doctor read and signed the review first."
            )
            return None
        context = self._context
        try:
            recorded = record_sign_off(
                context.store,
                context.content,
                self.signer.text(),
                self._status.fingerprint,
            )
        except ValidationError as error:
            self.message.show_message(" ".join(error.errors.values()))
            return None
        except StoreError as error:
            self.message.show_message(str(error))
            return None
        self.signedOff.emit(recorded)
        self.accept()
        return recorded
