"""Schema migrations and transactions: an old database upgrades; a failed action leaves nothing."""

import sqlite3
import subprocess
import sys
import textwrap
from datetime import date

import pytest
from factories import details

from consult_app.domain.access import system_user
from consult_app.store import SchemaTooNewError, Store, StoreError
from consult_app.store.schema import MIGRATIONS, SCHEMA_VERSION, upgrade

TODAY = date(2025, 6, 15)


def test_upgrades_a_database_made_by_the_first_schema(tmp_path):
    conn = sqlite3.connect(tmp_path / "consult.db", isolation_level=None)
    assert upgrade(conn, target=1) == 1
    conn.execute(
        "INSERT INTO patients (given_name, family_name, birth_date, phone, created_at, "
        "created_by, updated_at, updated_by) VALUES ('Zoë', 'O''Brien', '1985-03-07', "
        "'0412 345 678', '2024-01-01T09:00:00+10:00', 'old', '2024-01-01T09:00:00+10:00', 'old')"
    )
    conn.close()
    with Store.open(tmp_path) as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        [found] = store.patients.search_patients("zoe obr")
        assert found.details.family_name == "O'Brien"
        assert found.created_by == "old"
        assert [p.id for p in store.patients.search_patients("0412")] == [found.id]


def test_an_index_made_before_version_5_learns_name_and_phone_endings(tmp_path):
    conn = sqlite3.connect(tmp_path / "consult.db", isolation_level=None)
    upgrade(conn, target=4)
    conn.execute(
        "INSERT INTO patients (given_name, family_name, birth_date, phone, created_at, "
        "created_by, updated_at, updated_by) VALUES ('小龙', '李', '1980-11-27', "
        "'0491 570 156', '2024-01-01T09:00:00+10:00', 'old', '2024-01-01T09:00:00+10:00', 'old')"
    )
    # The search terms as version 4 wrote them: no joined name, no phone endings.
    conn.execute(
        "INSERT INTO patient_search(rowid, terms) VALUES (1, '小龙 李 0491 570 156 0491570156')"
    )
    conn.close()
    with Store.open(tmp_path) as store:
        assert [p.id for p in store.patients.search_patients("李小龙")] == [1]
        assert [p.id for p in store.patients.search_patients("570156")] == [1]


def test_migrations_are_ordered_and_version_matches():
    assert len(MIGRATIONS) == SCHEMA_VERSION >= 2


def test_a_failing_migration_leaves_the_database_at_its_old_version(tmp_path, monkeypatch):
    conn = sqlite3.connect(tmp_path / "consult.db", isolation_level=None)
    upgrade(conn, target=1)

    def broken(c):
        c.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk full")

    monkeypatch.setattr("consult_app.store.schema.MIGRATIONS", (MIGRATIONS[0], broken))
    with pytest.raises(RuntimeError):
        upgrade(conn, target=2)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables


def test_newer_database_is_refused_with_a_clear_message(tmp_path):
    conn = sqlite3.connect(tmp_path / "consult.db")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(SchemaTooNewError, match="newer version"):
        Store.open(tmp_path)


def test_unwritable_data_dir_gives_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match=r"Cannot open the records in .*Not a directory"):
        Store.open(blocker / "data")


def test_failure_inside_an_action_rolls_all_of_it_back(store):
    def fail_after_writes(conn, actor, action):
        raise RuntimeError("power cut")

    store.add_write_listener(fail_after_writes)
    with pytest.raises(RuntimeError):
        store.patients.create_patient(details(), TODAY)
    store._listeners.clear()
    assert store.patients.search_patients("") == []
    assert store._conn.execute("SELECT count(*) FROM patient_search").fetchone()[0] == 0
    assert not store._conn.in_transaction


def test_write_listener_sees_each_action(store):
    seen = []
    store.add_write_listener(lambda conn, actor, action: seen.append((actor, action)))
    patient = store.for_user(system_user("reception")).patients.create_patient(details(), TODAY)
    store.patients.archive_patient(patient.id)
    assert seen == [("reception", "create_patient"), ("Dr Hala", "archive_patient")]


def test_crash_mid_transaction_loses_only_the_unfinished_action(tmp_path):
    with Store.open(tmp_path) as store:
        kept = store.patients.create_patient(details("Kept", "Patient"), TODAY)
    script = textwrap.dedent(
        f"""
        import os
        from datetime import date
        from consult_app.domain.models import PatientDetails
        from consult_app.store import Store
        store = Store.open(__import__("pathlib").Path({str(tmp_path)!r}))
        def crash(conn, actor, action):
            conn.execute(
                "INSERT INTO patients (given_name, family_name, created_at, created_by, "
                "updated_at, updated_by) VALUES ('Half', 'Done', 'x', 'x', 'x', 'x')"
            )
            os._exit(3)
        store.add_write_listener(crash)
        store.patients.create_patient(
            PatientDetails("Lost", "Patient", date(1990, 1, 1)), date(2025, 6, 15)
        )
        """
    )
    result = subprocess.run([sys.executable, "-c", script], check=False)
    assert result.returncode == 3
    with Store.open(tmp_path) as store:
        names = [
            p.details.given_name for p in store.patients.search_patients("", include_archived=True)
        ]
        assert names == ["Kept"]
        assert store._conn.execute("SELECT count(*) FROM patients").fetchone()[0] == 1
        assert store.patients.get_patient(kept.id).details.family_name == "Patient"
