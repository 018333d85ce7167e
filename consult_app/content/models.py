"""Frozen dataclasses for the clinic's content, as loaded from ``resources/content/*.yaml``.

Patient-facing wording is held as :class:`Text` (one string per configured language).
Fields documented as *practitioner-only* must never reach a patient-facing screen or PDF;
:data:`PRACTITIONER_ONLY_FIELDS` names them so that views and tests can check it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from consult_app.content.models_common import AppliesTo as AppliesTo
from consult_app.content.models_common import ApprovalStatus as ApprovalStatus
from consult_app.content.models_common import AreaKind as AreaKind
from consult_app.content.models_common import Country as Country
from consult_app.content.models_common import DiagramView as DiagramView
from consult_app.content.models_common import PaperSize as PaperSize
from consult_app.content.models_common import Rule as Rule
from consult_app.content.models_common import Text as Text
from consult_app.content.models_help import AdviceLine as AdviceLine
from consult_app.content.models_help import CountryHelp as CountryHelp
from consult_app.content.models_help import EmergencyNumber as EmergencyNumber
from consult_app.content.models_help import LocalHelp as LocalHelp
from consult_app.content.models_help import Regulator as Regulator
from consult_app.content.models_info import ConsentInfo as ConsentInfo
from consult_app.content.models_info import Families as Families
from consult_app.content.models_info import Family as Family
from consult_app.content.models_info import GeneralInfo as GeneralInfo
from consult_app.content.models_info import GeneralSources as GeneralSources
from consult_app.content.models_info import HopeLabels as HopeLabels
from consult_app.content.models_info import Labels as Labels
from consult_app.content.models_info import PlanStepLabels as PlanStepLabels
from consult_app.content.models_info import Titled as Titled
from consult_app.content.models_info import UrgentHelp as UrgentHelp
from consult_app.content.models_screening import DerivedCheck as DerivedCheck
from consult_app.content.models_screening import DerivedCheckKind as DerivedCheckKind
from consult_app.content.models_screening import Questionnaire as Questionnaire
from consult_app.content.models_screening import ScreeningQuestion as ScreeningQuestion


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
    #: The clinic's own out-of-hours phone line, given in urgent help when it is set.
    out_of_hours: str | None = None


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
