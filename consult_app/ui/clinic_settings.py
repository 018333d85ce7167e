"""The clinic's details: entered on the first start, changed later by an admin (Admin menu).

The details (name, address, phone, country, state, logo, out-of-hours line) are kept in the
records and put over the content's clinic.yaml when the content is loaded
(:mod:`consult_app.content.clinic_profile`). Nothing is kept until every field is right: the
dialog says what to fix and keeps what was typed. clinic.yaml stays the way the details move in
and out: the dialog imports one into its fields and exports them as one.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.content.clinic_profile import help_problems, logo_problem
from consult_app.content.clinic_yaml import ClinicYamlError, read_clinic_details, write_clinic_yaml
from consult_app.content.models import Clinic, Content
from consult_app.content.models_common import Country
from consult_app.domain.clinic_profile import MAX_LOGO_BYTES, ClinicProfile, profile_problems
from consult_app.store import Store, StoreError, ValidationError
from consult_app.ui.patient_file.common import FieldMessage, hint

#: The order the form's problems are listed in (the order of its fields).
_FIELDS = ("name", "address", "phone", "country", "state", "out_of_hours", "logo")


def profile_of(clinic: Clinic) -> ClinicProfile:
    """Return the profile that ``clinic`` (as loaded) has, without its logo's bytes."""
    return ClinicProfile(
        name=clinic.name,
        address=clinic.address,
        phone=clinic.phone,
        country=clinic.country.value,
        state=clinic.state or "",
        out_of_hours=clinic.out_of_hours or "",
    )


class ClinicForm(QWidget):
    """The clinic's details as fields; :meth:`profile` reads them, :meth:`problems` checks."""

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._content = content
        self._logo: bytes | None = None
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("clinicNameEdit")
        self.address = QPlainTextEdit()
        self.address.setObjectName("clinicAddressEdit")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.address.fontMetrics().lineSpacing() * 5)
        self.phone = QLineEdit()
        self.phone.setObjectName("clinicPhoneEdit")
        self.country = QComboBox()
        self.country.setObjectName("clinicCountryCombo")
        for country in Country:
            self.country.addItem(country.value, country.value)
        self.state = QLineEdit()
        self.state.setObjectName("clinicStateEdit")
        self.state.setPlaceholderText("where the content needs it, for example NSW")
        self.out_of_hours = QLineEdit()
        self.out_of_hours.setObjectName("clinicOutOfHoursEdit")
        self.out_of_hours.setPlaceholderText("optional: the clinic's own line when it is closed")
        self.logo_label = QLabel()
        self.logo_label.setObjectName("clinicLogoLabel")
        choose = QPushButton("Choose logo…")
        choose.setObjectName("chooseLogoButton")
        choose.clicked.connect(self._ask_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(choose)
        form.addRow("Clinic name", self.name)
        form.addRow("Address (one line each)", self.address)
        form.addRow("Phone", self.phone)
        form.addRow("Country", self.country)
        form.addRow(hint("The country chooses the emergency numbers and approvals shown."))
        form.addRow("State or territory", self.state)
        form.addRow("Out-of-hours line", self.out_of_hours)
        form.addRow("Logo", logo_row)
        self.logo_message = FieldMessage("clinicLogoMessage")
        form.addRow(self.logo_message)
        self._show_logo()

    def set_profile(self, profile: ClinicProfile) -> None:
        """Show ``profile`` in the fields."""
        self.name.setText(profile.name)
        self.address.setPlainText("\n".join(profile.address))
        self.phone.setText(profile.phone)
        index = self.country.findData(profile.country)
        self.country.setCurrentIndex(max(index, 0))
        self.state.setText(profile.state)
        self.out_of_hours.setText(profile.out_of_hours)
        self._logo = profile.logo
        self._show_logo()

    def profile(self) -> ClinicProfile:
        """Return the details as typed (cleaned)."""
        return ClinicProfile(
            name=self.name.text(),
            address=tuple(self.address.toPlainText().splitlines()),
            phone=self.phone.text(),
            country=str(self.country.currentData() or ""),
            state=self.state.text(),
            out_of_hours=self.out_of_hours.text(),
            logo=self._logo,
        ).cleaned()

    def problems(self) -> list[str]:
        """Return what to fix, field by field, in the form's order; empty when all is right."""
        profile = self.profile()
        found = profile_problems(profile)
        if profile.logo is not None and "logo" not in found:
            problem = logo_problem(profile.logo, "The logo chosen")
            if problem:
                found["logo"] = problem
        if "country" not in found:
            problems = help_problems(self._content, profile.country, profile.state)
            if problems:
                found["country"] = " ".join(problems)
        return [found[key] for key in _FIELDS if key in found]

    def choose_logo_file(self, path: Path) -> bool:
        """Use the picture in ``path`` as the logo; say why not and keep the old one if it fails."""
        try:
            size = path.stat().st_size
            data = b"" if size > MAX_LOGO_BYTES else path.read_bytes()
        except OSError as error:
            self.logo_message.show_message(
                f"The file {path.name} could not be read ({error.strerror or error}). "
                "Choose another file, or copy it to this computer first."
            )
            return False
        if size > MAX_LOGO_BYTES:
            problem: str | None = (
                f"The file {path.name} is too large for a logo; use a picture of at most "
                f"{MAX_LOGO_BYTES // 1_000_000} MB."
            )
        else:
            problem = logo_problem(data, f"The file {path.name}")
        if problem:
            self.logo_message.show_message(problem)
            return False
        self._logo = data
        self.logo_message.show_message("")
        self._show_logo()
        return True

    def _ask_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose the clinic's logo", "", "Pictures (*.png *.jpg *.jpeg);;All files (*)"
        )
        if name:
            self.choose_logo_file(Path(name))

    def _show_logo(self) -> None:
        """Show the chosen logo small, or say which logo the handouts use."""
        if self._logo is None:
            self.logo_label.setPixmap(QPixmap())
            self.logo_label.setText("The content's own logo")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(self._logo)
        self.logo_label.setText("")
        self.logo_label.setPixmap(
            pixmap.scaledToHeight(48, Qt.TransformationMode.SmoothTransformation)
        )

    @property
    def logo(self) -> bytes | None:
        """Return the chosen logo's bytes (``None``: the content's own logo)."""
        return self._logo


class ClinicSettingsDialog(QDialog):
    """Enter or change the clinic's details; ``saved`` holds them once kept."""

    def __init__(
        self,
        store: Store,
        content: Content,
        parent: QWidget | None = None,
        *,
        first_start: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clinicSettingsDialog")
        self.setWindowTitle("Set up the clinic" if first_start else "Clinic settings")
        self._store = store
        self.saved: ClinicProfile | None = None
        layout = QVBoxLayout(self)
        intro = (
            "Welcome. First, the clinic's details: they are printed on every handout and "
            "choose the help numbers patients are given. Next you create the admin account."
            if first_start
            else "The clinic's details, printed on every handout. A new country or state "
            "changes the help numbers patients are given. Changes are used from the next "
            "sign-in."
        )
        layout.addWidget(hint(intro, "clinicSettingsIntro"))
        self.form = ClinicForm(content)
        kept = store.clinic.clinic_profile()
        self.form.set_profile(kept if kept is not None else profile_of(content.clinic))
        layout.addWidget(self.form)
        self._content = content
        files = QHBoxLayout()
        for text, name, slot in (
            ("Import clinic.yaml…", "importClinicButton", self._ask_import),
            ("Export clinic.yaml…", "exportClinicButton", self._ask_export),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            files.addWidget(button)
        files.addStretch(1)
        layout.addLayout(files)
        self.message = FieldMessage("clinicSettingsMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Next" if first_start else "Save")
        ok.setObjectName("clinicSettingsOk")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def import_file(self, path: Path) -> bool:
        """Fill the fields from the clinic.yaml at ``path`` (kept only on Save); say why not."""
        try:
            details = read_clinic_details(path)
        except ClinicYamlError as error:
            self.message.show_message(f"Nothing was imported: {error}")
            return False
        self.form.set_profile(details if details.logo else replace(details, logo=self.form.logo))
        self.message.show_message("")
        return True

    def export_file(self, path: Path) -> bool:
        """Write the content's clinic.yaml with the details as typed to ``path``; say why not."""
        problems = self.form.problems()
        if problems:
            self.message.show_message("\n".join(["Nothing was exported:", *problems]))
            return False
        try:
            write_clinic_yaml(self._content, self.form.profile(), path)
        except OSError as error:
            self.message.show_message(
                f"Could not write {path}: {error.strerror or error}. Choose another folder."
            )
            return False
        self.message.show_message("")
        return True

    def _ask_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import the clinic's details", "", "Clinic profile (*.yaml *.yml)"
        )
        if name:
            self.import_file(Path(name))

    def _ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the clinic's details", "clinic.yaml", "Clinic profile (*.yaml)"
        )
        if name:
            self.export_file(Path(name))

    def save(self) -> None:
        """Keep the details, or say what to fix and keep the dialog open."""
        problems = self.form.problems()
        if problems:
            self.message.show_message("\n".join(problems))
            return
        try:
            self.saved = self._store.clinic.save_clinic_profile(self.form.profile())
        except ValidationError as error:
            self.message.show_message("\n".join(error.errors.values()))
            return
        except StoreError as error:
            self.message.show_message(str(error))
            return
        self.message.show_message("")
        self.accept()
