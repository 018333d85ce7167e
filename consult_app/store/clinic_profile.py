"""The clinic profile entered in the app: one row, changed by an admin, read by everyone.

The details are printed on every handout, so anyone signed in may read them; only an admin
(or the command line) may change them. Each change is a write like any other, in the audit
trail (which says only that the profile changed: the details themselves are in the row).
"""

from __future__ import annotations

import json
import sqlite3

from consult_app.domain.access import Permission
from consult_app.domain.clinic_profile import ClinicProfile, profile_problems
from consult_app.store.access import open_to_all, requires
from consult_app.store.base import StoreBase
from consult_app.store.errors import ValidationError

#: The audit action of a change to the clinic profile.
CHANGE_CLINIC_ACTION = "change_clinic_profile"


def _profile(row: sqlite3.Row) -> ClinicProfile:
    logo = row["logo"]
    return ClinicProfile(
        name=row["name"],
        address=tuple(json.loads(row["address"])),
        phone=row["phone"],
        country=row["country"],
        state=row["state"],
        out_of_hours=row["out_of_hours"],
        logo=bytes(logo) if logo is not None else None,
    )


class SqliteClinicProfile(StoreBase):
    """Read the clinic profile (anyone); keep a new one (admin only)."""

    @open_to_all
    def clinic_profile(self) -> ClinicProfile | None:
        """Return the profile entered in the app, or ``None`` before anyone entered one."""
        row = self._conn.execute("SELECT * FROM clinic_profile WHERE id = 1").fetchone()
        return _profile(row) if row is not None else None

    @requires(Permission.MANAGE_CLINIC)
    def save_clinic_profile(self, profile: ClinicProfile) -> ClinicProfile:
        """Keep ``profile`` (cleaned) in place of the one before; refuse it with what to fix."""
        problems = profile_problems(profile)
        if problems:
            raise ValidationError(problems)
        clean = profile.cleaned()
        with self._write(CHANGE_CLINIC_ACTION) as conn:
            conn.execute(
                "INSERT INTO clinic_profile (id, name, address, phone, country, state,"
                " out_of_hours, logo, updated_at, updated_by)"
                " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                " address = excluded.address, phone = excluded.phone,"
                " country = excluded.country, state = excluded.state,"
                " out_of_hours = excluded.out_of_hours, logo = excluded.logo,"
                " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                (
                    clean.name,
                    json.dumps(list(clean.address), ensure_ascii=False),
                    clean.phone,
                    clean.country,
                    clean.state,
                    clean.out_of_hours,
                    clean.logo,
                    self._now(),
                    self._actor,
                ),
            )
        return clean
