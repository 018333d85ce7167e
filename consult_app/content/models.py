"""Frozen dataclasses for the clinic's content, as loaded from ``resources/content/*.yaml``.

Patient-facing wording is held as :class:`Text` (one string per configured language).
Fields documented as *practitioner-only* must never reach a patient-facing screen or PDF;
:data:`PRACTITIONER_ONLY_FIELDS` names them so that views and tests can check it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True)
class Text:
    """One piece of patient-facing wording in each of the clinic's languages.

    ``values`` is ordered: the first entry is the clinic's default language.
    """

    values: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, text: str, language: str = "en") -> Text:
        """Make a single-language text."""
        return cls(((language, text),))

    def get(self, language: str | None = None) -> str:
        """Return the wording in ``language``, falling back to the default language."""
        if language is not None:
            for lang, value in self.values:
                if lang == language:
                    return value
        return self.values[0][1]

    def __str__(self) -> str:
        return self.get()


class DiagramView(StrEnum):
    """Which diagram an area is drawn on."""

    FACE = "face"
    BODY = "body"


class AreaKind(StrEnum):
    """Cosmetic (lines and muscles) or medical (sweating) treatment area."""

    COSMETIC = "cosmetic"
    SWEATING = "sweating"


class Rule(StrEnum):
    """What a screening finding means for treatment today."""

    DO_NOT_TREAT = "do_not_treat"
    TAKE_CARE = "take_care"
    INFORMATION = "information"


class AppliesTo(StrEnum):
    """Which areas a screening rule applies to."""

    COSMETIC = "cosmetic"
    SWEATING = "sweating"
    ALL = "all"

    def covers(self, kind: AreaKind) -> bool:
        """Return whether this scope includes areas of ``kind``."""
        return self is AppliesTo.ALL or self.value == kind.value


class ApprovalStatus(StrEnum):
    """Regulatory status of an area's use, for one product in one country."""

    APPROVED = "approved"
    OFF_LABEL = "off_label"


class Country(StrEnum):
    """Countries whose rules the content can follow."""

    AU = "AU"
    UK = "UK"
    US = "US"


class PaperSize(StrEnum):
    """Paper sizes the clinic can print on."""

    A4 = "A4"
    LETTER = "Letter"


@dataclass(frozen=True)
class DoseRange:
    """Practitioner-only: a dose seen in a label or study, for one product.

    ``product`` is the id of a product in clinic.yaml, or ``None`` when the source does not
    name the product: such units belong to no product and are shown as reported.
    """

    product: str | None
    amount: str
    source: str


@dataclass(frozen=True)
class Approval:
    """Practitioner-only: the status of one use (indication) of some products in one country.

    Each row stands for every product in :attr:`products`; a product with no row for a
    country has no recorded status there (the practitioner checks the national register).
    """

    products: tuple[str, ...]
    country: str
    indication: str
    status: ApprovalStatus
    source: str
    checked: date
    note: str = ""


@dataclass(frozen=True)
class AreaTiming:
    """When the effect of one area's treatment starts, peaks and ends, and the plan's days.

    All values are days after the treatment. Plan dates ("review", "earliest next
    treatment") and recalls are computed from these, never from a constant.
    """

    onset_days: tuple[int, int]
    peak_days: tuple[int, int]
    duration_days: tuple[int, int]
    review_after_days: int
    review_window_days: tuple[int, int]
    min_interval_days: int
    #: Practitioner-only: what the review looks at (e.g. chewing first, shape later).
    review_note: str = ""


@dataclass(frozen=True)
class AreaSources:
    """Practitioner-only: where each clinical field of an area comes from."""

    summary: str
    treats: str
    expect: str
    side_effects: str
    timing: str


@dataclass(frozen=True)
class Expectation:
    """When the effect starts, peaks and wears off (patient-facing)."""

    onset: Text
    full_effect: Text
    duration: Text


@dataclass(frozen=True)
class Area:
    """A treatment area, drawn as the diagram shape whose ``id`` equals :attr:`id`."""

    id: str
    view: DiagramView
    kind: AreaKind
    # Patient-facing.
    name: Text
    summary: Text
    treats: Text
    expect: Expectation
    side_effects: tuple[Text, ...]
    timing: AreaTiming
    # Practitioner-only.
    muscles: tuple[str, ...]
    doses: tuple[DoseRange, ...]
    approvals: tuple[Approval, ...]
    sources: AreaSources
    practitioner_notes: tuple[str, ...] = ()

    def approval(self, product_id: str, country: str) -> Approval | None:
        """Return the approval row for ``product_id`` in ``country``, if the content has one."""
        for approval in self.approvals:
            if approval.country == country and product_id in approval.products:
                return approval
        return None


@dataclass(frozen=True)
class Titled:
    """A short heading with a paragraph (a benefit, an aftercare tip)."""

    title: Text
    text: Text


@dataclass(frozen=True)
class UrgentHelp:
    """The signs that need help, in the order every sheet, screen and consent gives them.

    The numbers to call are not here: they come from ``help.yaml`` for the clinic's country
    (see :class:`LocalHelp`), and :mod:`consult_app.content.urgent` puts the two together.
    """

    #: Signs that need the emergency number now (breathing, swallowing, wheezing...).
    emergency_signs: tuple[Text, ...]
    #: Other serious signs: contact the clinic today, or out of hours an advice line.
    serious_signs: tuple[Text, ...]
    no_driving: Text
    #: Practitioner-only: where the signs and the advice come from.
    source: str = ""


@dataclass(frozen=True)
class Family:
    """What one family of treatment (wrinkle or sweating) is, does and cannot do.

    A sheet or consent shows the family of each of its areas, and only those: a sweating
    sheet never carries wrinkle wording.
    """

    name: Text
    how_it_works_title: Text
    how_it_works: tuple[Text, ...]
    benefits: tuple[Text, ...]
    limits: tuple[Text, ...]
    alternatives: tuple[Text, ...]
    #: Practitioner-only: where the family's wording comes from.
    source: str


@dataclass(frozen=True)
class Families:
    """The two treatment families, keyed like :class:`AreaKind`."""

    cosmetic: Family
    sweating: Family

    def of(self, kind: AreaKind) -> Family:
        """Return the family for areas of ``kind``."""
        return self.cosmetic if kind is AreaKind.COSMETIC else self.sweating


@dataclass(frozen=True)
class ConsentInfo:
    """Consent-grade wording shared by every area (patient-facing)."""

    medicine: Text
    on_label: Text
    off_label: Text
    not_recorded: Text
    #: Practitioner-only: where the wording comes from.
    source: str = ""


@dataclass(frozen=True)
class PlanStepLabels:
    """What each kind of plan step is called, keyed like the plan's step kinds."""

    treat: Text
    review: Text
    repeat: Text

    def of(self, kind: str) -> Text:
        """Return the label of step ``kind`` (``treat``, ``review`` or ``repeat``)."""
        label = getattr(self, str(kind), None)
        if not isinstance(label, Text):
            raise KeyError(kind)
        return label


@dataclass(frozen=True)
class HopeLabels:
    """What each hoped result is called, keyed like the goals' hopes."""

    softer: Text
    smoother: Text
    drier: Text

    def of(self, hope: str) -> Text:
        """Return the label of hoped result ``hope`` (``softer``, ``smoother`` or ``drier``)."""
        label = getattr(self, str(hope), None)
        if not isinstance(label, Text):
            raise KeyError(hope)
        return label


@dataclass(frozen=True)
class Labels:
    """The labels every screen and sheet uses for plan steps and hoped results."""

    plan_steps: PlanStepLabels
    hopes: HopeLabels
    #: Practitioner-only: where the labels come from.
    source: str = ""


@dataclass(frozen=True)
class GeneralSources:
    """Practitioner-only: where each general side-effect and aftercare text comes from."""

    common_side_effects: str
    serious_side_effects: str
    aftercare: str


@dataclass(frozen=True)
class GeneralInfo:
    """The general, patient-facing pages: families, side effects, consent wording, aftercare."""

    families: Families
    consent: ConsentInfo
    common_side_effects: tuple[Text, ...]
    serious_side_effects_intro: Text
    serious_side_effects: tuple[Text, ...]
    urgent_help: UrgentHelp
    aftercare: tuple[Titled, ...]
    sources: GeneralSources
    labels: Labels


@dataclass(frozen=True)
class ScreeningQuestion:
    """A question asked at each visit. Practitioner-only wording.

    A *yes* answer triggers :attr:`rule` for areas in :attr:`applies_to`, with :attr:`reason`
    shown to the practitioner. *Unsure* counts as a finding too (it must be resolved).
    :attr:`applies_to_areas`, when given, narrows the rule to those named areas;
    :attr:`products`, when given, limits it to treatment with those product ids (screening
    happens before the product is chosen, so the rule is applied when a treatment is
    recorded). With :attr:`note_prompt`, a *yes* answer needs a note saying what it asks.
    """

    id: str
    question: str
    rule: Rule
    applies_to: AppliesTo
    reason: str
    source: str = ""
    applies_to_areas: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    note_prompt: str = ""


class DerivedCheckKind(StrEnum):
    """Checks computed from the record rather than asked."""

    MINIMUM_AGE = "minimum_age"
    AGE_AT_LEAST = "age_at_least"
    RECENT_TREATMENT = "recent_treatment"


@dataclass(frozen=True)
class DerivedCheck:
    """A screening rule computed from the record (age from birth date, last treatment date).

    For ``minimum_age``, ``value`` is the age in years below which the rule applies; for
    ``age_at_least`` the age in years from which it applies (the birthday included).
    ``recent_treatment`` has no value: it applies to each area whose own minimum interval
    (:attr:`AreaTiming.min_interval_days`) has not passed since the last toxin treatment.
    ``products`` names the product ids the rule concerns (empty: any).
    """

    id: str
    kind: DerivedCheckKind
    value: int | None
    rule: Rule
    applies_to: AppliesTo
    reason: str
    source: str = ""
    products: tuple[str, ...] = ()

    @property
    def from_birth_date(self) -> bool:
        """Return whether the check is worked out from the birth date."""
        return self.kind in (DerivedCheckKind.MINIMUM_AGE, DerivedCheckKind.AGE_AT_LEAST)


@dataclass(frozen=True)
class Questionnaire:
    """Practitioner-only: a validated short questionnaire done on its own form at the visit.

    Only its result is recorded (the instrument's name, positive, negative or declined). A
    positive or declined result, or none recorded, gives :attr:`rule` for areas in
    :attr:`applies_to`, with the matching reason.
    """

    id: str
    title: str
    instruments: tuple[str, ...]
    applies_to: AppliesTo
    rule: Rule
    positive_reason: str
    declined_reason: str
    missing_reason: str
    source: str = ""


@dataclass(frozen=True)
class Timing:
    """Timing rules that are not per area, in days (per-area timing is :class:`AreaTiming`)."""

    ask_about_toxin_within_days: int


@dataclass(frozen=True)
class Wording:
    """Practitioner-only: what patient-facing text must never say, checked by check-content."""

    brand_names: tuple[str, ...]
    promotional_words: tuple[str, ...]
    wrinkle_words: tuple[str, ...]
    preferred_terms: tuple[PreferredTerm, ...] = ()


@dataclass(frozen=True)
class PreferredTerm:
    """One word for one thing: ``avoid`` is written ``use`` in patient text."""

    avoid: str
    use: str


@dataclass(frozen=True)
class Product:
    """Practitioner-only: a toxin product the clinic stocks. Units are product-specific."""

    id: str
    name: str
    unit: str = "U"


@dataclass(frozen=True)
class Clinic:
    """The clinic profile printed on handouts."""

    name: str
    practitioner: str
    address: tuple[str, ...]
    phone: str
    email: str
    logo: Path | None
    country: Country
    content_version: str
    languages: tuple[str, ...]
    paper_size: PaperSize
    products: tuple[Product, ...]
    #: The state or territory, where help numbers depend on it (Australia).
    state: str | None = None


@dataclass(frozen=True)
class EmergencyNumber:
    """The number to call for an ambulance in one country, with its source."""

    phone: str
    source: str
    checked: date


@dataclass(frozen=True)
class AdviceLine:
    """A health advice line for when the clinic is closed; no ``states`` means the whole country."""

    name: str
    phone: str
    source: str
    checked: date
    states: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Regulator:
    """Where a patient can report a side effect in one country."""

    name: str
    source: str
    checked: date
    web: str = ""
    note: str = ""


@dataclass(frozen=True)
class CountryHelp:
    """The help numbers of one country (help.yaml)."""

    country: Country
    emergency: EmergencyNumber
    regulator: Regulator
    advice_lines: tuple[AdviceLine, ...] = ()


@dataclass(frozen=True)
class LocalHelp:
    """The help numbers for the clinic's own country and state, chosen when content is checked.

    ``advice_line`` is ``None`` where help.yaml gives none for the country (the patient is
    then sent to the nearest emergency department out of hours).
    """

    country: Country
    emergency: EmergencyNumber
    regulator: Regulator
    advice_line: AdviceLine | None = None


@dataclass(frozen=True)
class Content:
    """Everything loaded from a content folder, validated."""

    source_dir: Path
    clinic: Clinic
    areas: tuple[Area, ...]
    info: GeneralInfo
    screening: tuple[ScreeningQuestion, ...]
    derived_checks: tuple[DerivedCheck, ...]
    timing: Timing
    wording: Wording
    local_help: LocalHelp
    diagrams: dict[DiagramView, Path] = field(hash=False, compare=False)
    questionnaire: Questionnaire | None = None

    @property
    def timings(self) -> dict[str, AreaTiming]:
        """Return each area's timing by area id (what the plan arithmetic reads)."""
        return {area.id: area.timing for area in self.areas}

    def family_of(self, area: Area) -> Family:
        """Return the treatment family ``area`` belongs to."""
        return self.info.families.of(area.kind)

    def area(self, area_id: str) -> Area:
        """Return the area with ``area_id`` (``KeyError`` if there is none)."""
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    def has_area(self, area_id: str) -> bool:
        """Return whether the content has an area with ``area_id``."""
        return any(area.id == area_id for area in self.areas)

    def areas_on(self, view: DiagramView) -> tuple[Area, ...]:
        """Return the areas drawn on ``view``, in content order."""
        return tuple(a for a in self.areas if a.view is view)

    def product(self, product_id: str) -> Product:
        """Return the stocked product with ``product_id`` (``KeyError`` if there is none)."""
        for product in self.clinic.products:
            if product.id == product_id:
                return product
        raise KeyError(product_id)


#: Area fields that are for the practitioner only.
PRACTITIONER_ONLY_FIELDS: frozenset[str] = frozenset(
    {"muscles", "doses", "approvals", "practitioner_notes", "sources"}
)
