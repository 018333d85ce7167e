"""The audit trail: an append-only, hash-chained log of who did what, and its check.

Each entry's ``hash`` is the SHA-256 of the previous entry's hash and the entry itself
(written canonically), so a changed, deleted or inserted entry breaks the chain, and
:func:`verify_audit` finds it. Triggers refuse UPDATE and DELETE. Ids use AUTOINCREMENT, so
removing the newest entries leaves the sequence ahead of the last id, which is reported too.

Details hold only ids, codes and references: never a name, a free text or a password.
:func:`append_entry` refuses anything else.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

GENESIS = "0" * 64

SCHEMA = """
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    patient_id INTEGER,
    detail TEXT NOT NULL DEFAULT '{}',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_by_patient ON audit_log(patient_id, id);
CREATE INDEX audit_by_actor ON audit_log(actor, id);
CREATE TRIGGER audit_log_never_changed BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
CREATE TRIGGER audit_log_never_deleted BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
"""

#: Keys a detail may have. Values are ids, flags or short codes (see ``_CODE``).
DETAIL_KEYS = frozenset(
    {
        "visit_id",
        "treatment_id",
        "handout_id",
        "reference",
        "kind",
        "area",
        "question",
        "target",
        "reason",
        "role",
        "account",
        "minutes",
        "count",
        "version",
        "without_consent",
        "fingerprint",
    }
)
_CODE = re.compile(r"[A-Za-z0-9_.:\-]{0,64}")

DetailValue = int | bool | str


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit trail."""

    id: int
    at: datetime
    actor: str
    action: str
    patient_id: int | None
    detail: Mapping[str, DetailValue]


def is_code(value: str) -> bool:
    """Return whether ``value`` may be written in a detail (an id-like short code)."""
    return _CODE.fullmatch(value) is not None


def clean_detail(detail: Mapping[str, object]) -> dict[str, DetailValue]:
    """Return ``detail`` if it holds only allowed keys and id-like values; else raise."""
    cleaned: dict[str, DetailValue] = {}
    for key, value in detail.items():
        if key not in DETAIL_KEYS:
            raise ValueError(f"audit detail key {key!r} is not allowed")
        if value is None:
            continue
        if isinstance(value, bool | int) or (isinstance(value, str) and _CODE.fullmatch(value)):
            cleaned[key] = value
        else:
            raise ValueError(f"audit detail {key!r} must be an id or a short code")
    return cleaned


def _canonical(at: str, actor: str, action: str, patient_id: int | None, detail_json: str) -> bytes:
    return json.dumps(
        [at, actor, action, patient_id, detail_json], ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def entry_hash(
    prev_hash: str, at: str, actor: str, action: str, patient_id: int | None, detail_json: str
) -> str:
    """Return the hash that chains an entry to the one before it."""
    digest = hashlib.sha256(prev_hash.encode("ascii"))
    digest.update(_canonical(at, actor, action, patient_id, detail_json))
    return digest.hexdigest()


def append_entry(
    conn: sqlite3.Connection,
    at: str,
    actor: str,
    action: str,
    patient_id: int | None = None,
    detail: Mapping[str, object] | None = None,
) -> tuple[int, str]:
    """Add an entry at the end of the chain and return its id and hash.

    Call it inside the transaction it describes.
    """
    detail_json = json.dumps(clean_detail(detail or {}), sort_keys=True, separators=(",", ":"))
    row = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev = row[0] if row else GENESIS
    new_hash = entry_hash(prev, at, actor, action, patient_id, detail_json)
    cursor = conn.execute(
        "INSERT INTO audit_log (at, actor, action, patient_id, detail, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (at, actor, action, patient_id, detail_json, prev, new_hash),
    )
    return int(cursor.lastrowid or 0), new_hash


def verify_audit(conn: sqlite3.Connection) -> list[str]:
    """Return every problem found in the audit trail's chain (an empty list: it is whole)."""
    problems: list[str] = []
    expected_prev = GENESIS
    previous_id = 0
    for row in conn.execute(
        "SELECT id, at, actor, action, patient_id, detail, prev_hash, hash FROM audit_log "
        "ORDER BY id"
    ):
        entry_id = row[0]
        if row[6] != expected_prev:
            where = f"after entry {previous_id}" if previous_id else "at the start"
            problems.append(
                f"Entry {entry_id} does not follow the entry before it: an entry {where} "
                "was deleted, inserted or changed."
            )
        if entry_hash(row[6], row[1], row[2], row[3], row[4], row[5]) != row[7]:
            problems.append(f"Entry {entry_id} was changed after it was written.")
        expected_prev = row[7]
        previous_id = entry_id
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").fetchone()
    if seq is not None and seq[0] > previous_id:
        problems.append(
            f"The newest entries (after entry {previous_id}, up to {seq[0]}) were deleted."
        )
    return problems


def _expected_triggers() -> dict[str, str]:
    """Return each trigger that keeps records and the trail unchanged, by name: its SQL."""
    from consult_app.store.documents import SCHEMA as DOCUMENTS_SCHEMA
    from consult_app.store.schema import CORE_SCHEMA

    return {
        match.group(1): _words(match.group(0))
        for script in (CORE_SCHEMA, DOCUMENTS_SCHEMA, SCHEMA)
        for match in re.finditer(r"CREATE TRIGGER (\w+)\b.*?\bEND;", script, re.DOTALL)
    }


def _words(sql: str) -> str:
    return " ".join(sql.rstrip().rstrip(";").split())


def trigger_problems(conn: sqlite3.Connection) -> list[str]:
    """Return a problem when a trigger that refuses changes to kept records is gone or altered."""
    present = {
        r[0]: _words(r[1] or "")
        for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    }
    wanted = _expected_triggers()
    gone = sorted(name for name in wanted if name not in present)
    altered = sorted(n for n, sql in wanted.items() if n in present and present[n] != sql)
    problems = []
    if gone:
        problems.append(
            "The safeguards that refuse changes to the audit trail and the kept records were "
            f"removed ({', '.join(gone)}): someone edited the database file directly, and "
            "entries or records may have been changed since. Restore the newest backup, or ask "
            "for technical help."
        )
    if altered:
        problems.append(
            "The safeguards that refuse changes to the audit trail and the kept records were "
            f"altered ({', '.join(altered)}): someone edited the database file directly. "
            "Restore the newest backup, or ask for technical help."
        )
    return problems


def entry_count(conn: sqlite3.Connection) -> int:
    """Return how many entries the audit trail holds."""
    count: int = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    return count


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to list; empty fields match everything. Dates are ISO ``YYYY-MM-DD``."""

    actor: str = ""
    patient_id: int | None = None
    action: str = ""
    since: str = ""
    until: str = ""
    limit: int = 1000


def find_entries(conn: sqlite3.Connection, wanted: AuditFilter) -> list[AuditEntry]:
    """Return the entries that match ``wanted``, newest first."""
    where: list[str] = []
    params: list[object] = []
    if wanted.actor.strip():
        where.append("actor = ? COLLATE NOCASE")
        params.append(wanted.actor.strip())
    if wanted.patient_id is not None:
        where.append("patient_id = ?")
        params.append(wanted.patient_id)
    if wanted.action.strip():
        where.append("action = ?")
        params.append(wanted.action.strip())
    if wanted.since:
        where.append("substr(at, 1, 10) >= ?")
        params.append(wanted.since)
    if wanted.until:
        where.append("substr(at, 1, 10) <= ?")
        params.append(wanted.until)
    sql = "SELECT id, at, actor, action, patient_id, detail FROM audit_log"
    if where:
        sql += " WHERE " + " AND ".join(where)  # only constant fragments are joined
    sql += " ORDER BY id DESC LIMIT ?"
    params.append(max(wanted.limit, 0))
    return [
        AuditEntry(
            id=r[0],
            at=datetime.fromisoformat(r[1]),
            actor=r[2],
            action=r[3],
            patient_id=r[4],
            detail=json.loads(r[5]),
        )
        for r in conn.execute(sql, params)
    ]


def actions_seen(conn: sqlite3.Connection) -> list[str]:
    """Return the distinct actions in the trail, sorted (for a filter's choices)."""
    return [r[0] for r in conn.execute("SELECT DISTINCT action FROM audit_log ORDER BY action")]
