"""Issue handouts: build the PDF from the record, keep a copy, and re-print it identically."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from consult_app.content.models import Content
from consult_app.domain.models import Patient
from consult_app.domain.practitioner import PractitionerCard
from consult_app.domain.visit_areas import areas_for_today
from consult_app.handout import (
    ConsentRequest,
    GenericRequest,
    GoalLine,
    HandoutError,
    PlanEntry,
    SheetRequest,
    TreatedLine,
    build_consent,
    build_generic,
    build_sheet,
    pdf_sha256,
)
from consult_app.services.signoff import sign_off_status
from consult_app.store import Store
from consult_app.store.documents import Consent, HandoutKind, IssuedHandout
from consult_app.store.views import SheetFacts, SheetGoal


@dataclass(frozen=True)
class Issued:
    """A handout that was built and kept: its record and its bytes."""

    record: IssuedHandout
    pdf: bytes
    #: As :attr:`Prepared.unprintable`: typed letters that print as empty boxes.
    unprintable: str = ""


def sheet_request_from(
    content: Content, facts: SheetFacts, today: date, reference: str
) -> SheetRequest:
    """Build the personalised sheet's request from the facts the sheet shows.

    The sheet covers the areas planned or treated at the latest visit; only without a plan
    (and nothing treated) does it fall back to that visit's goals.
    """
    goals: tuple[SheetGoal, ...] = facts.goals
    language = facts.patient.details.language or content.clinic.languages[0]
    # The same content labels as the screens, in the patient's language.
    labels = content.info.labels
    entries = [
        PlanEntry(labels.plan_steps.of(step.kind).get(language), step.due)
        for step in facts.plan_dates
    ]
    areas = list(
        areas_for_today(facts.plan_dates, (t[0] for t in facts.treated), facts.latest_visit_date)
    )
    if not areas and not facts.plan_dates:
        areas = [g.area_id for g in sorted(goals, key=lambda g: g.priority)]
    areas = [a for a in dict.fromkeys(areas) if content.has_area(a)]
    if not areas:
        raise HandoutError(
            "This patient has no goals or plan yet, so there is nothing personal to print. "
            "Record their goals and plan first, or print a generic handout."
        )
    patient: Patient = facts.patient
    details = patient.details
    return SheetRequest(
        patient_name=f"{details.given_name} {details.family_name}".strip(),
        patient_preferred_name=details.preferred_name,
        issued_on=today,
        practitioner=content.clinic.practitioner,
        area_ids=tuple(areas),
        goals=tuple(
            GoalLine(g.area_id, g.concern, labels.hopes.of(g.hope).get(language))
            for g in sorted(goals, key=lambda g: g.priority)
            if g.area_id in areas
        ),
        plan=tuple(entries),
        reference=reference,
        language=language,
        treated=treated_lines(content, facts.treated),
    )


def practitioner_of(store: Store, content: Content, visit_id: int | None) -> PractitionerCard:
    """Return who prints as the practitioner of ``visit_id``: the user who started it.

    A visit started without an account (the command line) prints the clinic's practitioner.
    """
    card = store.practitioners.card_for_visit(visit_id) if visit_id is not None else None
    return card or PractitionerCard("", content.clinic.practitioner)


def treated_lines(
    content: Content, treated: Iterable[tuple[str, str, str]]
) -> tuple[TreatedLine, ...]:
    """Name the product of each (area, product, batch) treated, for the sheet and consent."""
    names = {product.id: product.name for product in content.clinic.products}
    return tuple(
        TreatedLine(area_id, product_id, names.get(product_id, product_id), batch)
        for area_id, product_id, batch in treated
    )


@dataclass(frozen=True)
class Prepared:
    """A handout built but not yet issued: kept only once it is printed, saved or sent."""

    kind: HandoutKind
    patient_id: int | None
    visit_id: int | None
    area_ids: tuple[str, ...]
    content_version: str
    reference: str
    pdf: bytes
    #: Letters typed for this patient that no handout font has: they print as empty boxes.
    unprintable: str = ""


def prepare_sheet(
    store: Store, content: Content, patient_id: int, today: date, fingerprint: str | None = None
) -> Prepared:
    """Build the patient's personalised sheet (to preview) without issuing it.

    Needs only the right to print handouts: it reads what the sheet shows, nothing more. The
    sheet names who signed off the content when ``fingerprint`` (the content's, worked out
    from its files when ``None``) is the one signed off.
    """
    reference = store.documents.next_handout_reference(today)
    facts = store.documents.sheet_facts(patient_id)
    note = sign_off_status(store, content, fingerprint).note
    request = replace(
        sheet_request_from(content, facts, today, reference),
        content_sign_off=note,
        practitioner=practitioner_of(store, content, facts.latest_visit_id).printed_name,
    )
    pdf = build_sheet(content, request)
    from consult_app.handout.scripts import missing_letters

    typed = [request.patient_name, request.patient_preferred_name, request.practitioner]
    typed += [f"{goal.in_own_words} {goal.hoped_result}" for goal in request.goals]
    return Prepared(
        HandoutKind.SHEET,
        patient_id,
        facts.latest_visit_id,
        request.area_ids,
        content.clinic.content_version,
        reference,
        pdf,
        missing_letters(" ".join(typed)),
    )


def prepare_generic(
    store: Store,
    content: Content,
    area_ids: tuple[str, ...],
    today: date,
    fingerprint: str | None = None,
) -> Prepared:
    """Build a generic handout for ``area_ids`` (all areas when empty) without issuing it.

    It names who signed off the content, as :func:`prepare_sheet` does.
    """
    unknown = [a for a in area_ids if not content.has_area(a)]
    if unknown:
        known = ", ".join(a.id for a in content.areas)
        raise HandoutError(f"Unknown area {', '.join(unknown)}. The areas are: {known}.")
    reference = store.documents.next_handout_reference(today)
    note = sign_off_status(store, content, fingerprint).note
    pdf = build_generic(content, GenericRequest(area_ids, today, reference, content_sign_off=note))
    return Prepared(
        HandoutKind.GENERIC,
        None,
        None,
        area_ids or tuple(a.id for a in content.areas),
        content.clinic.content_version,
        reference,
        pdf,
    )


def issue(store: Store, prepared: Prepared) -> Issued:
    """Record that a prepared handout was printed, saved or sent; keep its PDF for re-prints."""
    kept = store.documents.record_handout(
        kind=prepared.kind,
        patient_id=prepared.patient_id,
        visit_id=prepared.visit_id,
        area_ids=prepared.area_ids,
        content_version=prepared.content_version,
        reference=prepared.reference,
        sha256=pdf_sha256(prepared.pdf),
        pdf=prepared.pdf,
    )
    return Issued(kept, prepared.pdf, prepared.unprintable)


def issue_sheet(
    store: Store,
    content: Content,
    patient_id: int,
    today: date,
    fingerprint: str | None = None,
) -> Issued:
    """Build the patient's personalised sheet and issue it at once (the command line)."""
    return issue(store, prepare_sheet(store, content, patient_id, today, fingerprint))


def issue_generic(
    store: Store,
    content: Content,
    area_ids: tuple[str, ...],
    today: date,
    fingerprint: str | None = None,
) -> Issued:
    """Build a generic handout and issue it at once (the command line)."""
    return issue(store, prepare_generic(store, content, area_ids, today, fingerprint))


def record_consent(
    store: Store,
    content: Content,
    visit_id: int,
    area_ids: tuple[str, ...],
    signature_png: bytes,
    fingerprint: str | None = None,
) -> tuple[Consent, Issued]:
    """Keep the patient's signed consent and its printable record.

    The record names who signed off the content, as :func:`prepare_sheet` does.
    """
    note = sign_off_status(store, content, fingerprint).note
    consent = store.documents.record_consent(
        visit_id, area_ids, signature_png, content.clinic.content_version
    )
    visit = store.visits.get_visit(visit_id)
    patient = store.patients.get_patient(visit.patient_id)
    reference = store.documents.next_handout_reference(visit.visit_date)
    card = practitioner_of(store, content, visit_id)
    pdf = build_consent(
        content,
        ConsentRequest(
            patient_name=f"{patient.details.given_name} {patient.details.family_name}",
            visit_date=visit.visit_date,
            practitioner=card.printed_name,
            practitioner_signature=card.signature,
            area_ids=area_ids,
            signature_png=signature_png,
            practitioner_confirmed=True,
            reference=reference,
            patient_date_of_birth=patient.details.birth_date,
            treated=treated_lines(
                content,
                (
                    (t.record.area_id, t.record.product_id, t.record.batch)
                    for t in store.visits.visit_record(visit_id).treatments
                    if t.record.area_id in area_ids
                ),
            ),
            content_sign_off=note,
        ),
    )
    kept = store.documents.record_handout(
        kind=HandoutKind.CONSENT,
        patient_id=patient.id,
        visit_id=visit_id,
        area_ids=area_ids,
        content_version=content.clinic.content_version,
        reference=reference,
        sha256=pdf_sha256(pdf),
        pdf=pdf,
    )
    return consent, Issued(kept, pdf)


def reprint(store: Store, handout_id: int) -> bytes:
    """Return a kept handout's PDF, byte for byte as first issued."""
    return store.documents.handout_pdf(handout_id)


@dataclass(frozen=True)
class HandoutService:
    """The handout steps for one session: its records, content, content fingerprint and user.

    Screens reach it through :attr:`consult_app.context.AppContext.handouts`, so ReportLab is
    loaded only when a handout is first made.
    """

    store: Store
    content: Content
    fingerprint: str

    def prepare_sheet(self, patient_id: int, today: date) -> Prepared:
        """Build the patient's personalised sheet to preview (see :func:`prepare_sheet`)."""
        return prepare_sheet(self.store, self.content, patient_id, today, self.fingerprint)

    def prepare_generic(self, area_ids: tuple[str, ...], today: date) -> Prepared:
        """Build a general handout to preview (see :func:`prepare_generic`)."""
        return prepare_generic(self.store, self.content, area_ids, today, self.fingerprint)

    def issue(self, prepared: Prepared) -> Issued:
        """Keep a previewed handout once it is printed or saved (see :func:`issue`)."""
        return issue(self.store, prepared)

    def record_consent(
        self, visit_id: int, area_ids: tuple[str, ...], signature_png: bytes
    ) -> tuple[Consent, Issued]:
        """Keep a signed consent and its printable record (see :func:`record_consent`)."""
        return record_consent(
            self.store,
            self.content,
            visit_id,
            area_ids,
            signature_png,
            self.fingerprint,
        )

    def reprint(self, handout_id: int) -> bytes:
        """Return a kept handout's PDF, byte for byte as first issued."""
        return reprint(self.store, handout_id)
