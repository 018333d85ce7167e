"""The records of clinic.yaml, wording.yaml and timing.yaml, part of :data:`schema.RECORDS`."""

from __future__ import annotations

from consult_app.content import models
from consult_app.content.schema_types import ID_DOC, C, D, Key, Record

RECORDS: dict[str, Record] = {
    "Clinic": Record(
        "clinic profile",
        "The clinic profile printed on handouts (clinic.yaml).",
        (
            Key("name", "str", C, "Clinic name, as printed on handouts."),
            Key("practitioner", "str", C, "The treating practitioner's name."),
            Key("address", "list[str]", C, "Address lines, in printing order.", min_items=1),
            Key("phone", "str", C, "Phone number patients should call."),
            Key("email", "str", C, "Email address patients can write to."),
            Key(
                "logo",
                "path",
                C,
                "Logo image (PNG or JPEG) relative to the content folder.",
                required=False,
                absent_is_none=True,
            ),
            Key("country", "enum[Country]", C, "Country whose rules the clinic follows."),
            Key(
                "content_version", "str", C, "Version of this content, recorded with each handout."
            ),
            Key(
                "languages",
                "list[language]",
                C,
                "Languages of patient text; the first is the default.",
                min_items=1,
            ),
            Key("paper_size", "enum[PaperSize]", C, "Paper size for printed handouts."),
            Key(
                "products",
                "list[Product]",
                D,
                "Toxin products stocked, by generic name.",
                min_items=1,
                unique="id",
            ),
            Key(
                "state",
                "str",
                C,
                "State or territory (e.g. NSW), where help.yaml's advice line depends on it.",
                required=False,
                absent_is_none=True,
            ),
            Key(
                "out_of_hours",
                "str",
                C,
                "The clinic's own out-of-hours phone line, given in urgent help when set.",
                required=False,
                absent_is_none=True,
            ),
        ),
        models.Clinic,
    ),
    "Product": Record(
        "product",
        "A toxin product the clinic stocks. Units belong to one product.",
        (
            Key("id", "id", D, "Stable id recorded with each treatment (" + ID_DOC + ")."),
            Key("name", "str", D, "Generic name, e.g. onabotulinumtoxinA (no brand names)."),
            Key("unit", "str", D, "Unit label, e.g. U.", required=False),
        ),
        models.Product,
    ),
    "Wording": Record(
        "wording rules",
        "What patient-facing text must never say (wording.yaml).",
        (
            Key("brand_names", "list[str]", D, "Brand names of toxin products.", min_items=1),
            Key(
                "promotional_words",
                "list[str]",
                D,
                "Promotional words and phrases.",
                min_items=1,
            ),
            Key(
                "wrinkle_words",
                "list[str]",
                D,
                "Words a sweating text must not use.",
                min_items=1,
            ),
            Key(
                "preferred_terms",
                "list[PreferredTerm]",
                D,
                "One word for one thing.",
                required=False,
            ),
        ),
        models.Wording,
    ),
    "PreferredTerm": Record(
        "term",
        "A word patient text avoids, and the word it uses instead.",
        (
            Key("avoid", "str", D, "The word or phrase not to use."),
            Key("use", "str", D, "The word or phrase to use instead."),
        ),
        models.PreferredTerm,
    ),
    "Timing": Record(
        "timing",
        "Timing rules that are not per area, in days (timing.yaml).",
        (
            Key(
                "ask_about_toxin_within_days",
                "int",
                C,
                "Ask about any toxin in this many days.",
                minimum=1,
            ),
        ),
        models.Timing,
    ),
}
