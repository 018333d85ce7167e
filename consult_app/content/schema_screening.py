"""The records of the screening file (screening.yaml), part of :data:`schema.RECORDS`."""

from __future__ import annotations

from consult_app.content import models
from consult_app.content.schema_types import ID_DOC, SOURCE, D, Key, Record

RECORDS: dict[str, Record] = {
    "ScreeningFile": Record(
        "screening file",
        "Screening questions and checks worked out from the record (screening.yaml).",
        (
            Key(
                "questions",
                "list[ScreeningQuestion]",
                D,
                "Questions asked at every visit.",
                min_items=1,
                unique="id",
            ),
            Key(
                "derived_checks",
                "list[DerivedCheck]",
                D,
                "Checks computed from the record.",
                unique="id",
            ),
            Key(
                "questionnaire",
                "Questionnaire",
                D,
                "A validated questionnaire done on its own form; its result is recorded.",
                required=False,
                absent_is_none=True,
            ),
        ),
    ),
    "ScreeningQuestion": Record(
        "question",
        "A screening question; a yes (or unsure) answer triggers the rule.",
        (
            Key("id", "id", D, "Stable id recorded with each answer (" + ID_DOC + ")."),
            Key("question", "str", D, "The question, in practitioner wording."),
            Key("rule", "enum[Rule]", D, "do_not_treat, take_care or information."),
            Key("applies_to", "enum[AppliesTo]", D, "cosmetic, sweating or all."),
            Key("reason", "str", D, "Why, shown to the practitioner."),
            Key("source", "str", D, SOURCE, required=False),
            Key(
                "applies_to_areas",
                "list[id]",
                D,
                "Only these areas (ids from areas.yaml, within applies_to).",
                required=False,
                min_items=1,
            ),
            Key(
                "products",
                "list[id]",
                D,
                "Only treatment with these products (ids from clinic.yaml).",
                required=False,
                min_items=1,
            ),
            Key(
                "note_prompt",
                "str",
                D,
                "What a yes answer's note must say, e.g. 'Which product?'.",
                required=False,
            ),
            Key(
                "topic",
                "str",
                D,
                "Heading of the group the question is asked in; questions next to each other "
                "with the same topic can be answered 'none of these' at once.",
                required=False,
            ),
        ),
        models.ScreeningQuestion,
    ),
    "DerivedCheck": Record(
        "check",
        "A screening rule computed from the record (age, last treatment).",
        (
            Key("id", "id", D, "Stable id (" + ID_DOC + ")."),
            Key(
                "kind",
                "enum[DerivedCheckKind]",
                D,
                "minimum_age, age_at_least or recent_treatment.",
            ),
            Key(
                "value",
                "int",
                D,
                "Age in years (the age checks); recent_treatment has none: it uses each "
                "area's minimum interval.",
                minimum=1,
                required=False,
                absent_is_none=True,
            ),
            Key("rule", "enum[Rule]", D, "do_not_treat, take_care or information."),
            Key("applies_to", "enum[AppliesTo]", D, "cosmetic, sweating or all."),
            Key("reason", "str", D, "Why, shown to the practitioner."),
            Key("source", "str", D, SOURCE, required=False),
            Key(
                "products",
                "list[id]",
                D,
                "The products the rule concerns (ids from clinic.yaml).",
                required=False,
                min_items=1,
            ),
        ),
        models.DerivedCheck,
    ),
    "Questionnaire": Record(
        "questionnaire",
        "A validated short questionnaire done on its own form; only its result is recorded.",
        (
            Key("id", "id", D, "Stable id recorded with each result (" + ID_DOC + ")."),
            Key("title", "str", D, "What it screens for, as shown to the practitioner."),
            Key(
                "instruments",
                "list[str]",
                D,
                "Names of the validated instruments the clinic uses, e.g. BDDQ-AS.",
                min_items=1,
            ),
            Key("applies_to", "enum[AppliesTo]", D, "cosmetic, sweating or all."),
            Key("rule", "enum[Rule]", D, "Rule for a positive, declined or missing result."),
            Key("positive_reason", "str", D, "What to do about a positive result."),
            Key("declined_reason", "str", D, "What to do when the patient declined it."),
            Key("missing_reason", "str", D, "What to do when no result is recorded."),
            Key("source", "str", D, SOURCE, required=False),
        ),
        models.Questionnaire,
    ),
}
