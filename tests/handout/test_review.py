"""The content review PDF, read back: every statement and source, version and fingerprint."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from handout_pdf import reader, text_of

from consult_app.content.fingerprint import short_fingerprint
from consult_app.content.models import Content, Text
from consult_app.content.statements import area_section, patient_statements
from consult_app.handout import ReviewRequest, build_review
from consult_app.handout.review import NO_SOURCE

FINGERPRINT = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
PRINTED = date(2026, 12, 2)


def squashed(text: str) -> str:
    """Text without any whitespace, so line breaks inside a table cell do not matter."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def review(bundled: Content) -> bytes:
    return build_review(bundled, ReviewRequest(FINGERPRINT, PRINTED))


def test_every_areas_statements_and_sources_are_printed(bundled: Content, review: bytes):
    text = squashed(text_of(review))
    for statement in patient_statements(bundled):
        assert squashed(statement.text) in text, statement
        assert squashed(statement.label) in text
    for area in bundled.areas:
        assert squashed(area_section(area)) in text
        sources = area.sources
        for source in (sources.summary, sources.treats, sources.expect, sources.side_effects):
            assert squashed(f"Source: {source}") in text
    for heading in ("General information", "Urgent help", "Aftercare"):
        assert heading in text_of(review)
    # Every statement of the bundled content names its source.
    assert squashed(f"Source: {NO_SOURCE}") not in text


def test_a_statement_without_a_source_is_marked_in_the_review(bundled: Content):
    unsourced = replace(bundled.info.urgent_help, source="")
    info = replace(bundled.info, urgent_help=unsourced)
    pdf = build_review(replace(bundled, info=info), ReviewRequest(FINGERPRINT, PRINTED))
    assert squashed(f"Source: {NO_SOURCE}") in squashed(text_of(pdf))


def test_every_page_has_its_number_the_version_and_the_fingerprint(bundled: Content, review):
    pages = reader(review).pages
    assert len(pages) > 3
    version = bundled.clinic.content_version
    for number, page in enumerate(pages, start=1):
        text = " ".join(page.extract_text().split())
        assert f"Page {number} of {len(pages)}" in text
        assert f"Content version {version}" in text
        assert f"Content fingerprint {short_fingerprint(FINGERPRINT)}" in text


def test_the_sign_off_block_is_at_the_end(bundled: Content, review: bytes):
    last = " ".join(reader(review).pages[-1].extract_text().split())
    assert "Sign-off" in last
    assert f"content version {bundled.clinic.content_version}" in last
    for line in ("Doctor's name", "Signature", "Date"):
        assert line in last
    assert "2 December 2026" in text_of(review)


def test_each_language_is_printed_with_its_code(bundled: Content):
    area = replace(bundled.areas[0], name=Text((("en", "Frown lines"), ("fr", "Rides du lion"))))
    clinic = replace(bundled.clinic, languages=("en", "fr"))
    content = replace(bundled, clinic=clinic, areas=(area,))
    text = text_of(build_review(content, ReviewRequest(FINGERPRINT, PRINTED)))
    assert "Name [en]" in text and "Name [fr]" in text
    assert "Rides du lion" in text


def test_the_review_is_the_same_bytes_for_the_same_content_and_day(bundled: Content, review):
    assert build_review(bundled, ReviewRequest(FINGERPRINT, PRINTED)) == review
