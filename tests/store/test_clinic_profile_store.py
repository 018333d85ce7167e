"""The clinic profile in the records: kept whole, checked, admin-only, audited, migrated."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from consult_app.domain.access import Role
from consult_app.domain.clinic_profile import ClinicProfile
from consult_app.store import Store, ValidationError
from consult_app.store.access import AccessDeniedError
from consult_app.store.audit import AuditFilter
from consult_app.store.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    migrate_8_clinic_profile,
    upgrade,
)
from consult_app.store.store import DB_NAME

PASSWORD = "a long enough secret"

PROFILE = ClinicProfile(
    name=" Riverside Skin ",
    address=("1 River Road", "", "Rivertown VIC 3000"),
    phone="(03) 5550 9876",
    country="au",
    state="vic",
    out_of_hours="0400 000 111",
    logo=b"\x89PNG not checked here",
)


def test_a_saved_profile_reads_back_cleaned_and_survives_reopening(store: Store) -> None:
    assert store.clinic.clinic_profile() is None
    saved = store.clinic.save_clinic_profile(PROFILE)
    assert saved.name == "Riverside Skin"
    assert saved.address == ("1 River Road", "Rivertown VIC 3000")
    assert (saved.country, saved.state) == ("AU", "VIC")
    path = store.path.parent
    store.close()
    with Store.open(path) as again:
        assert again.clinic.clinic_profile() == saved


def test_a_second_save_replaces_the_first(store: Store) -> None:
    store.clinic.save_clinic_profile(PROFILE)
    store.clinic.save_clinic_profile(replace(PROFILE, logo=None))
    kept = store.clinic.clinic_profile()
    assert kept is not None and kept.logo is None
    count = store._conn.execute("SELECT count(*) FROM clinic_profile").fetchone()[0]
    assert count == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "  ", "Type the clinic's phone number"),
        ("phone", "call us", "is not a phone number"),
        ("name", "", "Type the clinic's name"),
        ("address", ("", " "), "Type the clinic's address"),
        ("out_of_hours", "after 6pm", "out-of-hours line 'after 6pm' is not a phone number"),
    ],
)
def test_a_profile_with_a_problem_is_refused_and_nothing_changes(
    store: Store, field: str, value: object, message: str
) -> None:
    store.clinic.save_clinic_profile(PROFILE)
    before = store.clinic.clinic_profile()
    bad = replace(PROFILE, **{field: value})  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as raised:
        store.clinic.save_clinic_profile(bad)
    assert message in raised.value.errors[field]
    assert store.clinic.clinic_profile() == before


def test_only_an_admin_may_change_it_and_the_change_is_in_the_audit_trail(
    store: Store,
) -> None:
    store.users.create_first_admin("owner", "Clinic Owner", PASSWORD)
    admin = store.sign_in("owner", PASSWORD)
    admin.users.add_user("desk", "Front Desk", Role.RECEPTION, PASSWORD)
    admin.users.add_user("hala", "Dr Hala", Role.PRACTITIONER, PASSWORD)
    for name in ("desk", "hala"):
        other = store.sign_in(name, PASSWORD)
        with pytest.raises(AccessDeniedError, match="may not change the clinic's details"):
            other.clinic.save_clinic_profile(PROFILE)
    admin.clinic.save_clinic_profile(PROFILE)
    reception = store.sign_in("desk", PASSWORD)
    kept = reception.clinic.clinic_profile()
    assert kept is not None and kept.name == "Riverside Skin"
    [entry] = admin.audit.audit_trail(AuditFilter(action="change_clinic_profile"))
    assert entry.actor == "owner"


def test_the_migration_adds_the_table_to_records_of_the_version_before(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path, isolation_level=None)
    upgrade(conn, MIGRATIONS.index(migrate_8_clinic_profile))
    find = "SELECT 1 FROM sqlite_master WHERE name = 'clinic_profile'"
    assert conn.execute(find).fetchone() is None
    assert upgrade(conn) == SCHEMA_VERSION
    assert conn.execute(find).fetchone() is not None
    conn.close()
    with Store.open(tmp_path) as store:
        assert store.clinic.clinic_profile() is None
