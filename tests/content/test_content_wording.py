"""The bundled patient-facing wording follows the clinic's writing rules, and the schema
matches the data model."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import pytest
from reading import grade_level

from consult_app.content import PRACTITIONER_ONLY_FIELDS, Content, Text
from consult_app.content.schema import ENUMS, FILES, RECORDS, Audience

BRANDS = re.compile(
    r"\b(botox|dysport|xeomin|azzalure|bocouture|vistabel|jeuveau|daxxify|letybo|"
    r"relfydess|alluzience|nuceiva)\b",
    re.IGNORECASE,
)
PRICES = re.compile(r"[$£€]|\b(price|cheap|expensive|costs?|dollars?|AUD|discount)\b", re.I)
PROMISES = re.compile(r"\b(safe|safely|safety|painless|guarantee[ds]?)\b", re.IGNORECASE)
# The article's typos and its one factual slip (headache is not a site reaction).
ARTICLE_SLIPS = re.compile(
    r"\bswear\b|\bhors\b|\bbrusing\b|surpassingly|mechanic of action|"
    r"headache at the injection site",
    re.IGNORECASE,
)
NUMBER_WORDS = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred)\b", re.I
)
MAX_SENTENCE_WORDS = 20


def wording_problems(text: str) -> list[str]:
    """Return what breaks the patient-writing rules in ``text``."""
    found = [
        f"{label}: {match.group(0)!r}"
        for label, pattern in (
            ("brand name", BRANDS),
            ("price", PRICES),
            ("promise", PROMISES),
            ("article typo", ARTICLE_SLIPS),
            ("number in words", NUMBER_WORDS),
        )
        for match in pattern.finditer(text)
    ]
    for sentence in re.split(r"(?<=[.!?:])\s+", text):
        if len(sentence.split()) > MAX_SENTENCE_WORDS:
            found.append(f"sentence over {MAX_SENTENCE_WORDS} words: {sentence!r}")
    return found


def patient_texts(value: object, where: str) -> Iterator[tuple[str, str]]:
    """Yield (where, wording) for every Text in ``value``, which holds only patient text."""
    if isinstance(value, Text):
        for language, wording in value.values:
            yield f"{where}[{language}]", wording
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from patient_texts(item, f"{where}[{index}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from patient_texts(getattr(value, field.name), f"{where}.{field.name}")


def test_the_checker_catches_what_it_looks_for() -> None:
    assert len(wording_problems("A safe, painless Botox dose for $99, guaranteed.")) == 5
    assert wording_problems("Avoid rubbing for 24 hors, and expect brusing.")
    assert wording_problems("It lasts three months.")
    assert wording_problems(" ".join(["word"] * 21) + ".")
    assert wording_problems("It lasts 3 to 4 months. Your frown lines soften.") == []


def test_patient_wording_is_plain_and_free_of_brands_prices_and_promises(
    content: Content,
) -> None:
    texts = list(patient_texts(content, "content"))

    assert len(texts) > 100
    problems = [
        f"{where}: {problem}" for where, text in texts for problem in wording_problems(text)
    ]
    assert problems == []


def test_practitioner_only_fields_hold_no_patient_text(content: Content) -> None:
    for area in content.areas:
        for name in PRACTITIONER_ONLY_FIELDS:
            assert not list(patient_texts(getattr(area, name), name)), (area.id, name)
    assert not list(patient_texts(content.screening, "screening"))
    assert not list(patient_texts(content.derived_checks, "derived_checks"))


def test_patient_sheet_covers_serious_and_urgent_symptoms(content: Content) -> None:
    info = content.info
    emergency = " ".join(str(text) for text in info.urgent_help.emergency_signs).lower()
    for symptom in ("swallowing", "speaking", "breathing", "wheezing", "faint", "throat"):
        assert symptom in emergency
    today = " ".join(str(text) for text in info.urgent_help.serious_signs).lower()
    for symptom in ("weakness", "vision", "eyelids", "voice", "bladder", "rash", "itching"):
        assert symptom in today
    # An emergency sign listed under "contact the clinic" would send the patient to voicemail.
    for symptom in ("wheezing", "faint", "breathing", "swallowing"):
        assert symptom not in today
    assert "headache" in " ".join(str(t) for t in info.common_side_effects).lower()
    serious = " ".join(str(t) for t in info.serious_side_effects).lower()
    for symptom in ("vision", "voice", "bladder", "allergic"):
        assert symptom in serious
    assert "24 hours" in " ".join(f"{a.title} {a.text}" for a in info.aftercare)
    assert "drive" in str(info.urgent_help.no_driving)


def _months(days: int) -> int:
    return round(days / 30)


def test_each_duration_text_says_what_the_area_timing_says(content: Content) -> None:
    checked = 0
    for area in content.areas:
        text = str(area.expect.duration)
        if not re.search(r"\d", text):
            continue  # the sources give no figure (soles): the text says so in words
        low, high = (_months(days) for days in area.timing.duration_days)
        said = f"{low} months" if low == high else f"{low} to {high} months"
        assert said in text, (area.id, said, text)
        checked += 1
    assert checked >= len(content.areas) - 1


def test_face_areas_can_be_repeated_after_90_days_and_underarms_after_112(
    content: Content,
) -> None:
    # CLINICAL-FACTS, Timing: face at least 3 months (90 days, not 84); underarm 16 weeks.
    for area in content.areas_on(content.area("glabella").view):
        assert area.timing.min_interval_days == 90, area.id
    assert content.area("underarms").timing.min_interval_days == 112
    jaw = content.area("masseter").timing
    assert jaw.review_after_days >= 84  # the jaw's shape is judged at about 3 months


# The schema ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [name for name, r in RECORDS.items() if r.builds is not None])
def test_schema_keys_match_the_dataclass_fields(name: str) -> None:
    record = RECORDS[name]
    assert record.builds is not None
    fields = {field.name for field in dataclasses.fields(record.builds)}
    assert {key.name for key in record.keys} == fields


def test_schema_marks_exactly_the_practitioner_only_area_fields() -> None:
    area = RECORDS["Area"]
    practitioner = {key.name for key in area.keys if key.audience is Audience.PRACTITIONER}
    assert practitioner == PRACTITIONER_ONLY_FIELDS
    for key in area.keys:
        if key.audience is Audience.PATIENT:
            assert "text" in key.type or key.type in RECORDS, key.name


def test_schema_types_resolve_and_every_key_is_documented() -> None:
    simple = {"str", "id", "language", "int", "date", "text", "path"}

    def resolves(type_name: str) -> bool:
        for wrapper in ("list[", "pair["):
            if type_name.startswith(wrapper):
                return resolves(type_name[len(wrapper) : -1])
        if type_name.startswith("enum["):
            return type_name[5:-1] in ENUMS
        return type_name in simple or type_name in RECORDS

    assert set(FILES.values()) <= set(RECORDS)
    for record in RECORDS.values():
        assert record.doc
        for key in record.keys:
            assert key.doc, key.name
            assert resolves(key.type), (key.name, key.type)


def test_the_grade_measure_tells_plain_from_dense_text() -> None:
    plain = ["Your muscles move when a nerve sends them a signal. The lines soften."]
    dense = [
        "Intramuscular administration of botulinum neurotoxin inhibits presynaptic "
        "acetylcholine exocytosis, consequently attenuating hyperfunctional musculature."
    ]
    assert grade_level(plain) < 6 < grade_level(dense)


def test_patient_wording_suits_a_reading_age_of_about_11(content: Content) -> None:
    texts = [text for _where, text in patient_texts(content, "content")]
    assert grade_level(texts) <= 6  # school year 6: reading age about 11
