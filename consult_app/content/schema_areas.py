"""The records of the treatment areas file (areas.yaml), part of :data:`schema.RECORDS`."""

from __future__ import annotations

from consult_app.content import models
from consult_app.content.schema_types import ID_DOC, SOURCE, C, D, Key, P, Record

RECORDS: dict[str, Record] = {
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
            Key("id", "id", C, "Area id, equal to the diagram shape's id (" + ID_DOC + ")."),
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
            Key("summary", "str", D, SOURCE),
            Key("treats", "str", D, SOURCE),
            Key("expect", "str", D, SOURCE),
            Key("side_effects", "str", D, SOURCE),
            Key("timing", "str", D, SOURCE),
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
            Key("source", "str", D, SOURCE),
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
            Key("source", "str", D, SOURCE),
            Key("checked", "date", D, "When the status was last checked (YYYY-MM-DD)."),
            Key("note", "str", D, "Limits of the approval, e.g. severity.", required=False),
        ),
        models.Approval,
    ),
}
