"""The consent screen the patient reads and signs: the risks discussed for the chosen areas.

The patient reads this screen from their chair, so the text is large and the wording comes
only from the patient-facing content (no practitioner-only fields).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from consult_app.content.labels import (
    STATUS_WORDS,
    families_of,
    label_status,
    status_meanings,
    timing_sentences,
)
from consult_app.content.models import ApprovalStatus, Area, Content, Text
from consult_app.ui.info_pages import urgent_help
from consult_app.ui.signature_pad import SignaturePad
from consult_app.ui.window_state import fit_to_screen

#: Base font size of the consent screen, in points: readable at arm's length.
CONSENT_FONT_POINTS = 15

PRACTITIONER_STATEMENT = "I have explained these risks and answered the patient's questions."


@dataclass(frozen=True)
class ConsentResult:
    """What the patient agreed to, with their signature, when they signed and which wording.

    ``signature_png`` is a PNG with a transparent background, cropped to the signature.
    ``signed_at`` is timezone-aware local time. ``content_version`` identifies the wording
    of the risks the patient read.
    """

    signature_png: bytes
    area_ids: tuple[str, ...]
    confirmed: bool
    signed_at: datetime
    content_version: str


def _now() -> datetime:
    return datetime.now().astimezone()


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _bullets(items: Sequence[Text], language: str | None) -> str:
    return "<ul>" + "".join(f"<li>{_esc(t.get(language))}</li>" for t in items) + "</ul>"


def risks_html(content: Content, areas: Sequence[Area], language: str | None = None) -> str:
    """Return the risks to discuss for ``areas`` as simple HTML, from patient-facing content."""
    info = content.info
    parts = about_html(content, areas, language)
    parts.append("<h2>Risks for your treatment areas</h2>")
    for area in areas:
        parts.append(f"<h3>{_esc(area.name.get(language))}</h3>")
        if area.side_effects:
            parts.append(_bullets(area.side_effects, language))
        else:
            parts.append(
                "<p>No risks just for this area are listed."
                " The risks below apply to every area.</p>"
            )
    parts.append("<h2>Common side effects</h2>")
    parts.append("<p>These are common. They are usually mild and go away on their own.</p>")
    parts.append(_bullets(info.common_side_effects, language))
    parts.append("<h2>Rare but serious side effects</h2>")
    parts.append(f"<p>{_esc(info.serious_side_effects_intro.get(language))}</p>")
    parts.append(_bullets(info.serious_side_effects, language))
    parts.append(urgent_help(content, language))
    return "".join(parts)


def about_html(content: Content, areas: Sequence[Area], language: str | None) -> list[str]:
    """The consent-grade facts: the medicine, each area's status and timing, the limits and
    the other choices, from patient-facing content only."""
    country = content.clinic.country.value
    stocked = [product.id for product in content.clinic.products]
    medicine = _esc(content.info.consent.medicine.get(language))
    parts = ["<h2>About your treatment</h2>", f"<p>The medicine is <b>{medicine}</b>.</p>"]
    statuses: set[ApprovalStatus | None] = set()
    rows = []
    for area in areas:
        status, _found = label_status(area, country, stocked)
        statuses.add(status)
        rows.append(
            f"<li><b>{_esc(area.name.get(language))}:</b> {_esc(STATUS_WORDS[status])} "
            f"{_esc(area.expect.duration.get(language))} {_esc(timing_sentences(area))}</li>"
        )
    parts.append("<ul>" + "".join(rows) + "</ul>")
    parts += [f"<p>{_esc(t.get(language))}</p>" for t in status_meanings(content, statuses)]
    for family in families_of(content, areas):
        parts.append(f"<h3>What {_esc(family.name.get(language))} cannot do</h3>")
        parts.append(_bullets(family.limits, language))
        parts.append("<h3>Other choices</h3>")
        parts.append(_bullets(family.alternatives, language))
    return parts


class ConsentDialog(QDialog):
    """Lists the risks for the chosen areas; the patient signs and the practitioner confirms.

    The OK button ("Record consent") is enabled only once the patient has signed and the
    practitioner has ticked the confirmation. Open it with :meth:`open`; after ``accepted``,
    :meth:`consent` returns the result. ``clock`` gives the signing time (for tests).
    """

    def __init__(
        self,
        content: Content,
        area_ids: Sequence[str],
        patient_name: str,
        practitioner: str,
        parent: QWidget | None = None,
        *,
        language: str | None = None,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("consentDialog")
        self.setWindowTitle(f"Consent: {patient_name}" if patient_name else "Consent")
        font = QFont(self.font())
        font.setPointSize(CONSENT_FONT_POINTS)
        self.setFont(font)
        self._content = content
        self._clock = clock
        self._result: ConsentResult | None = None

        unknown = [a for a in area_ids if not content.has_area(a)]
        self.area_ids: tuple[str, ...] = tuple(
            dict.fromkeys(a for a in area_ids if content.has_area(a))
        )
        areas = [content.area(a) for a in self.area_ids]
        self._problem = ""
        if unknown:
            self._problem = (
                "These areas are not in the clinic's content: "
                + ", ".join(unknown)
                + ". Close this screen, choose the areas again, and reopen it."
            )
        elif not areas:
            self._problem = "No treatment areas are chosen. Choose at least 1 area first."

        heading = QLabel("Before your treatment: the risks we talked about")
        heading.setObjectName("consentHeading")
        heading_font = QFont(font)
        heading_font.setPointSize(CONSENT_FONT_POINTS + 5)
        heading_font.setBold(True)
        heading.setFont(heading_font)
        heading.setWordWrap(True)
        intro = QLabel(
            f"Please read this with {practitioner}. Ask about anything that is not clear."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)

        self.risks = QTextBrowser()
        self.risks.setObjectName("consentRisks")
        self.risks.setAccessibleName("Risks we talked about")
        self.risks.setOpenLinks(False)
        self.risks.document().setDefaultFont(font)
        self.risks.document().setDefaultStyleSheet(
            "h2 { color: #1d4f5c; margin-top: 14px; } h3 { margin-top: 10px; margin-bottom: 2px; }"
            " li { margin-bottom: 4px; }"
        )
        self.risks.setHtml(risks_html(content, areas, language))
        self.risks.setMinimumHeight(120)  # the risks scroll on their own too

        names = ", ".join(area.name.get(language) for area in areas)
        self.statement = QLabel(
            f"I have read the risks above. My questions have been answered. "
            f"I agree to treatment in these areas: <b>{_esc(names)}</b>."
        )
        self.statement.setObjectName("patientStatement")
        self.statement.setTextFormat(Qt.TextFormat.RichText)
        self.statement.setWordWrap(True)
        sign_label = QLabel(f"Signature of {patient_name}" if patient_name else "Your signature")
        sign_label.setObjectName("signatureLabel")
        sign_label.setTextFormat(Qt.TextFormat.PlainText)
        self.signature_pad = SignaturePad()
        sign_label.setBuddy(self.signature_pad)

        self.confirmation = QCheckBox(f"{PRACTITIONER_STATEMENT} ({practitioner})")
        self.confirmation.setObjectName("practitionerConfirmation")
        self.confirmation.setAccessibleName(PRACTITIONER_STATEMENT)
        self.confirmation.setStyleSheet(
            "QCheckBox { spacing: 12px; } QCheckBox::indicator { width: 26px; height: 26px; }"
        )
        self.confirmation.setFont(font)

        self.status = QLabel()
        self.status.setObjectName("consentStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton("Record consent")
        self.ok_button.setObjectName("recordConsent")
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        # Everything but the status and the buttons scrolls, so a small screen (1366x768, or
        # a larger one at 200%) still shows the buttons, and the signature pad fits its width.
        page = QWidget()
        page.setObjectName("consentPage")
        page_layout = QVBoxLayout(page)
        page_layout.setSpacing(10)
        page_layout.addWidget(heading)
        page_layout.addWidget(intro)
        page_layout.addWidget(self.risks, 1)
        page_layout.addWidget(self.statement)
        page_layout.addWidget(sign_label)
        page_layout.addWidget(self.signature_pad)
        page_layout.addWidget(self.confirmation)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("consentScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(page)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.signature_pad.changed.connect(self._update_state)
        self.confirmation.toggled.connect(self._update_state)
        if self._problem:
            self.signature_pad.setEnabled(False)
            self.confirmation.setEnabled(False)
        self._update_state()
        fit_to_screen(self, 900, 980)

    def risks_text(self) -> str:
        """Return the risks shown, as plain text."""
        return self.risks.toPlainText()

    def is_complete(self) -> bool:
        """Return whether the patient has signed and the practitioner has confirmed."""
        return (
            not self._problem
            and not self.signature_pad.is_empty()
            and self.confirmation.isChecked()
        )

    def _update_state(self) -> None:
        self.ok_button.setEnabled(self.is_complete())
        if self._problem:
            self._set_status(self._problem, "#9b1c1c")
            return
        missing = []
        if self.signature_pad.is_empty():
            missing.append("the patient signs in the box")
        if not self.confirmation.isChecked():
            missing.append("the practitioner ticks the box above")
        if missing:
            self._set_status("To finish: " + ", and ".join(missing) + ".", "#4a5568")
        else:
            self._set_status("Ready to record.", "#1e5631")

    def _set_status(self, text: str, colour: str) -> None:
        # A palette, not a style sheet: a style sheet would drop the large font.
        palette = self.status.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        self.status.setPalette(palette)
        self.status.setText(text)

    def accept(self) -> None:
        """Record the consent if complete; otherwise keep the dialog open."""
        if not self.is_complete():
            self._update_state()
            return
        self._result = ConsentResult(
            signature_png=self.signature_pad.to_png(),
            area_ids=self.area_ids,
            confirmed=self.confirmation.isChecked(),
            signed_at=self._clock(),
            content_version=self._content.clinic.content_version,
        )
        super().accept()

    def consent(self) -> ConsentResult:
        """Return the recorded consent; only valid after the dialog was accepted."""
        if self._result is None:
            raise RuntimeError("Consent has not been recorded: the dialog was not accepted.")
        return self._result
