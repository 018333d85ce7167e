"""Handouts issued and consents given: kept as they were, for identical re-prints.

A handout row keeps the PDF itself, so a re-print years later is the same file even after the
clinic's content has changed. Rows are never changed or deleted (triggers refuse it).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from consult_app.domain.access import Permission
from consult_app.store.access import denial, requires
from consult_app.store.base import StoreBase
from consult_app.store.codec import goal_from_row
from consult_app.store.errors import NotFoundError, StoreError, ValidationError
from consult_app.store.views import SheetFacts, SheetGoal, plan_dates

SCHEMA = """
CREATE TABLE handouts (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER REFERENCES patients(id),
    visit_id INTEGER REFERENCES visits(id),
    kind TEXT NOT NULL CHECK (kind IN ('sheet', 'generic', 'consent')),
    area_ids TEXT NOT NULL,
    content_version TEXT NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    pdf BLOB NOT NULL,
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL
);
CREATE INDEX handouts_by_patient ON handouts(patient_id, id);
CREATE TRIGGER handouts_kept_delete BEFORE DELETE ON handouts
BEGIN SELECT RAISE(ABORT, 'issued handouts are kept'); END;
CREATE TRIGGER handouts_kept_update BEFORE UPDATE ON handouts
BEGIN SELECT RAISE(ABORT, 'issued handouts are kept'); END;
CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    visit_id INTEGER NOT NULL REFERENCES visits(id),
    area_ids TEXT NOT NULL,
    signature_png BLOB NOT NULL,
    confirmed_by TEXT NOT NULL,
    content_version TEXT NOT NULL,
    signed_at TEXT NOT NULL
);
CREATE INDEX consents_by_visit ON consents(visit_id);
CREATE TRIGGER consents_kept_delete BEFORE DELETE ON consents
BEGIN SELECT RAISE(ABORT, 'consents are kept'); END;
CREATE TRIGGER consents_kept_update BEFORE UPDATE ON consents
BEGIN SELECT RAISE(ABORT, 'consents are kept'); END;
"""


_NOT_A_PDF = "This is not a whole PDF file, so it was not kept. Build the handout again."
_WRONG_FINGERPRINT = (
    "The handout's fingerprint does not match its file, so it was not kept. Build the "
    "handout again."
)


def _looks_like_pdf(data: bytes) -> bool:
    """Return whether ``data`` starts as a PDF file does and ends with its end-of-file mark."""
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


class HandoutKind(StrEnum):
    """What was printed."""

    SHEET = "sheet"
    GENERIC = "generic"
    CONSENT = "consent"


@dataclass(frozen=True)
class IssuedHandout:
    """A handout as it was issued (without its PDF bytes; see :meth:`handout_pdf`)."""

    id: int
    patient_id: int | None
    visit_id: int | None
    kind: HandoutKind
    area_ids: tuple[str, ...]
    content_version: str
    reference: str
    sha256: str
    issued_at: datetime
    issued_by: str


@dataclass(frozen=True)
class Consent:
    """The patient's signed consent for areas at one visit."""

    id: int
    visit_id: int
    area_ids: tuple[str, ...]
    signature_png: bytes
    confirmed_by: str
    content_version: str
    signed_at: datetime


def _handout(row: sqlite3.Row) -> IssuedHandout:
    return IssuedHandout(
        id=row["id"],
        patient_id=row["patient_id"],
        visit_id=row["visit_id"],
        kind=HandoutKind(row["kind"]),
        area_ids=tuple(json.loads(row["area_ids"])),
        content_version=row["content_version"],
        reference=row["reference"],
        sha256=row["sha256"],
        issued_at=datetime.fromisoformat(row["issued_at"]),
        issued_by=row["issued_by"],
    )


#: Starts the notes of a treatment recorded without a signed consent, before the reason.
CONSENT_OVERRIDE_NOTE = "Treated without signed consent: "


def consent_gap(
    conn: sqlite3.Connection, visit_id: int, area_id: str, content_version: str
) -> str | None:
    """Return why no signed consent at the visit covers ``area_id`` today, or ``None``.

    A consent counts only for the content version it was signed on: when the clinic's words
    changed since, the patient has not read what is on screen now.
    """
    signed = [
        (tuple(json.loads(row["area_ids"])), row["content_version"])
        for row in conn.execute(
            "SELECT area_ids, content_version FROM consents WHERE visit_id = ? ORDER BY id",
            (visit_id,),
        )
    ]
    if any(area_id in areas and version == content_version for areas, version in signed):
        return None
    if any(area_id in areas for areas, _version in signed):
        return (
            "The patient signed consent for this area on other information (content version "
            f"changed to {content_version}). Ask them to sign consent again, or record why you "
            "treat without it."
        )
    return (
        "The patient has not signed consent for this area at this visit. Record their consent "
        "first, or record why you treat without it."
    )


class SqliteDocuments(StoreBase):
    """Records of handouts issued and consents given."""

    @requires(Permission.WRITE_CLINICAL)
    def sheet_facts(self, patient_id: int) -> SheetFacts:
        """Return what the patient's personal information sheet shows.

        Only the practitioner builds a sheet: it carries the patient's goals in their own
        words, so reception prints an issued sheet again instead of reading these.
        """
        patient = self._patient(patient_id)
        goals = tuple(
            SheetGoal.of(goal_from_row(r))
            for r in self._conn.execute(
                "SELECT g.* FROM goals g WHERE g.visit_id = (SELECT v.id FROM visits v "
                "JOIN goals h ON h.visit_id = v.id WHERE v.patient_id = ? "
                "ORDER BY v.visit_date DESC, v.id DESC LIMIT 1) ORDER BY g.priority, g.area_id",
                (patient_id,),
            )
        )
        latest = self._conn.execute(
            "SELECT id, visit_date FROM visits WHERE patient_id = ? "
            "ORDER BY visit_date DESC, id DESC LIMIT 1",
            (patient_id,),
        ).fetchone()
        treated: tuple[tuple[str, str, str], ...] = ()
        # Products and batches are clinical: they go on a sheet the practitioner issues, and
        # reception prints that issued sheet again rather than building one with them.
        if latest and self._can(Permission.READ_CLINICAL):
            treated = tuple(
                (r["area_id"], r["product_id"], r["batch"])
                for r in self._conn.execute(
                    "SELECT area_id, product_id, batch FROM treatments WHERE visit_id = ? "
                    "ORDER BY id",
                    (latest[0],),
                )
            )
        return SheetFacts(
            patient,
            goals,
            plan_dates(self._conn, patient_id),
            latest[0] if latest else None,
            treated,
            date.fromisoformat(latest[1]) if latest else None,
        )

    @requires(Permission.PRINT_HANDOUTS)
    def next_handout_reference(self, day: date) -> str:
        """Return a fresh, human-readable reference for a handout issued on ``day``."""
        prefix = day.strftime("%Y%m%d")
        count = self._conn.execute(
            "SELECT COUNT(*) FROM handouts WHERE reference LIKE ?", (f"{prefix}-%",)
        ).fetchone()[0]
        return f"{prefix}-{count + 1:03d}"

    @requires(Permission.PRINT_HANDOUTS)
    def record_handout(
        self,
        *,
        kind: HandoutKind,
        patient_id: int | None,
        visit_id: int | None,
        area_ids: tuple[str, ...],
        content_version: str,
        reference: str,
        sha256: str,
        pdf: bytes,
    ) -> IssuedHandout:
        """Keep a copy of a handout that was printed, saved or handed over.

        ``pdf`` must be a whole PDF file and ``sha256`` its SHA-256, so that a re-print years
        later is provably the file that was handed over.
        """
        if kind is not HandoutKind.GENERIC and not self._can(Permission.WRITE_CLINICAL):
            # A personal sheet or consent is issued by the practitioner of the visit.
            raise denial(self._user, Permission.WRITE_CLINICAL)
        if not _looks_like_pdf(pdf):
            raise ValidationError({"pdf": _NOT_A_PDF})
        if not hmac.compare_digest(hashlib.sha256(pdf).hexdigest(), sha256.lower()):
            raise ValidationError({"sha256": _WRONG_FINGERPRINT})
        if patient_id is not None:
            self._require_patient(patient_id)
        try:
            with self._write(
                f"issue_{kind.value}", patient_id, visit_id=visit_id, reference=reference
            ) as conn:
                cursor = conn.execute(
                    "INSERT INTO handouts (patient_id, visit_id, kind, area_ids, content_version,"
                    " reference, sha256, pdf, issued_at, issued_by)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        patient_id,
                        visit_id,
                        kind.value,
                        json.dumps(list(area_ids)),
                        content_version,
                        reference,
                        sha256,
                        pdf,
                        self._now(),
                        self._actor,
                    ),
                )
                handout_id = cursor.lastrowid
                self._write_about(handout_id=handout_id)
        except sqlite3.IntegrityError as error:
            raise StoreError(
                f"A handout with the reference {reference} already exists. Try again."
            ) from error
        assert handout_id is not None
        return self.get_handout(handout_id)

    @requires(Permission.PRINT_HANDOUTS)
    def get_handout(self, handout_id: int) -> IssuedHandout:
        """Return one issued handout."""
        row = self._conn.execute("SELECT * FROM handouts WHERE id = ?", (handout_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"Handout {handout_id} does not exist.")
        return _handout(row)

    @requires(Permission.PRINT_HANDOUTS)
    def handout_pdf(self, handout_id: int) -> bytes:
        """Return the PDF exactly as it was issued, to print again (recorded as a re-print)."""
        row = self._conn.execute(
            "SELECT pdf, patient_id, reference FROM handouts WHERE id = ?", (handout_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"Handout {handout_id} does not exist.")
        self._log(
            "reprint_handout", row["patient_id"], handout_id=handout_id, reference=row["reference"]
        )
        return bytes(row["pdf"])

    @requires(Permission.PRINT_HANDOUTS)
    def handouts_for(self, patient_id: int) -> list[IssuedHandout]:
        """Return the handouts issued to a patient, newest first."""
        rows = self._conn.execute(
            "SELECT * FROM handouts WHERE patient_id = ? ORDER BY id DESC", (patient_id,)
        )
        return [_handout(row) for row in rows]

    @requires(Permission.WRITE_CLINICAL)
    def record_consent(
        self,
        visit_id: int,
        area_ids: tuple[str, ...],
        signature_png: bytes,
        content_version: str,
    ) -> Consent:
        """Keep the patient's signed consent for ``area_ids`` at an open visit."""
        visit = self._open_visit(visit_id)
        if not signature_png:
            raise StoreError("The patient has not signed. Ask them to sign, then save again.")
        if not area_ids:
            raise StoreError("Choose the areas the patient consents to, then save again.")
        with self._write("record_consent", visit.patient_id, visit_id=visit_id) as conn:
            cursor = conn.execute(
                "INSERT INTO consents (visit_id, area_ids, signature_png, confirmed_by,"
                " content_version, signed_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    visit_id,
                    json.dumps(list(area_ids)),
                    signature_png,
                    self._actor,
                    content_version,
                    self._now(),
                ),
            )
            consent_id = cursor.lastrowid
        assert consent_id is not None
        return self.consents_for(visit_id)[-1]

    @requires(Permission.READ_CLINICAL)
    def consents_for(self, visit_id: int) -> list[Consent]:
        """Return the consents given at a visit, oldest first."""
        rows = self._conn.execute(
            "SELECT * FROM consents WHERE visit_id = ? ORDER BY id", (visit_id,)
        )
        return [
            Consent(
                id=row["id"],
                visit_id=row["visit_id"],
                area_ids=tuple(json.loads(row["area_ids"])),
                signature_png=bytes(row["signature_png"]),
                confirmed_by=row["confirmed_by"],
                content_version=row["content_version"],
                signed_at=datetime.fromisoformat(row["signed_at"]),
            )
            for row in rows
        ]
