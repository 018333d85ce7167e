"""Patients: saved, validated, found as you type, archived not deleted."""

import sqlite3
from datetime import date

import pytest
from factories import details

from consult_app.domain.access import system_user
from consult_app.store import NotFoundError, Store, ValidationError
from consult_app.store.schema import SCHEMA_VERSION

TODAY = date(2025, 6, 15)


def test_database_is_wal_with_foreign_keys_and_schema_version(store, tmp_path):
    assert (tmp_path / "data" / "consult.db").exists()
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_created_patient_survives_reopening(tmp_path, clock):
    with Store.open(tmp_path, clock=clock, user=system_user("Dr Hala")) as first:
        patient = first.patients.create_patient(details(phone="0412 345 678"), TODAY)
    with Store.open(tmp_path, clock=clock) as again:
        saved = again.patients.get_patient(patient.id)
    assert saved.details == patient.details
    assert saved.created_by == "Dr Hala"
    assert saved.created_at.isoformat() == "2025-06-15T23:30:00+10:00"


@pytest.mark.parametrize(
    ("given", "family"),
    [("Zoë", "O'Brien"), ("عائشة", "الحسن"), ("小龙", "李"), ("'; DROP TABLE patients; --", "<b>")],
)
def test_unicode_and_markup_are_stored_literally_and_found(store, given, family):
    patient = store.patients.create_patient(details(given, family), TODAY)
    saved = store.patients.get_patient(patient.id)
    assert (saved.details.given_name, saved.details.family_name) == (given, family)
    assert [p.id for p in store.patients.search_patients(family[:2])] == [patient.id]
    assert store._conn.execute("SELECT count(*) FROM patients").fetchone()[0] == 1


def test_bad_input_is_not_saved(store):
    with pytest.raises(ValidationError) as caught:
        store.patients.create_patient(details(given="", email="nope"), TODAY)
    assert set(caught.value.errors) == {"given_name", "email"}
    assert store.patients.search_patients("") == []


def test_each_change_is_recorded_under_the_store_user(store):
    desk = store.for_user(system_user("reception"))
    patient = desk.patients.create_patient(details(), TODAY)
    store.patients.archive_patient(patient.id)
    archived = store.patients.get_patient(patient.id)
    assert (archived.created_by, archived.updated_by) == ("reception", "reception")
    assert archived.archived_by == "Dr Hala"
    trail = [(e.actor, e.action) for e in store.audit.audit_trail()]
    assert trail[:2] == [("Dr Hala", "archive_patient"), ("reception", "create_patient")]


@pytest.fixture
def people(store):
    rows = [
        details("Zoë", "O'Brien", date(1985, 3, 7), phone="0412 345 678"),
        details("Zoe", "Smith", date(1990, 11, 2), phone="+61 2 9876 5432"),
        details("Chloé", "Ünal", date(1985, 3, 17)),
        details("عائشة", "Khan", date(2000, 2, 29)),
        details("Anna", "Müller-Lüdenscheidt", date(1971, 7, 1)),
    ]
    return [store.patients.create_patient(r, TODAY).id for r in rows]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("zoe", [0, 1]),
        ("ZOË", [0, 1]),
        ("obrien", [0]),
        ("o'b", [0]),
        ("chloe unal", [2]),
        ("unal", [2]),
        ("muller", [4]),
        ("mullerlud", [4]),
        ("عائشة", [3]),
        ("1985-03", [0, 2]),
        ("1985-03-07", [0]),
        ("07/03/1985", [0]),
        ("29/02", [3]),
        ("0412 345", [0]),
        ("0412345678", [0]),
        ("412345", [0]),
        ("9876 54", [1]),
        ('"', []),
        ("zo*", [0, 1]),
        ("NEAR(", []),
        ("zoe OR", []),
        ("-zoe", [0, 1]),
        ("x" * 300, []),
    ],
)
def test_search_as_you_type(store, people, typed, expected):
    assert [p.id for p in store.patients.search_patients(typed)] == [people[i] for i in expected]


def test_search_is_ordered_by_name_and_limited(store, people):
    names = [p.details.family_name for p in store.patients.search_patients("")]
    assert names == ["Khan", "Müller-Lüdenscheidt", "O'Brien", "Smith", "Ünal"]
    assert len(store.patients.search_patients("", limit=2)) == 2


def test_edit_updates_search(store, people):
    patient = store.patients.get_patient(people[1])
    desk = store.for_user(system_user("reception"))
    changed = desk.patients.update_patient(
        patient.id, details("Zoe", "Jones", date(1990, 11, 2)), TODAY
    )
    assert changed.updated_by == "reception"
    assert store.patients.search_patients("smith") == []
    assert [p.id for p in store.patients.search_patients("jones")] == [patient.id]


def test_edit_with_bad_input_keeps_the_old_details(store, people):
    before = store.patients.get_patient(people[0])
    with pytest.raises(ValidationError):
        store.patients.update_patient(people[0], details(birth=date(2030, 1, 1)), TODAY)
    assert store.patients.get_patient(people[0]).details == before.details


def test_archived_patients_are_kept_but_hidden(store, people):
    archived = store.patients.archive_patient(people[0])
    assert archived.archived and archived.archived_by == "Dr Hala"
    assert [p.id for p in store.patients.search_patients("obrien")] == []
    assert [p.id for p in store.patients.search_patients("obrien", include_archived=True)] == [
        people[0]
    ]
    assert store.patients.restore_patient(people[0]).archived is False


def test_patients_cannot_be_deleted_even_by_sql(store, people):
    with pytest.raises(sqlite3.IntegrityError, match="archived, not deleted"):
        store._conn.execute("DELETE FROM patients WHERE id = ?", (people[0],))


def test_unknown_patient(store):
    with pytest.raises(NotFoundError, match="Patient 99 does not exist"):
        store.patients.get_patient(99)


def test_same_person_ignores_case_accents_and_spacing(store):
    zoe = store.patients.create_patient(details("Zoë", "O'Brien", birth=date(1985, 3, 7)), TODAY)
    store.patients.create_patient(details("Zoë", "O'Brien", birth=date(1985, 3, 8)), TODAY)
    store.patients.create_patient(details("Zoë Ann", "O'Brien", birth=date(1985, 3, 7)), TODAY)
    found = store.patients.same_person(" zoe ", "O'BRIEN", date(1985, 3, 7))
    assert [p.id for p in found] == [zoe.id]
    assert store.patients.same_person("Zoe", "Brien", date(1985, 3, 7)) == []


def test_same_person_leaves_out_archived_patients(store):
    old = store.patients.create_patient(details("Ana", "Silva", birth=date(1990, 1, 2)), TODAY)
    store.patients.archive_patient(old.id)
    assert store.patients.same_person("Ana", "Silva", date(1990, 1, 2)) == []
