"""Database schema and its ordered migrations.

``PRAGMA user_version`` holds the number of migrations applied. Each migration is a small
function run inside the same transaction as the version bump, so a database is always at
one whole version. Add new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

from consult_app.store.errors import SchemaTooNewError
from consult_app.store.search_text import index_text

Migration = Callable[[sqlite3.Connection], None]

_V1 = """
CREATE TABLE patients (
    id INTEGER PRIMARY KEY,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    preferred_name TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    archived_at TEXT,
    archived_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE visits (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    visit_date TEXT NOT NULL,
    started_at TEXT NOT NULL,
    started_by TEXT NOT NULL,
    finished_at TEXT,
    finished_by TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX visits_by_patient ON visits(patient_id, visit_date);
CREATE TABLE screening_answers (
    visit_id INTEGER NOT NULL REFERENCES visits(id),
    question_id TEXT NOT NULL,
    answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'unsure')),
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (visit_id, question_id)
);
CREATE TABLE overrides (
    visit_id INTEGER NOT NULL REFERENCES visits(id),
    area_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (visit_id, area_id)
);
CREATE TABLE goals (
    visit_id INTEGER NOT NULL REFERENCES visits(id),
    area_id TEXT NOT NULL,
    concern TEXT NOT NULL,
    severity_at_rest TEXT NOT NULL,
    severity_moving TEXT NOT NULL,
    hope TEXT NOT NULL,
    priority INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (visit_id, area_id)
);
CREATE TABLE treatments (
    id INTEGER PRIMARY KEY,
    visit_id INTEGER NOT NULL REFERENCES visits(id),
    area_id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    units TEXT NOT NULL,
    batch TEXT NOT NULL,
    expiry TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX treatments_by_visit ON treatments(visit_id);
CREATE TABLE reviews (
    visit_id INTEGER NOT NULL REFERENCES visits(id),
    area_id TEXT NOT NULL,
    patient_rating INTEGER NOT NULL,
    assessment TEXT NOT NULL,
    top_up_given INTEGER NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (visit_id, area_id)
);
CREATE TABLE plan_versions (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    visit_id INTEGER REFERENCES visits(id),
    number INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    plan_json TEXT NOT NULL,
    next_kind TEXT,
    next_due TEXT,
    UNIQUE (patient_id, number)
);
CREATE TABLE amendments (
    id INTEGER PRIMARY KEY,
    visit_id INTEGER NOT NULL REFERENCES visits(id),
    target TEXT NOT NULL,
    target_id TEXT NOT NULL,
    original TEXT NOT NULL,
    amended TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX amendments_by_visit ON amendments(visit_id);
CREATE TRIGGER patients_never_deleted BEFORE DELETE ON patients
BEGIN SELECT RAISE(ABORT, 'patients are archived, not deleted'); END;
CREATE TRIGGER visits_never_deleted BEFORE DELETE ON visits
BEGIN SELECT RAISE(ABORT, 'visits are never deleted'); END;
CREATE TRIGGER treatments_never_deleted BEFORE DELETE ON treatments
BEGIN SELECT RAISE(ABORT, 'treatments are amended, not deleted'); END;
CREATE TRIGGER plan_versions_never_changed BEFORE UPDATE ON plan_versions
BEGIN SELECT RAISE(ABORT, 'plan versions are never changed'); END;
CREATE TRIGGER plan_versions_never_deleted BEFORE DELETE ON plan_versions
BEGIN SELECT RAISE(ABORT, 'plan versions are never deleted'); END;
CREATE TRIGGER amendments_never_changed BEFORE UPDATE ON amendments
BEGIN SELECT RAISE(ABORT, 'amendments are never changed'); END;
CREATE TRIGGER amendments_never_deleted BEFORE DELETE ON amendments
BEGIN SELECT RAISE(ABORT, 'amendments are never deleted'); END;
"""


#: The core tables, indexes and triggers (migration 1), for checks that compare against them.
CORE_SCHEMA = _V1


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT first; run statement by statement inside our transaction.
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            conn.execute(buffer)
            buffer = ""


def migrate_1_core_tables(conn: sqlite3.Connection) -> None:
    """Create patients, visits and the clinical records."""
    _run_script(conn, _V1)


def migrate_2_patient_search(conn: sqlite3.Connection) -> None:
    """Add the search-as-you-type index (names, phone, birth date; no case, no accents)."""
    conn.execute(
        "CREATE VIRTUAL TABLE patient_search USING fts5("
        "terms, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
    )
    conn.execute("CREATE INDEX patients_by_name ON patients(family_name, given_name)")
    conn.execute("CREATE INDEX plan_versions_next ON plan_versions(patient_id, number)")
    _index_all_patients(conn)


def _index_all_patients(conn: sqlite3.Connection) -> None:
    """Fill the search index from every patient's current details."""
    rows = conn.execute(
        "SELECT id, given_name, family_name, preferred_name, phone, birth_date FROM patients"
    ).fetchall()
    conn.executemany(
        "INSERT INTO patient_search(rowid, terms) VALUES (?, ?)",
        [
            (
                row[0],
                index_text(
                    row[1], row[2], row[3], row[4], date.fromisoformat(row[5]) if row[5] else None
                ),
            )
            for row in rows
        ],
    )


def migrate_3_documents(conn: sqlite3.Connection) -> None:
    """Keep issued handouts (with their PDF, for identical re-prints) and signed consents."""
    from consult_app.store.documents import SCHEMA

    _run_script(conn, SCHEMA)


def migrate_4_users_and_audit(conn: sqlite3.Connection) -> None:
    """Add user accounts, app settings and the hash-chained, append-only audit trail."""
    from consult_app.store.audit import SCHEMA as AUDIT_SCHEMA
    from consult_app.store.users import SCHEMA as USERS_SCHEMA

    _run_script(conn, USERS_SCHEMA)
    _run_script(conn, AUDIT_SCHEMA)


def migrate_5_search_endings(conn: sqlite3.Connection) -> None:
    """Re-index patients so whole names without spaces and phone endings are found too."""
    conn.execute("DELETE FROM patient_search")
    _index_all_patients(conn)


_QUESTIONNAIRE_RESULTS = """
CREATE TABLE questionnaire_results (
    visit_id INTEGER NOT NULL REFERENCES visits(id),
    questionnaire_id TEXT NOT NULL,
    instrument TEXT NOT NULL CHECK (length(trim(instrument)) > 0),
    outcome TEXT NOT NULL CHECK (outcome IN ('positive', 'negative', 'declined')),
    note TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    PRIMARY KEY (visit_id, questionnaire_id)
);
"""


def migrate_6_questionnaire_results(conn: sqlite3.Connection) -> None:
    """Keep each visit's screening questionnaire result: instrument, outcome, who and when."""
    _run_script(conn, _QUESTIONNAIRE_RESULTS)


def migrate_7_content_signoff(conn: sqlite3.Connection) -> None:
    """Keep the clinical sign-offs of the content (who signed which version and fingerprint)."""
    from consult_app.store.signoff import SCHEMA as SIGNOFF_SCHEMA

    _run_script(conn, SIGNOFF_SCHEMA)


_CLINIC_PROFILE = """
CREATE TABLE clinic_profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    address TEXT NOT NULL,
    phone TEXT NOT NULL CHECK (length(trim(phone)) > 0),
    country TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT '',
    out_of_hours TEXT NOT NULL DEFAULT '',
    logo BLOB,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
"""

_UNLOCK_PINS = """
CREATE TABLE unlock_pins (
    user_id INTEGER PRIMARY KEY REFERENCES users(id),
    pin_hash TEXT NOT NULL,
    set_at TEXT NOT NULL
);
"""


def migrate_8_clinic_profile(conn: sqlite3.Connection) -> None:
    """Keep the clinic's details entered in the app (one row), over clinic.yaml's."""
    _run_script(conn, _CLINIC_PROFILE)


def migrate_9_unlock_pins(conn: sqlite3.Connection) -> None:
    """Keep each user's optional unlock PIN (an argon2id hash), for a locked window only."""
    _run_script(conn, _UNLOCK_PINS)


def migrate_10_recall_contacts(conn: sqlite3.Connection) -> None:
    """Keep the front desk's contacts and snoozes about each recall (how, when, by whom)."""
    from consult_app.store.recall_desk import SCHEMA as RECALL_SCHEMA

    _run_script(conn, RECALL_SCHEMA)


def migrate_11_practitioner_details(conn: sqlite3.Connection) -> None:
    """Give each user a registration number and a signature image to print with."""
    conn.execute("ALTER TABLE users ADD COLUMN registration TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE users ADD COLUMN signature BLOB")


#: Ordered migrations; ``user_version`` = how many have run.
MIGRATIONS: tuple[Migration, ...] = (
    migrate_1_core_tables,
    migrate_2_patient_search,
    migrate_3_documents,
    migrate_4_users_and_audit,
    migrate_5_search_endings,
    migrate_6_questionnaire_results,
    migrate_7_content_signoff,
    migrate_8_clinic_profile,
    migrate_9_unlock_pins,
    migrate_10_recall_contacts,
    migrate_11_practitioner_details,
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """Return the database's schema version."""
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def upgrade(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Run the migrations the database still needs, each in its own transaction.

    ``conn`` must be in autocommit mode (``isolation_level=None``). Returns the new version.
    """
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"This data was saved by a newer version of the app (schema {current}, this app "
            f"knows {SCHEMA_VERSION}). Install the newer version to open it."
        )
    for number in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[number - 1](conn)
            conn.execute(f"PRAGMA user_version = {number:d}")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return schema_version(conn)
