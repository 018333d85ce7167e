"""The information panel's pages: full explanations, escaped wording, nothing clinical."""

from __future__ import annotations

import dataclasses
import re

from consult_app.content.models import Content, Country, Text
from consult_app.ui.info_pages import Page, area_page, general_page, practitioner_block


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_area_page_explains_aftercare_and_benefits_in_full(content: Content) -> None:
    page = plain(area_page(content, content.area("forehead")))
    for tip in content.info.aftercare:
        assert tip.text.get().split(".")[0] in page
    family = content.info.families.cosmetic
    for item in (*family.benefits, *family.limits, *family.alternatives):
        assert item.get() in page
    assert content.area("forehead").expect.onset.get() in page


def test_sweating_areas_explain_the_sweat_gland_version(content: Content) -> None:
    palms = plain(area_page(content, content.area("palms")))
    forehead = plain(area_page(content, content.area("forehead")))
    sweat = content.info.families.sweating.how_it_works[0].get()
    assert sweat in palms
    assert sweat not in forehead
    assert "wrinkle" not in palms.lower()
    for alternative in content.info.families.sweating.alternatives:
        assert alternative.get() in palms


def test_patient_pages_hold_no_practitioner_fields(content: Content) -> None:
    for area in content.areas:
        page = area_page(content, area)
        for muscle in area.muscles:
            assert muscle not in page, (area.id, muscle)
        for dose in area.doses:
            assert dose.amount not in page
        assert practitioner_block(content, area)
    urgent = plain(general_page(content, Page.SIDE_EFFECTS))
    assert "Get help urgently" in urgent
    signs = (*content.info.urgent_help.emergency_signs, *content.info.urgent_help.serious_signs)
    assert all(t.get().rstrip(".") in urgent for t in signs)


def test_content_wording_is_escaped(content: Content) -> None:
    area = dataclasses.replace(
        content.area("chin"), summary=Text.plain("Lines <b>here</b> & there <img src=x>")
    )
    page = area_page(content, area)
    assert "&lt;b&gt;here&lt;/b&gt; &amp; there &lt;img src=x&gt;" in page
    assert "<img src=x>" not in page


def test_practitioner_block_gives_the_label_status_per_product_for_the_clinic_country(
    content: Content,
) -> None:
    block = plain(practitioner_block(content, content.area("glabella")))
    assert f"Approval in {content.clinic.country.value}" in block
    # Bundled clinic is in Australia: only onabotulinumtoxinA has a recorded status there.
    assert "onabotulinumtoxinA:  on-label" in block
    assert "abobotulinumtoxinA:  status not recorded: check the national register" in block
    assert "never add or compare them across products" in block
    jaw = plain(practitioner_block(content, content.area("masseter")))
    assert "review at 90 days" in jaw
    assert "not at 2 weeks" in jaw
    uk = dataclasses.replace(
        content, clinic=dataclasses.replace(content.clinic, country=Country.UK)
    )
    assert "abobotulinumtoxinA:  on-label" in plain(practitioner_block(uk, uk.area("glabella")))
