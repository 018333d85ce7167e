"""The content sign-off: the practitioner's banner and the admin's sign-off dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
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
        self.resize(620, 420)
        self._context = context
        self._status = status
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "1. Save or print the content review: every statement patients are given, with "
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
        self.save_review_button = QPushButton("Save the content review…")
        self.save_review_button.setObjectName("saveReviewButton")
        self.save_review_button.clicked.connect(self._choose_review_file)
        layout.addWidget(self.save_review_button, 0, Qt.AlignmentFlag.AlignLeft)
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

    def _choose_review_file(self) -> None:
        version = "".join(
            c if c.isalnum() or c in ".-_" else "-" for c in self._status.content_version
        )
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save the content review", f"Content review {version}.pdf", "PDF (*.pdf)"
        )
        if name:
            self.save_review(Path(name))

    def save_review(self, path: Path) -> bool:
        """Write the content review to ``path``; say so, or say why it was not written."""
        from consult_app.paths import write_private_file

        context = self._context
        try:
            pdf = review_pdf(context.content, date.today(), self._status.fingerprint)
            write_private_file(path, pdf)
        except HandoutError as error:
            self.message.show_message(f"The review was not made: {error}")
            return False
        except OSError as error:
            self.message.show_message(
                f"The review was not saved to {path}: {error.strerror or error}. Choose a "
                "folder you may write to, on a disk with space."
            )
            return False
        self.message.show_message("")
        self.current.setText(f"{describe(self._status.current)}\nReview saved to {path}.")
        context.store.record_event("print_content_review", fingerprint=self._status.fingerprint)
        return True

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
                context.user.username,
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
