"""Each practitioner prints on their own paper: name, registration and signature picture."""

from __future__ import annotations

import io
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from handout_pdf import reader, text_of
from PIL import Image

from consult_app.content.models import Content
from consult_app.demo import seed_demo
from consult_app.domain.access import Role
from consult_app.services.handouts import issue_sheet, record_consent, reprint
from consult_app.store import Store, ValidationError
from consult_app.store.access import AccessDeniedError
from consult_app.store.schema import MIGRATIONS, migrate_11_practitioner_details, upgrade

PASSWORD = "a long enough secret"
TODAY = date(2026, 11, 30)


def picture(kind: str, size: tuple[int, int] = (300, 80), colour: str = "white") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=kind)
    return out.getvalue()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "data", clock=lambda: datetime(2026, 11, 30, 9).astimezone())
    opened.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
    admin = opened.sign_in("owner", PASSWORD)
    admin.users.add_user("hala", "Dr Hala", Role.PRACTITIONER, PASSWORD)
    admin.users.add_user("lee", "Dr Lee", Role.PRACTITIONER, PASSWORD)
    admin.users.add_user("desk", "Front Desk", Role.RECEPTION, PASSWORD)
    return opened


def test_a_database_from_before_gains_the_columns(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "consult.db", isolation_level=None)
    upgrade(conn, target=MIGRATIONS.index(migrate_11_practitioner_details))
    columns = {row[1] for row in conn.execute("PRAGMA table_info(users)")}
    assert "registration" not in columns
    conn.close()
    with Store.open(tmp_path) as store:
        store.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
        card = store.practitioners.practitioner_card("owner")
        assert card is not None and (card.registration, card.signature) == ("", None)


def test_the_admin_edits_anyone_and_each_user_only_their_own(store: Store) -> None:
    admin = store.sign_in("owner", PASSWORD)
    card = admin.practitioners.set_practitioner_details(
        "hala", "Dr Hala Haddad", "MED0001234", picture("PNG")
    )
    assert (card.display_name, card.registration) == ("Dr Hala Haddad", "MED0001234")
    lee = store.sign_in("lee", PASSWORD)
    own = lee.practitioners.set_practitioner_details("lee", "Dr Lee", "MED 77/1", picture("JPEG"))
    assert own.signature is not None and own.printed_name == "Dr Lee (registration MED 77/1)"
    with pytest.raises(AccessDeniedError):
        lee.practitioners.set_practitioner_details("hala", "Someone else", "", None)
    desk = store.sign_in("desk", PASSWORD)
    assert desk.practitioners.set_practitioner_details("desk", "Reception", "", None).display_name
    hala = store.practitioners.practitioner_card("hala")
    assert hala is not None and hala.display_name == "Dr Hala Haddad"
    actions = [(e.actor, e.action) for e in admin.audit.audit_trail()]
    assert ("lee", "practitioner_details") in actions


@pytest.mark.parametrize(
    ("signature", "message"),
    [
        (picture("GIF"), "GIF picture, not PNG or JPEG"),
        (b"not a picture at all", "not a picture the app can read"),
        (picture("PNG")[:60], "not a picture the app can read"),
        (picture("PNG", (2400, 100)), "at most 2000"),
        (b"", "empty"),
    ],
)
def test_a_signature_that_is_not_a_readable_png_or_jpeg_is_refused(
    store: Store, signature: bytes, message: str
) -> None:
    lee = store.sign_in("lee", PASSWORD)
    with pytest.raises(ValidationError, match=message):
        lee.practitioners.set_practitioner_details("lee", "Dr Lee Changed", "", signature)
    card = store.practitioners.practitioner_card("lee")
    assert card is not None and card.display_name == "Dr Lee", "nothing saved"


def test_bad_names_and_registrations_are_refused(store: Store) -> None:
    lee = store.sign_in("lee", PASSWORD)
    with pytest.raises(ValidationError, match="name as it should print"):
        lee.practitioners.set_practitioner_details("lee", "  ", "", None)
    with pytest.raises(ValidationError, match="registration"):
        lee.practitioners.set_practitioner_details("lee", "Dr Lee", "<b>1</b>", None)


def test_the_sheet_prints_who_started_the_visit_and_a_reprint_who_it_was_then(
    store: Store, content: Content
) -> None:
    lee = store.sign_in("lee", PASSWORD)
    lee.practitioners.set_practitioner_details("lee", "Dr Lee", "MED0009", None)
    patients = seed_demo(lee, content, TODAY)
    planned = next(p for p in patients if lee.visits.current_plan(p.id) is not None)
    # Printed by another practitioner, the sheet still names the one of the visit.
    hala = store.sign_in("hala", PASSWORD)
    first = issue_sheet(hala, content, planned.id, TODAY)
    text = text_of(first.pdf)
    assert "Dr Lee (registration MED0009)" in text
    assert content.clinic.practitioner == "Dr Hala" and "Dr Hala" not in text
    lee.practitioners.set_practitioner_details("lee", "Dr Lee Park", "MED0010", None)
    assert "Dr Lee Park (registration MED0010)" in text_of(
        issue_sheet(lee, content, planned.id, TODAY).pdf
    )
    again = reprint(store.sign_in("desk", PASSWORD), first.record.id)
    assert again == first.pdf and "Dr Lee (registration MED0009)" in text_of(again)


def _images(pdf: bytes) -> int:
    count = 0
    for page in reader(pdf).pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        count += sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")
    return count


def test_the_consent_carries_the_practitioners_signature_picture(
    store: Store, content: Content
) -> None:
    lee = store.sign_in("lee", PASSWORD)
    patients = seed_demo(lee, content, TODAY)
    patient = patients[0]
    area = content.areas[0].id
    patient_signature = picture("PNG")
    visit = lee.visits.start_visit(patient.id, TODAY)
    _, plain = record_consent(lee, content, visit.id, (area,), patient_signature)
    ink = picture("JPEG", (320, 90), "navy")
    lee.practitioners.set_practitioner_details("lee", "Dr Lee", "MED0009", ink)
    _, signed = record_consent(lee, content, visit.id, (area,), patient_signature)
    assert "Confirmed by Dr Lee (registration MED0009)" in text_of(signed.pdf)
    assert _images(signed.pdf) == _images(plain.pdf) + 1
