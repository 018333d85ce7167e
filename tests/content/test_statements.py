"""The statement walk for the content review, and the content fingerprint."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from consult_app.content import ContentError, Text, load_content
from consult_app.content import schema as schema_module
from consult_app.content.fingerprint import content_fingerprint, short_fingerprint
from consult_app.content.models import Content
from consult_app.content.schema import Audience, Key, Record
from consult_app.content.statements import (
    AFTERCARE,
    CLINIC,
    GENERAL,
    URGENT_HELP,
    area_section,
    patient_statements,
    statement_source,
)


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content()


def test_every_patient_text_of_every_area_is_a_statement_with_the_areas_source(bundled):
    statements = patient_statements(bundled)
    for area in bundled.areas:
        mine = [s for s in statements if s.section == area_section(area)]
        texts = {s.text for s in mine}
        expected = [area.name, area.summary, area.treats, *area.side_effects]
        expected += [area.expect.onset, area.expect.full_effect, area.expect.duration]
        assert {t.get() for t in expected} <= texts
        assert {s.source for s in mine} == {area.source}
    labels = {s.label for s in statements if s.section == area_section(bundled.areas[0])}
    assert {"Name", "Summary", "Treats", "Expect, onset", "Expect, duration"} <= labels


def test_general_urgent_help_and_aftercare_have_their_own_sections_in_order(bundled):
    statements = patient_statements(bundled)
    sections = list(dict.fromkeys(s.section for s in statements))
    assert sections[0] == CLINIC
    assert sections[-3:] == [GENERAL, URGENT_HELP, AFTERCARE]
    urgent = [s.text for s in statements if s.section == URGENT_HELP]
    assert urgent == [t.get() for t in bundled.info.urgent_help]
    aftercare = {s.text for s in statements if s.section == AFTERCARE}
    assert {t.title.get() for t in bundled.info.aftercare} <= aftercare
    assert {t.text.get() for t in bundled.info.aftercare} <= aftercare
    general = {s.text for s in statements if s.section == GENERAL}
    assert bundled.info.no_driving.get() in general
    assert {t.get() for t in bundled.info.serious_side_effects} <= general
    assert all(s.source == "" for s in statements if s.section in (GENERAL, URGENT_HELP))


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


def test_the_source_lookup_is_the_areas_source_and_none_for_general_text(bundled):
    area = bundled.areas[0]
    assert statement_source(area, "summary") == area.source
    assert statement_source(None, "urgent_help") == ""
    unsourced = dataclasses.replace(area, source="")
    content = dataclasses.replace(bundled, areas=(unsourced,))
    assert {s.source for s in patient_statements(content) if s.section == area_section(area)} == {
        ""
    }


def test_every_record_with_patient_keys_is_reached_by_the_walk() -> None:
    # The walk starts from these three records; a patient-facing key anywhere else would be
    # missed, so fail here if one appears.
    reached = {"Clinic", "Area", "GeneralInfo", "Expectation", "Titled", "AreasFile"}
    for name, record in schema_module.RECORDS.items():
        assert isinstance(record, Record)
        patient: list[Key] = [k for k in record.keys if k.audience is Audience.PATIENT]
        if patient:
            assert name in reached, f"{name} has patient-facing keys the review does not walk"


# the fingerprint ---------------------------------------------------------------------------
def test_the_fingerprint_is_the_same_for_a_copy_elsewhere_and_changes_with_any_content_file(
    content_dir: Path, tmp_path: Path
):
    first = content_fingerprint(load_content(content_dir))
    moved = tmp_path / "elsewhere"
    shutil.copytree(content_dir, moved)
    assert content_fingerprint(load_content(moved)) == first
    assert len(first) == 64 and int(first, 16) >= 0
    info = content_dir / "content" / "info.yaml"
    info.write_text(info.read_text() + "\n# a comment changes the file too\n")
    second = content_fingerprint(load_content(content_dir))
    assert second != first
    diagram = content_dir / "diagrams" / "face.svg"
    diagram.write_text(diagram.read_text().replace("</svg>", "<!-- edited --></svg>"))
    assert content_fingerprint(load_content(content_dir)) not in (first, second)


def test_the_fingerprint_ignores_files_that_are_not_content(content_dir: Path):
    first = content_fingerprint(load_content(content_dir))
    (content_dir / "notes.txt").write_text("a note beside the content")
    (content_dir / "content" / "README.txt").write_text("not one of the content files")
    assert content_fingerprint(load_content(content_dir)) == first


def test_an_unreadable_content_file_is_named(content_dir: Path):
    content = load_content(content_dir)
    (content_dir / "content" / "timing.yaml").unlink()
    with pytest.raises(ContentError, match=r"timing\.yaml: cannot be read"):
        content_fingerprint(content)


def test_short_fingerprint_groups_by_four():
    assert short_fingerprint("0123456789abcdef") == "0123 4567 89ab cdef"
