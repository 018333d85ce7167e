"""The records of the general information file (info.yaml), part of :data:`schema.RECORDS`."""

from __future__ import annotations

from consult_app.content import models
from consult_app.content.schema_types import SOURCE, D, Key, P, Record

RECORDS: dict[str, Record] = {
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
            Key("source", "str", D, SOURCE),
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
            Key("common_side_effects", "str", D, SOURCE),
            Key("serious_side_effects", "str", D, SOURCE + " (with the lead-in)"),
            Key("aftercare", "str", D, SOURCE),
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
            Key("source", "str", D, SOURCE),
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
            Key("source", "str", D, SOURCE),
        ),
        models.ConsentInfo,
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
            Key("source", "str", D, SOURCE),
        ),
        models.UrgentHelp,
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
}
