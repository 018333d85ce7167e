"""The statement walk for the content review, and the content fingerprint."""

from __future__ import annotations

import dataclasses

from consult_app.content import Text
from consult_app.content import schema as schema_module
from consult_app.content.schema import Audience
from consult_app.content.statements import (
    AFTERCARE,
    CLINIC,
    GENERAL,
    NAMED_BY_CLINIC,
    URGENT_HELP,
    area_section,
    patient_statements,
    statement_source,
)


def test_every_patient_text_of_every_area_is_a_statement_with_the_areas_source(bundled):
    statements = patient_statements(bundled)
    for area in bundled.areas:
        mine = [s for s in statements if s.section == area_section(area)]
        texts = {s.text for s in mine}
        expected = [area.name, area.summary, area.treats, *area.side_effects]
        expected += [area.expect.onset, area.expect.full_effect, area.expect.duration]
        assert {t.get() for t in expected} <= texts
        by_field = {
            "Name": NAMED_BY_CLINIC,
            "Summary": area.sources.summary,
            "Treats": area.sources.treats,
            "Expect": area.sources.expect,
            "Side effects": area.sources.side_effects,
        }
        for statement in mine:
            field = statement.label.split(",")[0].rstrip(" 0123456789")
            assert statement.source == by_field[field], (area.id, statement.label)
    labels = {s.label for s in statements if s.section == area_section(bundled.areas[0])}
    assert {"Name", "Summary", "Treats", "Expect, onset", "Expect, duration"} <= labels


def test_general_urgent_help_and_aftercare_have_their_own_sections_in_order(bundled):
    statements = patient_statements(bundled)
    sections = list(dict.fromkeys(s.section for s in statements))
    # The clinic profile holds no patient text of its own (its name and phone are details).
    assert CLINIC not in sections
    assert sections[0] == area_section(bundled.areas[0])
    assert sections[-3:] == [GENERAL, URGENT_HELP, AFTERCARE]
    urgent = [s.text for s in statements if s.section == URGENT_HELP]
    help_ = bundled.info.urgent_help
    signs = [*help_.emergency_signs, *help_.serious_signs, help_.no_driving]
    assert urgent == [t.get() for t in signs]
    aftercare = {s.text for s in statements if s.section == AFTERCARE}
    assert {t.title.get() for t in bundled.info.aftercare} <= aftercare
    assert {t.text.get() for t in bundled.info.aftercare} <= aftercare
    general = {s.text for s in statements if s.section == GENERAL}
    assert {t.get() for t in bundled.info.serious_side_effects} <= general
    # Every statement names where it comes from: the doctor signs nothing unsourced.
    assert [s for s in statements if not s.source] == []
    assert {s.source for s in statements if s.section == URGENT_HELP} == {help_.source}
    families = bundled.info.families
    for name, family in (("cosmetic", families.cosmetic), ("sweating", families.sweating)):
        mine = [s for s in statements if s.label.startswith(f"Families, {name}")]
        assert mine and {s.source for s in mine} == {family.source}


def test_practitioner_only_wording_is_never_a_statement(bundled):
    texts = " ".join(s.text for s in patient_statements(bundled))
    for area in bundled.areas:
        for note in area.practitioner_notes:
            assert note not in texts
        for dose in area.doses:
            assert dose.amount not in texts
    for question in bundled.screening:
        assert question.question not in texts


def test_a_key_newly_marked_for_patients_is_reviewed_without_changing_the_walk(
    bundled, monkeypatch
):
    area = bundled.areas[0]
    assert area.practitioner_notes
    before = patient_statements(bundled)
    record = schema_module.RECORDS["Area"]
    keys = tuple(
        dataclasses.replace(key, audience=Audience.PATIENT)
        if key.name == "practitioner_notes"
        else key
        for key in record.keys
    )
    monkeypatch.setitem(schema_module.RECORDS, "Area", dataclasses.replace(record, keys=keys))
    after = patient_statements(bundled)
    added = [s for s in after if s.label.startswith("Practitioner notes")]
    assert len(after) > len(before)
    assert area.practitioner_notes[0] in {s.text for s in added}


def test_each_language_of_a_text_is_its_own_statement(bundled, monkeypatch):
    two = Text((("en", "Frown lines"), ("fr", "Rides du lion")))
    area = dataclasses.replace(bundled.areas[0], name=two)
    content = dataclasses.replace(bundled, areas=(area,))
    names = [(s.language, s.text) for s in patient_statements(content) if s.label == "Name"]
    assert names == [("en", "Frown lines"), ("fr", "Rides du lion")]


def test_the_source_lookup_is_per_field_then_per_record_then_inherited(bundled):
    area = bundled.areas[0]
    assert statement_source(area, "summary") == area.sources.summary
    assert statement_source(area, "side_effects") == area.sources.side_effects
    assert statement_source(area, "name") == NAMED_BY_CLINIC
    info = bundled.info
    assert statement_source(info, "aftercare") == info.sources.aftercare
    assert statement_source(info, "serious_side_effects_intro") == (
        info.sources.serious_side_effects
    )
    assert statement_source(info.families.sweating, "benefits") == info.families.sweating.source
    assert statement_source(object(), "text", "inherited") == "inherited"
