"""The consent screen and signature pad, as the patient and practitioner use them."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPointingDevice, QTabletEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from consult_app.content.models import Content
from consult_app.ui.consent_dialog import ConsentDialog
from consult_app.ui.signature_pad import SignaturePad

SIGNED_AT = datetime(2025, 1, 31, 10, 30, tzinfo=UTC)


def sign(qtbot: QtBot, pad: SignaturePad) -> None:
    """Draw a zig-zag on the pad with the mouse."""
    points = [QPoint(40 + 30 * i, 60 + (25 if i % 2 else 0)) for i in range(8)]
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=points[0])
    for point in points[1:]:
        qtbot.mouseMove(pad, point)
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=points[-1])


def dark_pixels(png: bytes) -> int:
    image = QImage.fromData(png)
    assert not image.isNull()
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = QColor(image.pixelColor(x, y))
            if colour.alpha() > 200 and colour.lightness() < 100:
                count += 1
    return count


@pytest.fixture
def pad(qtbot: QtBot) -> SignaturePad:
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(500, 200)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_drawing_on_the_pad_makes_a_signature_image(pad: SignaturePad, qtbot: QtBot) -> None:
    assert pad.is_empty()
    assert pad.to_png() == b""
    assert not pad.clear_button.isEnabled()
    with qtbot.waitSignal(pad.changed):
        sign(qtbot, pad)
    assert not pad.is_empty()
    png = pad.to_png()
    assert png.startswith(b"\x89PNG")
    image = QImage.fromData(png)
    # Cropped to the ink plus a margin, not the whole pad.
    assert image.width() < 2 * 500 and image.height() < 2 * 200
    assert dark_pixels(png) > 50
    corner = image.pixelColor(0, 0)
    assert corner.alpha() == 0  # transparent background
    white = QImage.fromData(pad.to_png(white_background=True))
    assert white.pixelColor(0, 0).name() == "#ffffff"


def test_clear_empties_the_pad(pad: SignaturePad, qtbot: QtBot) -> None:
    sign(qtbot, pad)
    with qtbot.waitSignal(pad.changed):
        qtbot.mouseClick(pad.clear_button, Qt.MouseButton.LeftButton)
    assert pad.is_empty()
    assert pad.to_png() == b""


def test_a_tap_is_not_a_signature(pad: SignaturePad, qtbot: QtBot) -> None:
    qtbot.mouseClick(pad, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    assert pad.is_empty()


def test_the_pad_is_named_for_screen_readers(pad: SignaturePad) -> None:
    assert pad.accessibleName() == "Patient's signature"
    assert pad.clear_button.accessibleName() == "Clear the signature"


@pytest.fixture
def dialog(qtbot: QtBot, content: Content) -> ConsentDialog:
    widget = ConsentDialog(
        content, ["glabella", "masseter"], "Jane Doe", "Dr Hala", clock=lambda: SIGNED_AT
    )
    qtbot.addWidget(widget)
    widget.open()
    qtbot.waitExposed(widget)
    return widget


def test_lists_the_chosen_areas_risks_and_not_other_areas(
    dialog: ConsentDialog, content: Content
) -> None:
    text = dialog.risks_text()
    for area_id in ("glabella", "masseter"):
        area = content.area(area_id)
        assert area.name.get() in text
        for effect in area.side_effects:
            assert effect.get() in text
    shown = {e.get() for a in ("glabella", "masseter") for e in content.area(a).side_effects}
    for other in ("forehead", "crows_feet", "lip_lines", "underarms"):
        area = content.area(other)
        assert area.name.get() not in text
        for effect in area.side_effects:
            if effect.get() not in shown:  # a risk the chosen areas share is listed for them
                assert effect.get() not in text, other
    info = content.info
    urgent = info.urgent_help
    for item in (
        *info.common_side_effects,
        *info.serious_side_effects,
        *urgent.emergency_signs,
        *urgent.serious_signs,
    ):
        assert item.get() in text
    assert f"Call {content.local_help.emergency.phone} now" in text
    for area_id in ("glabella", "masseter"):
        for muscle in content.area(area_id).muscles:
            assert muscle not in text  # practitioner-only
    # Consent-grade facts: the medicine, the status in the clinic's country, the limits and
    # the other choices, including no treatment.
    assert content.info.consent.medicine.get() in text
    assert "Jaw muscle: an off-label use." in " ".join(text.split())
    assert content.info.consent.off_label.get() in text
    for item in (
        *content.info.families.cosmetic.limits,
        *content.info.families.cosmetic.alternatives,
    ):
        assert item.get() in text
    assert "treatment for heavy sweating" not in text


def test_ok_needs_both_signature_and_confirmation(dialog: ConsentDialog, qtbot: QtBot) -> None:
    assert not dialog.ok_button.isEnabled()
    assert "the patient signs" in dialog.status.text()
    dialog.confirmation.setChecked(True)
    assert not dialog.ok_button.isEnabled()
    sign(qtbot, dialog.signature_pad)
    assert dialog.ok_button.isEnabled()
    dialog.confirmation.setChecked(False)
    assert not dialog.ok_button.isEnabled()
    assert "practitioner ticks" in dialog.status.text()
    dialog.confirmation.setChecked(True)
    qtbot.mouseClick(dialog.signature_pad.clear_button, Qt.MouseButton.LeftButton)
    assert not dialog.ok_button.isEnabled()


def test_recording_consent_returns_the_signed_result(
    dialog: ConsentDialog, qtbot: QtBot, content: Content
) -> None:
    with pytest.raises(RuntimeError):
        dialog.consent()
    sign(qtbot, dialog.signature_pad)
    qtbot.mouseClick(dialog.confirmation, Qt.MouseButton.LeftButton)
    assert dialog.confirmation.isChecked()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    result = dialog.consent()
    assert result.area_ids == ("glabella", "masseter")
    assert result.confirmed
    assert result.signed_at == SIGNED_AT
    assert result.content_version == content.clinic.content_version
    assert dark_pixels(result.signature_png) > 50


def test_unknown_or_missing_areas_are_explained_and_cannot_be_signed(
    qtbot: QtBot, content: Content
) -> None:
    unknown = ConsentDialog(content, ["glabella", "elbows"], "Jane Doe", "Dr Hala")
    qtbot.addWidget(unknown)
    assert "elbows" in unknown.status.text()
    assert not unknown.signature_pad.isEnabled()
    assert not unknown.ok_button.isEnabled()
    empty = ConsentDialog(content, [], "Jane Doe", "Dr Hala")
    qtbot.addWidget(empty)
    assert "No treatment areas" in empty.status.text()
    assert not empty.ok_button.isEnabled()


def test_names_are_shown_as_typed(qtbot: QtBot, content: Content) -> None:
    widget = ConsentDialog(content, ["forehead"], "Ann <b>O'Neil</b> & Co", "Dr Hala")
    qtbot.addWidget(widget)
    assert widget.windowTitle() == "Consent: Ann <b>O'Neil</b> & Co"
    labels = [label.text() for label in widget.findChildren(type(widget.status))]
    assert "Signature of Ann <b>O'Neil</b> & Co" in labels


def test_a_pen_on_a_tablet_signs(pad: SignaturePad, qtbot: QtBot) -> None:
    device = QPointingDevice.primaryPointingDevice()
    points = [(QPointF(60 + 20 * i, 60 + 10 * (i % 2)), 0.1 + 0.1 * i) for i in range(8)]
    kinds = [QEvent.Type.TabletPress] + [QEvent.Type.TabletMove] * 6 + [QEvent.Type.TabletRelease]
    for kind, (pos, pressure) in zip(kinds, points, strict=True):
        event = QTabletEvent(
            kind,
            device,
            pos,
            pad.mapToGlobal(pos),
            pressure,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.NoButton
            if kind == QEvent.Type.TabletRelease
            else Qt.MouseButton.LeftButton,
        )
        QApplication.sendEvent(pad, event)
        assert event.isAccepted()
    assert not pad.is_empty()
    assert dark_pixels(pad.to_png()) > 20


def test_the_consent_screen_does_not_load_the_pdf_libraries() -> None:
    code = (
        "import sys, consult_app.ui.consent_dialog; "
        "print(sorted(m for m in ('PySide6.QtPdf', 'reportlab') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"
