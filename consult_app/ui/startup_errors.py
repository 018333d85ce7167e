"""A dialog that explains why the app cannot start, and what to do."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class StartupErrorDialog(QDialog):
    """Lists every problem found, one per line, with a clear next step."""

    def __init__(
        self, title: str, explanation: str, lines: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("startupErrors")
        self.setWindowTitle(title)
        self.resize(760, 420)
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
