"""A user's own paper details: the name they print under, registration number, signature."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.domain.practitioner import (
    MAX_DISPLAY_NAME_LENGTH,
    MAX_REGISTRATION_LENGTH,
    MAX_SIGNATURE_BYTES,
    signature_problem,
)
from consult_app.store import Store, StoreError, ValidationError
from consult_app.ui.patient_file.common import FieldMessage, hint


class PractitionerDetailsDialog(QDialog):
    """Edit ``username``'s printed name, registration and signature; saved by ``save``."""

    def __init__(self, store: Store, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practitionerDetailsDialog")
        self.setWindowTitle(f"Paper details of {username}")
        self._store = store
        self.username = username
        card = store.practitioners.practitioner_card(username)
        self.signature: bytes | None = card.signature if card else None
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint("Sheets and consent records of your visits print this name and registration.")
        )
        form = QFormLayout()
        self.display_name = QLineEdit(card.display_name if card else "")
        self.display_name.setObjectName("printedNameEdit")
        self.display_name.setMaxLength(MAX_DISPLAY_NAME_LENGTH)
        self.registration = QLineEdit(card.registration if card else "")
        self.registration.setObjectName("registrationEdit")
        self.registration.setMaxLength(MAX_REGISTRATION_LENGTH)
        form.addRow("Name as printed", self.display_name)
        form.addRow("Registration number", self.registration)
        self.picture = QLabel()
        self.picture.setObjectName("signaturePicture")
        self.picture.setMinimumSize(240, 70)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        choose = QPushButton("Choose picture…")
        choose.setObjectName("chooseSignatureButton")
        choose.clicked.connect(self._ask_signature)
        remove = QPushButton("Remove")
        remove.setObjectName("removeSignatureButton")
        remove.clicked.connect(self.remove_signature)
        row = QHBoxLayout()
        row.addWidget(self.picture, 1)
        row.addWidget(choose)
        row.addWidget(remove)
        form.addRow("Signature (PNG or JPEG)", row)
        layout.addLayout(form)
        self.message = FieldMessage("practitionerDetailsMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("practitionerDetailsButtons")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show_signature()

    def load_signature(self, path: Path) -> bool:
        """Take the signature picture from ``path`` if it is a readable PNG or JPEG."""
        try:
            if path.stat().st_size > MAX_SIGNATURE_BYTES:
                data = b"x" * (MAX_SIGNATURE_BYTES + 1)  # worded by signature_problem
            else:
                data = path.read_bytes()
        except OSError as error:
            self.message.show_message(f"Cannot read {path.name}: {error.strerror or error}.")
            return False
        problem = signature_problem(data)
        if problem:
            self.message.show_message(problem)
            return False
        self.signature = data
        self.message.show_message("")
        self._show_signature()
        return True

    def remove_signature(self) -> None:
        """Print without a signature picture (from the next save)."""
        self.signature = None
        self._show_signature()

    def save(self) -> None:
        """Save the details; on a problem, say what to change and keep the dialog open."""
        try:
            self._store.practitioners.set_practitioner_details(
                self.username, self.display_name.text(), self.registration.text(), self.signature
            )
        except StoreError as error:
            text = " ".join(error.errors.values()) if isinstance(error, ValidationError) else error
            self.message.show_message(f"Not saved. {text}")
            return
        self.accept()

    def _ask_signature(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose the signature picture", "", "Pictures (*.png *.jpg *.jpeg)"
        )
        if name:
            self.load_signature(Path(name))

    def _show_signature(self) -> None:
        if not self.signature:
            self.picture.setPixmap(QPixmap())
            self.picture.setText("No signature picture")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(self.signature)
        self.picture.setPixmap(
            pixmap.scaled(
                240,
                70,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
