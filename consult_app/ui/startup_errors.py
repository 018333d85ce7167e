"""Dialogs that explain why the app cannot start, and what to do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from consult_app.ui.window_state import fit_to_screen


class StartupErrorDialog(QDialog):
    """Lists every problem found, one per line, with a clear next step."""

    def __init__(
        self, title: str, explanation: str, lines: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("startupErrors")
        self.setWindowTitle(title)
        fit_to_screen(self, 760, 420)
        label = QLabel(explanation)
        label.setWordWrap(True)
        details = QPlainTextEdit("\n".join(lines))
        details.setObjectName("problemList")
        details.setReadOnly(True)
        details.setAccessibleName("Problems found")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(details, 1)
        layout.addWidget(buttons)


class MissingRecordsDialog(QMessageBox):
    """Says the records are missing while backups exist; offers the newest backup or quitting."""

    def __init__(self, explanation: str, latest: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("missingRecords")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("Patient records missing")
        self.setTextFormat(Qt.TextFormat.PlainText)  # paths may hold any character
        self.setText("The patient records are missing.")
        self.setInformativeText(
            f"{explanation}\n\nRestore the newest backup ({latest.name}) now? A copy of "
            "anything in its place is kept first."
        )
        self.restore_button = self.addButton(
            "Restore the newest backup", QMessageBox.ButtonRole.AcceptRole
        )
        self.quit_button = self.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.quit_button)
        self.setEscapeButton(self.quit_button)

    def ask(self) -> bool:
        """Show the dialog; return whether the newest backup is to be restored."""
        self.exec()
        return self.clickedButton() is self.restore_button
