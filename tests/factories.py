"""Small, hand-built content and records for store and domain tests (no YAML involved)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from consult_app.content.models import (
    AppliesTo,
    Area,
    AreaKind,
    AreaSources,
    AreaTiming,
    Clinic,
    ConsentInfo,
    Content,
    Country,
    DerivedCheck,
    DerivedCheckKind,
    DiagramView,
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
    Rule,
    ScreeningQuestion,
    Text,
    Timing,
    UrgentHelp,
    Wording,
)
from consult_app.domain.models import (
    Answer,
    Goal,
    Hope,
    PatientDetails,
    ScreeningAnswer,
    Severity,
    TreatmentRecord,
)
from consult_app.store import Store

T = Text.plain


#: Face areas: review at 14 days, next treatment after 90 (CLINICAL-FACTS, Timing).
FACE_TIMING = AreaTiming((2, 7), (14, 30), (90, 120), 14, (10, 21), 90)
#: Underarm sweating: review at 28 days, next treatment after 112 (16 weeks).
SWEATING_TIMING = AreaTiming((1, 7), (14, 30), (120, 210), 28, (14, 35), 112)
SOURCES = AreaSources("s", "s", "s", "s", "s")


def make_area(
    area_id: str, kind: AreaKind = AreaKind.COSMETIC, timing: AreaTiming | None = None
) -> Area:
    """Return a minimal area."""
    view = DiagramView.FACE if kind is AreaKind.COSMETIC else DiagramView.BODY
    if timing is None:
        timing = FACE_TIMING if kind is AreaKind.COSMETIC else SWEATING_TIMING
    return Area(
        id=area_id,
        view=view,
        kind=kind,
        name=T(area_id.replace("_", " ")),
        summary=T("summary"),
        treats=T("treats"),
        expect=Expectation(T("2 to 3 days"), T("2 weeks"), T("3 to 4 months")),
        side_effects=(T(f"risk of {area_id}"),),
        timing=timing,
        muscles=("muscle",),
        doses=(),
        approvals=(),
        sources=SOURCES,
    )


def _q(qid: str, rule: Rule, applies_to: AppliesTo = AppliesTo.ALL) -> ScreeningQuestion:
    return ScreeningQuestion(qid, f"{qid}?", rule, applies_to, f"Reason for {qid}.")


SCREENING = (
    _q("site_infection", Rule.DO_NOT_TREAT),
    _q("toxin_allergy", Rule.DO_NOT_TREAT),
    _q("myasthenia_gravis", Rule.DO_NOT_TREAT),
    _q("lambert_eaton", Rule.DO_NOT_TREAT),
    _q("pregnancy", Rule.TAKE_CARE),
    _q("breastfeeding", Rule.TAKE_CARE),
    _q("aminoglycosides", Rule.TAKE_CARE),
    _q("blood_thinners", Rule.TAKE_CARE),
    _q("swallowing", Rule.TAKE_CARE),
    _q("dry_eye", Rule.TAKE_CARE, AppliesTo.COSMETIC),
    _q("other_sweating_causes", Rule.TAKE_CARE, AppliesTo.SWEATING),
)

DERIVED = (
    DerivedCheck(
        "under_18_cosmetic",
        DerivedCheckKind.MINIMUM_AGE,
        18,
        Rule.DO_NOT_TREAT,
        AppliesTo.COSMETIC,
        "Under 18.",
    ),
    DerivedCheck(
        "recent_treatment",
        DerivedCheckKind.RECENT_TREATMENT,
        None,
        Rule.TAKE_CARE,
        AppliesTo.ALL,
        "The area's minimum interval has not passed since the last toxin treatment.",
    ),
)

TIMING = Timing(ask_about_toxin_within_days=120)


def _family(name: str) -> Family:
    return Family(T(name), T("How it works"), (T("x"),), (T("x"),), (T("x"),), (T("x"),), "s")


def make_content() -> Content:
    """Return a small content set: 3 face areas, 1 sweating area, 2 products."""
    info = GeneralInfo(
        families=Families(_family("anti-wrinkle treatment"), _family("sweating treatment")),
        consent=ConsentInfo(T("botulinum toxin type A"), T("on"), T("off"), T("ask")),
        common_side_effects=(T("x"),),
        serious_side_effects_intro=T("x"),
        serious_side_effects=(T("x"),),
        urgent_help=UrgentHelp((T("x"),), (T("x"),), T("x")),
        aftercare=(),
        sources=GeneralSources("s", "s", "s"),
        labels=Labels(
            PlanStepLabels(T("Treatment"), T("Review visit"), T("Earliest next treatment")),
            HopeLabels(T("Softer lines"), T("Smoother skin"), T("Less sweating")),
            "s",
        ),
    )
    clinic = Clinic(
        name="Test Clinic",
        practitioner="Dr Hala",
        address=("1 Test Street",),
        phone="01234 567890",
        email="clinic@example.com",
        logo=None,
        country=Country.UK,
        content_version="test-1",
        languages=("en",),
        paper_size=PaperSize.A4,
        products=(Product("product_a", "Product A"), Product("product_b", "Product B")),
    )
    return Content(
        source_dir=Path(),
        clinic=clinic,
        areas=(
            make_area("glabella"),
            make_area("forehead"),
            make_area("crows_feet"),
            make_area("underarms", AreaKind.SWEATING),
        ),
        info=info,
        screening=SCREENING,
        derived_checks=DERIVED,
        timing=TIMING,
        wording=Wording(("Botox",), ("safe",), ("lines",)),
        local_help=LocalHelp(
            Country.UK,
            EmergencyNumber("999", "test", date(2026, 12, 2)),
            Regulator("the Yellow Card scheme", "test", date(2026, 12, 2)),
        ),
        diagrams={},
    )


def all_no(content: Content) -> list[ScreeningAnswer]:
    """Return a 'no' answer to every screening question."""
    return [ScreeningAnswer(q.id, Answer.NO) for q in content.screening]


def details(
    given: str = "Zoë",
    family: str = "O'Brien",
    birth: date | None = date(1985, 3, 7),
    **kwargs: str,
) -> PatientDetails:
    """Return valid patient details."""
    return PatientDetails(given_name=given, family_name=family, birth_date=birth, **kwargs)


def goal(area_id: str = "glabella", priority: int = 1, concern: str = "I look cross") -> Goal:
    """Return a goal."""
    return Goal(area_id, concern, Severity.MILD, Severity.MODERATE, Hope.SOFTER, priority)


def treatment(
    area_id: str = "glabella",
    product_id: str = "product_a",
    units: str = "20",
    expiry: date = date(2030, 1, 1),
) -> TreatmentRecord:
    """Return a treatment record."""
    return TreatmentRecord(area_id, product_id, Decimal(units), "LOT-1", expiry)


#: Stands in for a drawn signature: the store keeps whatever image the pad gives it.
SIGNATURE = b"\x89PNG signature"


def consent_to(
    store: Store, visit_id: int, content: Content, area_ids: tuple[str, ...] = ()
) -> None:
    """Record the patient's signed consent for ``area_ids`` (every area when empty)."""
    areas = area_ids or tuple(a.id for a in content.areas)
    store.documents.record_consent(visit_id, areas, SIGNATURE, content.clinic.content_version)
