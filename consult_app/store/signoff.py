"""Clinical sign-offs of the content: kept in order, never changed; the newest is current.

Each row says which content (version and fingerprint) the clinic's doctor signed off, under
what name, when, and which admin account recorded it. Recording one is a write like any other,
so it is in the audit trail; the entry holds the fingerprint and, when it is a short code, the
version (never the doctor's name: the trail holds no names).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from consult_app.domain.access import Permission
from consult_app.domain.signoff import ContentSignOff, sign_off_problem
from consult_app.store.access import requires
from consult_app.store.audit import is_code
from consult_app.store.base import StoreBase
from consult_app.store.errors import ValidationError

SCHEMA = """
CREATE TABLE content_signoffs (
    id INTEGER PRIMARY KEY,
    content_version TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    signed_by TEXT NOT NULL CHECK (length(trim(signed_by)) > 0),
    signed_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE TRIGGER content_signoffs_never_changed BEFORE UPDATE ON content_signoffs
BEGIN SELECT RAISE(ABORT, 'sign-offs are never changed'); END;
CREATE TRIGGER content_signoffs_never_deleted BEFORE DELETE ON content_signoffs
BEGIN SELECT RAISE(ABORT, 'sign-offs are never deleted'); END;
"""

#: The audit action of a recorded sign-off.
SIGN_OFF_ACTION = "sign_off_content"


def _sign_off(row: sqlite3.Row) -> ContentSignOff:
    return ContentSignOff(
        id=row["id"],
        content_version=row["content_version"],
        fingerprint=row["fingerprint"],
        signed_by=row["signed_by"],
        signed_at=datetime.fromisoformat(row["signed_at"]),
        recorded_by=row["recorded_by"],
    )


class SqliteSignOffs(StoreBase):
    """Record the doctor's sign-off of the content (admin only); read the current one."""

    @requires(Permission.SIGN_OFF_CONTENT)
    def record_content_sign_off(
        self, content_version: str, fingerprint: str, signed_by: str
    ) -> ContentSignOff:
        """Record that ``signed_by`` signed off this content version and fingerprint."""
        problem = sign_off_problem(signed_by, content_version, fingerprint)
        if problem is not None:
            raise ValidationError({"sign_off": problem})
        version = content_version.strip()
        code = version if is_code(version) else None
        with self._write(SIGN_OFF_ACTION, fingerprint=fingerprint, version=code) as conn:
            cursor = conn.execute(
                "INSERT INTO content_signoffs (content_version, fingerprint, signed_by,"
                " signed_at, recorded_by) VALUES (?, ?, ?, ?, ?)",
                (version, fingerprint, signed_by.strip(), self._now(), self._actor),
            )
            self._write_about(reference=f"signoff-{cursor.lastrowid}")
        current = self.content_sign_off()
        assert current is not None
        return current

    @requires(Permission.READ_SIGN_OFF)
    def content_sign_off(self) -> ContentSignOff | None:
        """Return the newest sign-off, or ``None`` if the content was never signed off."""
        row = self._conn.execute(
            "SELECT * FROM content_signoffs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return _sign_off(row) if row is not None else None

    @requires(Permission.READ_SIGN_OFF)
    def content_sign_offs(self) -> list[ContentSignOff]:
        """Return every sign-off recorded, newest first."""
        rows = self._conn.execute("SELECT * FROM content_signoffs ORDER BY id DESC")
        return [_sign_off(row) for row in rows]
