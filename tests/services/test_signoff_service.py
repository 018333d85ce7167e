"""Sheets and consent records name who signed off their content, and only that content."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from consult_app.content.fingerprint import content_fingerprint
from consult_app.content.models import Content
from consult_app.demo import seed_demo
from consult_app.domain.models import PatientDetails
from consult_app.domain.signoff import SignOffState
from consult_app.services.handouts import (
    issue_sheet,
    prepare_generic,
    prepare_sheet,
    record_consent,
)
from consult_app.services.signoff import record_sign_off, review_pdf, sign_off_status
from consult_app.store import Store

TODAY = date(2026, 11, 30)
SIGNED_AT = datetime(2026, 11, 29, 17, 5, tzinfo=UTC)
OTHER = "e" * 64
LOGO = Path(__file__).parent.parent.parent / "resources" / "icons" / "logo.png"


@pytest.fixture(scope="module")
def fingerprint(content: Content) -> str:
    return content_fingerprint(content)


@pytest.fixture
def store(tmp_path: Path, content: Content) -> Store:
    opened = Store.open(tmp_path / "data", clock=lambda: SIGNED_AT)
    seed_demo(opened, content, TODAY)
    return opened


def text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def planned_patient(store: Store) -> int:
    for patient in store.patients.search_patients("", limit=None):
        record = store.visits.patient_file(patient.id)
        if record.current_plan is not None and any(v.goals for v in record.visits):
            return patient.id
    raise AssertionError("the demo data has a patient with a plan")


def consent_pdf(store: Store, content: Content, fingerprint: str | None) -> str:
    patient = store.patients.create_patient(PatientDetails("Ann", "Lee", date(1990, 1, 1)), TODAY)
    visit = store.visits.start_visit(patient.id, TODAY)
    _consent, issued = record_consent(
        store, content, visit.id, ("glabella",), LOGO.read_bytes(), fingerprint
    )
    return text_of(issued.pdf)


def test_the_status_follows_the_content_from_never_to_signed_to_changed(
    store, content, fingerprint
):
    assert sign_off_status(store, content).state is SignOffState.NEVER
    record_sign_off(store, content, "Dr Hala Haddad")  # fingerprint from the files
    status = sign_off_status(store, content, fingerprint)
    assert status.state is SignOffState.SIGNED and status.banner == ""
    assert status.current is not None and status.current.fingerprint == fingerprint
    changed = sign_off_status(store, content, OTHER)
    assert changed.state is SignOffState.CHANGED
    assert changed.banner.startswith("Content changed since sign-off")


def test_the_sheet_prints_who_signed_off_its_content_and_when(store, content, fingerprint):
    patient_id = planned_patient(store)
    unsigned = prepare_sheet(store, content, patient_id, TODAY, fingerprint).pdf
    before = text_of(unsigned)
    version = content.clinic.content_version
    assert f"Content version {version}, not yet signed off by the clinic's doctor" in before
    record_sign_off(store, content, "Dr Hala Haddad", fingerprint)
    issued = issue_sheet(store, content, patient_id, TODAY, fingerprint)
    pages = PdfReader(io.BytesIO(issued.pdf)).pages
    signed = f"Content version {version}, signed off by Dr Hala Haddad on 29 November 2026"
    # In the footer of every page, so it adds no page of its own.
    for page in pages:
        assert signed in " ".join(page.extract_text().split())
    assert len(pages) == len(PdfReader(io.BytesIO(unsigned)).pages)


def test_the_general_handout_prints_the_signer_too(store, content, fingerprint):
    assert "not yet signed off" in text_of(prepare_generic(store, content, (), TODAY).pdf)
    record_sign_off(store, content, "Dr Hala Haddad", fingerprint)
    prepared = prepare_generic(store, content, ("glabella",), TODAY, fingerprint)
    assert "signed off by Dr Hala Haddad on 29 November 2026" in text_of(prepared.pdf)


def test_a_sheet_of_changed_content_does_not_claim_the_old_sign_off(store, content, fingerprint):
    record_sign_off(store, content, "Dr Hala Haddad", fingerprint)
    text = text_of(prepare_sheet(store, content, planned_patient(store), TODAY, OTHER).pdf)
    assert "Dr Hala Haddad" not in text
    assert "not yet signed off by the clinic's doctor" in text


def test_the_consent_record_prints_the_signer(store, content, fingerprint):
    version = content.clinic.content_version
    assert f"{version}, not yet signed off" in consent_pdf(store, content, fingerprint)
    record_sign_off(store, content, "Dr Hala Haddad", fingerprint)
    text = consent_pdf(store, content, fingerprint)
    assert (
        f"Information version {version}, signed off by Dr Hala Haddad on 29 November 2026" in text
    )
    assert "Dr Hala Haddad" not in consent_pdf(store, content, OTHER)


def test_the_review_is_of_the_content_as_it_is(content, fingerprint):
    text = text_of(review_pdf(content, TODAY))
    assert fingerprint[:4] in text and content.areas[0].summary.get() in text
