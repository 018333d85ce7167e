"""The information panel's pages: full explanations, escaped wording, nothing clinical."""

from __future__ import annotations

import dataclasses
import re

import pytest

from consult_app.content import load_content
from consult_app.content.models import Content, Text
from consult_app.ui.info_pages import Page, area_page, general_page, practitioner_block


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_area_page_explains_aftercare_and_benefits_in_full(content: Content) -> None:
    page = plain(area_page(content, content.area("forehead")))
    for tip in content.info.aftercare:
        assert tip.text.get().split(".")[0] in page
    for benefit in content.info.benefits:
        assert benefit.title.get() in page
    assert content.area("forehead").expect.onset.get() in page


def test_sweating_areas_explain_the_sweat_gland_version(content: Content) -> None:
    palms = plain(area_page(content, content.area("palms")))
    forehead = plain(area_page(content, content.area("forehead")))
    sweat = content.info.how_it_works_sweating[0].get()
    assert sweat in palms
    assert sweat not in forehead


def test_patient_pages_hold_no_practitioner_fields(content: Content) -> None:
    for area in content.areas:
        page = area_page(content, area)
        for muscle in area.muscles:
            assert muscle not in page, (area.id, muscle)
        for dose in area.doses:
            assert dose.amount not in page
        assert practitioner_block(area)
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
