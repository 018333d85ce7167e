"""The general patient pages (info.yaml): families, consent wording, labels, urgent help."""

from __future__ import annotations

from dataclasses import dataclass

from consult_app.content.models_common import AreaKind, Text


@dataclass(frozen=True)
class Titled:
    """A short heading with a paragraph (a benefit, an aftercare tip)."""

    title: Text
    text: Text


@dataclass(frozen=True)
class UrgentHelp:
    """The signs that need help, in the order every sheet, screen and consent gives them.

    The numbers to call are not here: they come from ``help.yaml`` for the clinic's country
    (see :class:`~consult_app.content.models_help.LocalHelp`), and
    :mod:`consult_app.content.urgent` puts the two together.
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
