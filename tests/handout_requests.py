"""Content, diagrams and requests for the handout tests, built directly (no content files).

A module of its own, not conftest.py: test modules import from it by name, and several test
folders have a conftest.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from consult_app.content.models import (
    AdviceLine,
    Approval,
    ApprovalStatus,
    Area,
    AreaKind,
    AreaSources,
    AreaTiming,
    Clinic,
    ConsentInfo,
    Content,
    Country,
    DiagramView,
    DoseRange,
    EmergencyNumber,
    Expectation,
    Families,
    Family,
    GeneralInfo,
    GeneralSources,
    HopeLabels,
    Labels,
    LocalHelp,
    PaperSize,
    PlanStepLabels,
    Product,
    Regulator,
    Text,
    Timing,
    Titled,
    UrgentHelp,
    Wording,
)
from consult_app.handout.model import GoalLine, PlanEntry, SheetRequest

T = Text.plain

ISSUED = date(2025, 6, 3)
REVIEW = ISSUED + timedelta(days=14)
NEXT = ISSUED + timedelta(days=90)

FACE_TIMING = AreaTiming((2, 7), (14, 30), (90, 120), 14, (10, 21), 90)
SWEAT_TIMING = AreaTiming((1, 7), (14, 30), (120, 210), 28, (14, 35), 112)


def _face_expect() -> Expectation:
    return Expectation(
        onset=T("Usually in 2 to 3 days. It can take up to 1 week."),
        full_effect=T("After about 2 weeks."),
        duration=T("About 3 to 4 months. For some people up to 5 months."),
    )


def _area(
    area_id: str,
    name: str,
    view: DiagramView,
    kind: AreaKind,
    summary: str,
    treats: str,
    side_effects: tuple[str, ...],
    expect: Expectation | None = None,
) -> Area:
    return Area(
        id=area_id,
        view=view,
        kind=kind,
        name=T(name),
        summary=T(summary),
        treats=T(treats),
        expect=expect or _face_expect(),
        side_effects=tuple(T(s) for s in side_effects),
        timing=FACE_TIMING if kind is AreaKind.COSMETIC else SWEAT_TIMING,
        muscles=("PRACTITIONER-ONLY-MUSCLE",),
        doses=(DoseRange("toxin_a", "PRACTITIONER-ONLY-DOSE 20 U", "label"),),
        approvals=(
            Approval(
                ("toxin_a",),
                "UK",
                "PRACTITIONER-ONLY-INDICATION",
                ApprovalStatus.OFF_LABEL if area_id == "masseter" else ApprovalStatus.APPROVED,
                "label",
                date(2025, 1, 1),
            ),
        ),
        sources=AreaSources("label", "label", "label", "label", "label"),
        practitioner_notes=("PRACTITIONER-ONLY-NOTE",),
    )


AREAS = (
    _area(
        "glabella",
        "Frown lines",
        DiagramView.FACE,
        AreaKind.COSMETIC,
        "The lines between your eyebrows.",
        "It softens the 11 lines you see when you frown.",
        ("A drooping eyelid. This is rare and gets better over a few weeks.",),
    ),
    _area(
        "forehead",
        "Forehead lines",
        DiagramView.FACE,
        AreaKind.COSMETIC,
        "The lines across your forehead.",
        "It softens the lines you see when you raise your eyebrows.",
        ("Heavy or lower eyebrows for a few weeks.",),
    ),
    _area(
        "crows_feet",
        "Crow's feet",
        DiagramView.FACE,
        AreaKind.COSMETIC,
        "The lines at the outer corners of your eyes.",
        "It softens the lines you see when you smile.",
        ("An uneven smile or a droop of the upper lip for a few weeks.",),
    ),
    _area(
        "masseter",
        "Jaw muscle",
        DiagramView.FACE,
        AreaKind.COSMETIC,
        "The chewing muscle at the angle of your jaw.",
        "It can slim a wide jaw and ease clenching.",
        (
            "Chewing may feel weaker for a few weeks, mostly with tough food.",
            "An uneven smile. This is rare.",
        ),
    ),
    _area(
        "underarms",
        "Underarm sweating",
        DiagramView.BODY,
        AreaKind.SWEATING,
        "Heavy sweating under your arms.",
        "It reduces how much your underarms sweat.",
        ("More sweating somewhere else on your body for a while.",),
        Expectation(
            onset=T("Usually in 2 to 4 days."),
            full_effect=T("After about 2 weeks."),
            duration=T("About 4 to 7 months."),
        ),
    ),
)

COSMETIC = Family(
    name=T("anti-wrinkle treatment"),
    how_it_works_title=T("How the treatment works"),
    how_it_works=(
        T(
            "Nerves send signals to muscles to make them tighten. This is how you frown and "
            "smile. The medicine blocks these signals for a while in the small area that is "
            "treated."
        ),
        T("The muscle relaxes, so the lines above it become softer. Your face can still move."),
    ),
    benefits=(
        T("Lines in the treated area look softer for about 3 to 4 months."),
        T("Most people go back to their day straight away."),
    ),
    limits=(
        T("The effect wears off, so you need repeat treatments."),
        T("Some people respond only a little."),
    ),
    alternatives=(T("You can choose not to have treatment."),),
    source="label",
)

SWEATING = Family(
    name=T("treatment for heavy sweating"),
    how_it_works_title=T("How the sweating treatment works"),
    how_it_works=(
        T(
            "Sweat glands also get their signal from nerves. The medicine blocks this signal "
            "in the skin that is treated, so it sweats less."
        ),
    ),
    benefits=(T("Underarm sweating is usually much less within the first week."),),
    limits=(T("You may sweat more in other places."),),
    alternatives=(
        T("Stronger antiperspirants."),
        T("You can choose not to have treatment."),
    ),
    source="label",
)

INFO = GeneralInfo(
    families=Families(COSMETIC, SWEATING),
    consent=ConsentInfo(
        medicine=T("botulinum toxin type A"),
        on_label=T("This use is approved for this medicine in our country."),
        off_label=T("This use is off-label. The medicine is not approved for this use here."),
        not_recorded=T("Ask your practitioner whether this use is approved in our country."),
    ),
    common_side_effects=(
        T("Redness, swelling or tenderness where the needle went in"),
        T("Bruising"),
        T("Headache"),
    ),
    serious_side_effects_intro=T(
        "Rare but serious. These can start hours to weeks after treatment:"
    ),
    serious_side_effects=(
        T("Weak muscles away from the treated area"),
        T("Double or blurred vision, or drooping eyelids"),
        T("A change in your voice, or losing control of your bladder"),
        T("An allergic reaction: rash, swelling, wheezing or feeling faint"),
    ),
    urgent_help=UrgentHelp(
        emergency_signs=(
            T("Trouble breathing, swallowing or speaking"),
            T("Wheezing"),
            T("Swelling of your lips, tongue or throat"),
            T("Feeling faint"),
        ),
        serious_signs=(
            T("Muscle weakness"),
            T("Double or blurred vision, or drooping eyelids"),
            T("A change in your voice"),
            T("A rash or itching"),
        ),
        no_driving=T("Do not drive if you feel weak or dizzy, or if your eyesight changes."),
    ),
    aftercare=(
        Titled(T("For 24 hours"), T("Do not do hard exercise. Do not rub or massage the areas.")),
        Titled(T("For the first few days"), T("Avoid heat, like hot showers and saunas.")),
        Titled(T("Your skin care"), T("Keep to your usual skin care routine.")),
    ),
    sources=GeneralSources("label", "label", "label"),
    labels=Labels(
        PlanStepLabels(T("Treatment"), T("Review visit"), T("Earliest next treatment")),
        HopeLabels(T("Softer lines"), T("Smoother skin"), T("Less sweating")),
        "label",
    ),
)


def make_clinic(paper: PaperSize = PaperSize.A4, logo: Path | None = None) -> Clinic:
    return Clinic(
        name="Harbour Skin Clinic",
        practitioner="Dr Hala",
        address=("12 Harbour Street", "Brighton BN1 1AA"),
        phone="01273 555 0199",
        email="hello@harbourskin.example",
        logo=logo,
        country=Country.UK,
        content_version="2025.06-1",
        languages=("en",),
        paper_size=paper,
        products=(Product("toxin_a", "PRACTITIONER-ONLY-PRODUCT"),),
    )


UK_HELP = LocalHelp(
    Country.UK,
    EmergencyNumber("999", "test", date(2026, 12, 2)),
    Regulator("the Yellow Card scheme", "test", date(2026, 12, 2), web="yellowcard.example"),
    AdviceLine("NHS 111", "111", "test", date(2026, 12, 2)),
)


def make_content(paper: PaperSize = PaperSize.A4, logo: Path | None = None) -> Content:
    return Content(
        source_dir=Path("/nonexistent/content"),
        clinic=make_clinic(paper, logo),
        areas=AREAS,
        info=INFO,
        screening=(),
        derived_checks=(),
        timing=Timing(120),
        wording=Wording(("Botox",), ("safe",), ("lines",)),
        local_help=UK_HELP,
        diagrams={DiagramView.FACE: Path("face.svg"), DiagramView.BODY: Path("body.svg")},
    )


# --- a stand-in for consult_app.content.diagram, with the same shape of data -------------


@dataclass(frozen=True)
class FakeShape:
    area_id: str | None
    polygons: tuple[tuple[tuple[float, float], ...], ...]
    closed: bool
    fill: str | None
    stroke: str | None
    stroke_width: float


@dataclass(frozen=True)
class FakeDiagram:
    view_box: tuple[float, float, float, float]
    shapes: tuple[FakeShape, ...]

    def representative_point(self, area_id: str) -> tuple[float, float]:
        for shape in self.shapes:
            if shape.area_id == area_id:
                points = shape.polygons[0]
                return (
                    sum(p[0] for p in points) / len(points),
                    sum(p[1] for p in points) / len(points),
                )
        raise KeyError(area_id)


#: A closed outline, as (x, y) points.
Polygon = tuple[tuple[float, float], ...]


def _ellipse(cx: float, cy: float, rx: float, ry: float, n: int = 48) -> Polygon:
    return tuple(
        (cx + rx * math.cos(2 * math.pi * i / n), cy + ry * math.sin(2 * math.pi * i / n))
        for i in range(n)
    )


def _art(*polygons: Polygon, closed: bool = True, fill: str | None = None) -> FakeShape:
    return FakeShape(None, tuple(polygons), closed, fill, "#6b7b80", 1.5)


def _region(area_id: str, *polygons: Polygon) -> FakeShape:
    return FakeShape(area_id, tuple(polygons), True, "#ffffff", None, 0)


FACE = FakeDiagram(
    (0, 0, 200, 260),
    (
        _art(_ellipse(100, 125, 78, 108), fill="#fbf6f2"),
        _art(_ellipse(70, 112, 13, 6), _ellipse(130, 112, 13, 6)),
        _art(((94, 125), (90, 160), (100, 166), (110, 160), (106, 125)), closed=False),
        _art(((78, 190), (100, 196), (122, 190)), closed=False),
        _region("forehead", ((45, 45), (155, 45), (160, 80), (40, 80))),
        _region("glabella", ((91, 88), (109, 88), (107, 108), (93, 108))),
        _region(
            "crows_feet",
            ((40, 100), (50, 104), (50, 120), (38, 122)),
            ((160, 100), (150, 104), (150, 120), (162, 122)),
        ),
        _region(
            "masseter",
            ((150, 165), (168, 150), (172, 190), (155, 200)),
            ((50, 165), (32, 150), (28, 190), (45, 200)),
        ),
    ),
)

BODY = FakeDiagram(
    (0, 0, 200, 300),
    (
        _art(_ellipse(100, 30, 18, 22), fill="#fbf6f2"),
        _art(((70, 55), (130, 55), (140, 170), (60, 170)), fill="#fbf6f2"),
        _region("underarms", ((62, 62), (72, 62), (72, 78), (62, 78))),
    ),
)


def fake_loader(path: Path) -> FakeDiagram:
    return FACE if path.name.startswith("face") else BODY


def typical_request() -> SheetRequest:
    """A typical plan: 3 face areas, 2 goals, 3 dated steps; a name with accents."""
    return SheetRequest(
        patient_name="Zoë Åsa Müller-Łukasiewicz",
        patient_preferred_name="Zoë",
        issued_on=ISSUED,
        practitioner="Dr Hala",
        area_ids=("glabella", "forehead", "crows_feet"),
        goals=(
            GoalLine("glabella", "I look cross all the time, even when I'm happy.", "Look rested"),
            GoalLine("crows_feet", "The lines by my eyes make me look tired.", "Softer lines"),
        ),
        plan=(
            PlanEntry("Treatment of your frown lines, forehead and crow's feet", ISSUED),
            PlanEntry("Review visit to check the result", REVIEW),
            PlanEntry("Earliest date for your next treatment", NEXT),
        ),
        reference="HS-2025-000123",
        language="en",
    )
