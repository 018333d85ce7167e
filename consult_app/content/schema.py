"""The content schema: every file, every key, its type, who sees it and what it means.

This table is the one place that declares the content files; the validator in
:mod:`consult_app.content.validate` is driven by it. Key types are written as strings:

``str``
    one line of practitioner or clinic wording (never empty).
``id``
    a snake_case word such as ``crows_feet``.
``language``
    a language code such as ``en`` or ``ar``.
``int``, ``date``
    a whole number; a date written as ``2026-11-30``.
``text``
    patient-facing wording: a plain string while the clinic has one language, otherwise a
    mapping with one entry per language in ``clinic.yaml`` ``languages``.
``path``
    a file relative to the content folder that must exist inside it.
``enum[Name]``
    one of the values of the enum ``Name`` in :mod:`consult_app.content.models`.
``list[T]``, ``pair[T]``
    a list of ``T``; exactly 2 values of ``T``.
a record name
    a nested mapping described in :data:`RECORDS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from consult_app.content import models


class Audience(StrEnum):
    """Who a key is for."""

    #: Shown on patient-facing screens and PDFs.
    PATIENT = "patient"
    #: Never shown on a patient-facing screen or PDF.
    PRACTITIONER = "practitioner"
    #: Settings and clinic details (the contact details are printed on handouts).
    CLINIC = "clinic"


@dataclass(frozen=True)
class Key:
    """One key of a record."""

    name: str
    type: str
    audience: Audience
    doc: str
    required: bool = True
    #: For ``str``: the only values allowed (empty means any).
    choices: tuple[str, ...] = ()
    #: For ``int``: the smallest value allowed.
    minimum: int | None = None
    #: For lists: the fewest items allowed.
    min_items: int = 0
    #: For lists of records: the key whose values must be unique within the list.
    unique: str = ""
    #: Whether an optional key that is absent is passed as ``None`` (otherwise the
    #: dataclass default is used).
    absent_is_none: bool = False


@dataclass(frozen=True)
class Record:
    """A mapping with fixed keys, built into ``builds`` (or a plain dict when ``None``)."""

    label: str
    doc: str
    keys: tuple[Key, ...]
    builds: type | None = None

    def key(self, name: str) -> Key | None:
        """Return the key called ``name``, if the record has one."""
        for key in self.keys:
            if key.name == name:
                return key
        return None


P = Audience.PATIENT
D = Audience.PRACTITIONER
C = Audience.CLINIC

#: The enums a key may name as ``enum[Name]``.
ENUMS: dict[str, type[StrEnum]] = {
    "DiagramView": models.DiagramView,
    "AreaKind": models.AreaKind,
    "Rule": models.Rule,
    "AppliesTo": models.AppliesTo,
    "ApprovalStatus": models.ApprovalStatus,
    "Country": models.Country,
    "PaperSize": models.PaperSize,
    "DerivedCheckKind": models.DerivedCheckKind,
}

_ID = "snake_case id"
_SOURCE = "Where the fact comes from, so the clinic can check it."
_CLINIC_SOURCE = " Write 'clinic' for a number or address the clinical facts do not give."
_CHECKED = "When it was last checked (YYYY-MM-DD)."

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
        ),
        models.Clinic,
    ),
    "Product": Record(
        "product",
        "A toxin product the clinic stocks. Units belong to one product.",
        (
            Key("id", "id", D, "Stable id recorded with each treatment (" + _ID + ")."),
            Key("name", "str", D, "Generic name, e.g. onabotulinumtoxinA (no brand names)."),
            Key("unit", "str", D, "Unit label, e.g. U.", required=False),
        ),
        models.Product,
    ),
    "AreasFile": Record(
        "areas file",
        "Treatment areas and the diagrams they are drawn on (areas.yaml).",
        (
            Key("diagrams", "Diagrams", C, "The SVG file for each diagram view."),
            Key(
                "areas",
                "list[Area]",
                P,
                "Treatment areas, in display order.",
                min_items=1,
                unique="id",
            ),
        ),
    ),
    "Diagrams": Record(
        "diagrams",
        "The SVG diagram for each view, relative to the content folder.",
        (
            Key("face", "path", C, "Front view of the face, jaw and neck.", required=False),
            Key("body", "path", C, "Body view for the sweating areas.", required=False),
        ),
    ),
    "Area": Record(
        "area",
        "A treatment area; its id is the id of one shape in its view's diagram.",
        (
            Key("id", "id", C, "Area id, equal to the diagram shape's id (" + _ID + ")."),
            Key("view", "enum[DiagramView]", C, "The diagram the area is drawn on."),
            Key("kind", "enum[AreaKind]", C, "cosmetic (lines, muscles) or sweating."),
            Key("name", "text", P, "Name patients know the area by."),
            Key("summary", "text", P, "One sentence on what the area's concern is."),
            Key("treats", "text", P, "What the treatment does in this area."),
            Key("expect", "Expectation", P, "When the effect starts, peaks and wears off."),
            Key(
                "side_effects",
                "list[text]",
                P,
                "Risks specific to this area (not the common ones); every area has its own.",
                min_items=1,
            ),
            Key("timing", "AreaTiming", C, "Onset, peak, duration, review and interval, in days."),
            Key("muscles", "list[str]", D, "Muscles (or glands) treated."),
            Key(
                "doses",
                "list[DoseRange]",
                D,
                "Doses seen in labels or studies, per product.",
                required=False,
            ),
            Key(
                "approvals",
                "list[Approval]",
                D,
                "Approval status by product and country, with source and date.",
                min_items=1,
            ),
            Key("sources", "AreaSources", D, "Where each clinical field comes from."),
            Key(
                "practitioner_notes",
                "list[str]",
                D,
                "Technique notes and cautions.",
                required=False,
            ),
        ),
        models.Area,
    ),
    "AreaTiming": Record(
        "timing",
        "An area's timing, in days after the treatment.",
        (
            Key("onset_days", "pair[int]", C, "First change seen, from and to.", minimum=0),
            Key("peak_days", "pair[int]", C, "Full effect, from and to.", minimum=1),
            Key("duration_days", "pair[int]", C, "How long the effect lasts.", minimum=1),
            Key("review_after_days", "int", C, "Days after treatment for the review.", minimum=1),
            Key(
                "review_window_days",
                "pair[int]",
                C,
                "Earliest and latest day a review counts as on time.",
                minimum=0,
            ),
            Key(
                "min_interval_days",
                "int",
                C,
                "Fewest days between 2 treatments of the area.",
                minimum=1,
            ),
            Key("review_note", "str", D, "What the review looks at.", required=False),
        ),
        models.AreaTiming,
    ),
    "AreaSources": Record(
        "sources",
        "Where each clinical field of an area comes from ('clinic' where the clinic wrote it).",
        (
            Key("summary", "str", D, _SOURCE),
            Key("treats", "str", D, _SOURCE),
            Key("expect", "str", D, _SOURCE),
            Key("side_effects", "str", D, _SOURCE),
            Key("timing", "str", D, _SOURCE),
        ),
        models.AreaSources,
    ),
    "Expectation": Record(
        "expectation",
        "When the effect starts, peaks and wears off.",
        (
            Key("onset", "text", P, "When a change is first seen."),
            Key("full_effect", "text", P, "When the full effect shows."),
            Key("duration", "text", P, "How long the effect lasts."),
        ),
        models.Expectation,
    ),
    "DoseRange": Record(
        "dose",
        "A dose seen in a label or study, for one product.",
        (
            Key(
                "product",
                "id",
                D,
                "Id of the product (in clinic.yaml) the units belong to; leave out when the "
                "source does not name one.",
                required=False,
                absent_is_none=True,
            ),
            Key("amount", "str", D, "The dose as reported, with its units."),
            Key("source", "str", D, _SOURCE),
        ),
        models.DoseRange,
    ),
    "Approval": Record(
        "approval",
        "Approval status of the area's use for some products in one country.",
        (
            Key("products", "list[id]", D, "Ids of the products (in clinic.yaml).", min_items=1),
            Key("country", "str", D, "Country or region.", choices=("US", "AU", "UK", "EU")),
            Key("indication", "str", D, "The use, as the register words it."),
            Key("status", "enum[ApprovalStatus]", D, "approved or off_label."),
            Key("source", "str", D, _SOURCE),
            Key("checked", "date", D, "When the status was last checked (YYYY-MM-DD)."),
            Key("note", "str", D, "Limits of the approval, e.g. severity.", required=False),
        ),
        models.Approval,
    ),
    "GeneralInfo": Record(
        "general information",
        "The general patient pages (info.yaml).",
        (
            Key("families", "Families", P, "The wrinkle and the sweating treatment."),
            Key("consent", "ConsentInfo", P, "Consent wording shared by every area."),
            Key(
                "common_side_effects",
                "list[text]",
                P,
                "Common, mild, passing side effects.",
                min_items=1,
            ),
            Key(
                "serious_side_effects_intro", "text", P, "Lead-in to the rare serious side effects."
            ),
            Key("serious_side_effects", "list[text]", P, "Rare serious side effects.", min_items=1),
            Key(
                "urgent_help",
                "UrgentHelp",
                P,
                "The signs that need help, in the order they are always given.",
            ),
            Key(
                "aftercare",
                "list[Titled]",
                P,
                "Aftercare steps, each a heading and a paragraph.",
                min_items=1,
            ),
            Key("sources", "GeneralSources", D, "Where each general text comes from."),
            Key(
                "labels",
                "Labels",
                P,
                "What plan steps and hoped results are called on every screen and sheet.",
            ),
        ),
        models.GeneralInfo,
    ),
    "Labels": Record(
        "labels",
        "The one wording of plan steps and hoped results, for screens and sheets alike.",
        (
            Key("plan_steps", "PlanStepLabels", P, "What each kind of plan step is called."),
            Key("hopes", "HopeLabels", P, "What each hoped result is called."),
            Key("source", "str", D, _SOURCE),
        ),
        models.Labels,
    ),
    "PlanStepLabels": Record(
        "plan step labels",
        "What each kind of plan step is called.",
        (
            Key("treat", "text", P, "A treatment day."),
            Key("review", "text", P, "The review visit after a treatment."),
            Key("repeat", "text", P, "The earliest day of the next treatment."),
        ),
        models.PlanStepLabels,
    ),
    "HopeLabels": Record(
        "hoped result labels",
        "What each result a patient may hope for is called.",
        (
            Key("softer", "text", P, "Softer lines, natural movement kept."),
            Key("smoother", "text", P, "Smoother skin, with less movement."),
            Key("drier", "text", P, "Less sweating (sweating areas)."),
        ),
        models.HopeLabels,
    ),
    "GeneralSources": Record(
        "sources",
        "Where the general side-effect and aftercare texts come from.",
        (
            Key("common_side_effects", "str", D, _SOURCE),
            Key("serious_side_effects", "str", D, _SOURCE + " (with the lead-in)"),
            Key("aftercare", "str", D, _SOURCE),
        ),
        models.GeneralSources,
    ),
    "Families": Record(
        "families",
        "The two treatment families: each sheet shows only its areas' families.",
        (
            Key("cosmetic", "Family", P, "Treatment of lines (muscles)."),
            Key("sweating", "Family", P, "Treatment of heavy sweating (sweat glands)."),
        ),
        models.Families,
    ),
    "Family": Record(
        "family",
        "What one family of treatment is, does and cannot do.",
        (
            Key("name", "text", P, "The treatment's display name, chosen by the clinic."),
            Key("how_it_works_title", "text", P, "Heading of the 'how it works' section."),
            Key("how_it_works", "list[text]", P, "How it works, in short sentences.", min_items=1),
            Key("benefits", "list[text]", P, "Benefits, stated as plain facts.", min_items=1),
            Key("limits", "list[text]", P, "What it cannot do; who responds less.", min_items=1),
            Key(
                "alternatives",
                "list[text]",
                P,
                "Other choices, including no treatment.",
                min_items=1,
            ),
            Key("source", "str", D, _SOURCE),
        ),
        models.Family,
    ),
    "ConsentInfo": Record(
        "consent wording",
        "Consent wording shared by every area.",
        (
            Key("medicine", "text", P, "The medicine's generic name."),
            Key("on_label", "text", P, "What it means that a use is approved."),
            Key("off_label", "text", P, "What off-label means, in one plain sentence."),
            Key("not_recorded", "text", P, "When the content has no status for the country."),
            Key("source", "str", D, _SOURCE),
        ),
        models.ConsentInfo,
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
    "UrgentHelp": Record(
        "urgent help",
        "What to do about serious side effects; the numbers come from help.yaml.",
        (
            Key(
                "emergency_signs",
                "list[text]",
                P,
                "1. Signs that need the emergency number now (breathing, wheezing, faint...).",
                min_items=1,
            ),
            Key(
                "serious_signs",
                "list[text]",
                P,
                "2. Other serious signs: contact the clinic today (out of hours, an advice line).",
                min_items=1,
            ),
            Key("no_driving", "text", P, "3. When not to drive."),
            Key("source", "str", D, _SOURCE),
        ),
        models.UrgentHelp,
    ),
    "HelpFile": Record(
        "help file",
        "Emergency numbers, advice lines and regulators by country (help.yaml).",
        (
            Key(
                "countries",
                "list[CountryHelp]",
                C,
                "One entry per country; the clinic's country must have one.",
                min_items=1,
                unique="country",
            ),
        ),
    ),
    "CountryHelp": Record(
        "country",
        "Where a patient in one country gets help, and reports a side effect.",
        (
            Key("country", "enum[Country]", C, "The country these numbers are for."),
            Key("emergency", "EmergencyNumber", P, "The emergency (ambulance) number."),
            Key("regulator", "Regulator", P, "Where side effects can be reported."),
            Key(
                "advice_lines",
                "list[AdviceLine]",
                P,
                "Health advice lines for when the clinic is closed, by state where it matters.",
                required=False,
            ),
        ),
        models.CountryHelp,
    ),
    "EmergencyNumber": Record(
        "emergency number",
        "The number to call for an ambulance.",
        (
            Key("phone", "str", P, "The number, as dialled (e.g. 000)."),
            Key("source", "str", D, _SOURCE + _CLINIC_SOURCE),
            Key("checked", "date", D, _CHECKED),
        ),
        models.EmergencyNumber,
    ),
    "AdviceLine": Record(
        "advice line",
        "A health advice line; without 'states' it covers the whole country.",
        (
            Key("name", "str", P, "The line's name, as patients know it."),
            Key("phone", "str", P, "Its number, as dialled."),
            Key("source", "str", D, _SOURCE + _CLINIC_SOURCE),
            Key("checked", "date", D, _CHECKED),
            Key(
                "states",
                "list[str]",
                C,
                "States or territories it serves (e.g. NSW), matched to clinic.yaml 'state'.",
                required=False,
            ),
            Key(
                "note",
                "str",
                D,
                "Anything the clinic should know, e.g. a new name.",
                required=False,
            ),
        ),
        models.AdviceLine,
    ),
    "Regulator": Record(
        "regulator",
        "Where a patient can report a side effect.",
        (
            Key("name", "str", P, "Its name as printed after 'report a side effect to'."),
            Key("source", "str", D, _SOURCE + _CLINIC_SOURCE),
            Key("checked", "date", D, _CHECKED),
            Key("web", "str", P, "Its web address for reports.", required=False),
            Key("note", "str", D, "What the clinic should check.", required=False),
        ),
        models.Regulator,
    ),
    "Titled": Record(
        "item",
        "A short heading with a paragraph.",
        (
            Key("title", "text", P, "The heading."),
            Key("text", "text", P, "The paragraph."),
        ),
        models.Titled,
    ),
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
            Key("id", "id", D, "Stable id recorded with each answer (" + _ID + ")."),
            Key("question", "str", D, "The question, in practitioner wording."),
            Key("rule", "enum[Rule]", D, "do_not_treat, take_care or information."),
            Key("applies_to", "enum[AppliesTo]", D, "cosmetic, sweating or all."),
            Key("reason", "str", D, "Why, shown to the practitioner."),
            Key("source", "str", D, _SOURCE, required=False),
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
        ),
        models.ScreeningQuestion,
    ),
    "DerivedCheck": Record(
        "check",
        "A screening rule computed from the record (age, last treatment).",
        (
            Key("id", "id", D, "Stable id (" + _ID + ")."),
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
            Key("source", "str", D, _SOURCE, required=False),
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
            Key("id", "id", D, "Stable id recorded with each result (" + _ID + ")."),
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
            Key("source", "str", D, _SOURCE, required=False),
        ),
        models.Questionnaire,
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

#: The content files (in ``content/``), in loading order, and the record each holds.
FILES: dict[str, str] = {
    "clinic.yaml": "Clinic",
    "areas.yaml": "AreasFile",
    "info.yaml": "GeneralInfo",
    "screening.yaml": "ScreeningFile",
    "timing.yaml": "Timing",
    "wording.yaml": "Wording",
    "help.yaml": "HelpFile",
}
