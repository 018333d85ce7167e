"""The generic handout for reception and the printable consent record."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pytest
from handout_pdf import embedded_fonts, reader, text_of
from handout_requests import AREAS, fake_loader
from PIL import Image, ImageDraw

from consult_app.handout import (
    ConsentRequest,
    GenericRequest,
    HandoutError,
    build_consent,
    build_generic,
)

VISIT = date(2025, 6, 3)


def generic(content, area_ids=()) -> bytes:
    return build_generic(
        content, GenericRequest(area_ids, VISIT, "G-2025-7"), diagram_loader=fake_loader
    )


def test_generic_handout_has_the_chosen_areas_and_no_patient_data(content):
    pdf = generic(content, ("masseter",))
    text = text_of(pdf)
    assert "Jaw muscle" in text
    assert "The chewing muscle at the angle of your jaw." in text
    assert "Chewing may feel weaker" in text
    assert "Frown lines" not in text
    assert "A drooping eyelid" not in text
    assert "Prepared for" not in text
    assert "Hello" not in text
    assert "Get help urgently" in text
    assert "G-2025-7" in text
    meta = reader(pdf).metadata
    assert meta is not None
    assert meta.title == "Anti-wrinkle treatment: information for patients"


def test_generic_handout_with_no_choice_covers_every_area(content):
    pdf = generic(content)
    text = text_of(pdf)
    for area in AREAS:
        assert area.name.get() in text
        for effect in area.side_effects:
            assert effect.get() in text
    assert "Sweat glands also get their signal" in text
    assert all(embedded_fonts(pdf).values())


def test_generic_handout_is_reproducible(content):
    assert generic(content, ("glabella",)) == generic(content, ("glabella",))


def signature_png(size=(400, 120)) -> bytes:
    image = Image.new("RGBA", size, (255, 255, 255, 0))
    ImageDraw.Draw(image).line([(10, 100), (120, 20), (250, 90), (390, 30)], fill="black", width=5)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def consent_request() -> ConsentRequest:
    return ConsentRequest(
        patient_name="Zoë Åsa Müller-Łukasiewicz",
        visit_date=VISIT,
        practitioner="Dr Hala",
        area_ids=("glabella", "masseter"),
        signature_png=signature_png(),
        practitioner_confirmed=True,
        reference="C-2025-42",
        patient_date_of_birth=date(1988, 2, 29),
    )


def test_consent_record_lists_the_areas_and_their_risks_only(content, consent_request):
    text = text_of(build_consent(content, consent_request))
    assert "Consent record" in text
    assert "Zoë Åsa Müller-Łukasiewicz" in text
    assert "29 February 1988" in text
    assert "Visit date 3 June 2025" in text
    assert "Frown lines" in text and "Jaw muscle" in text
    assert "A drooping eyelid" in text
    assert "Chewing may feel weaker" in text
    assert "Heavy or lower eyebrows" not in text  # forehead was not chosen
    assert "Rare but serious" in text
    assert "Trouble breathing, swallowing or speaking" in text
    assert "Information version 2025.06-1" in text
    assert "Confirmed by Dr Hala on 3 June 2025." in text
    assert "PRACTITIONER-ONLY" not in text


def test_consent_record_carries_the_signature_image(content, consent_request):
    pdf = build_consent(content, consent_request)
    images = [image for page in reader(pdf).pages for image in page.images]
    assert len(images) == 1
    assert "Signed on the screen" in text_of(pdf)


def test_unsigned_unconfirmed_consent_says_so(content, consent_request):
    req = dataclasses.replace(consent_request, signature_png=b"", practitioner_confirmed=False)
    pdf = build_consent(content, req)
    text = text_of(pdf)
    assert "Not signed on the screen" in text
    assert "Not yet confirmed by the practitioner." in text
    assert "Confirmed by" not in text
    assert not [image for page in reader(pdf).pages for image in page.images]


@pytest.mark.parametrize(
    ("signature", "message"),
    [
        (b"GIF89a not a png", "not a PNG image"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "damaged"),
    ],
)
def test_bad_signature_gets_a_clear_message(content, consent_request, signature, message):
    with pytest.raises(HandoutError, match=message):
        build_consent(content, dataclasses.replace(consent_request, signature_png=signature))


def test_consent_record_escapes_markup_and_is_reproducible(content, consent_request):
    req = dataclasses.replace(consent_request, patient_name="<b>Ann</b> & Co")
    pdf = build_consent(content, req)
    assert "<b>Ann</b> & Co" in text_of(pdf)
    assert build_consent(content, req) == pdf
    meta = reader(pdf).metadata
    assert meta is not None and meta.creation_date is not None
    assert meta.creation_date.date() == VISIT


def test_consent_needs_an_area(content, consent_request):
    with pytest.raises(HandoutError, match="Choose at least one treatment area"):
        build_consent(content, dataclasses.replace(consent_request, area_ids=()))
