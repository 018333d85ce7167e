"""Who may do what: roles, permissions and the one table that joins them.

This is the only place the rules live. The store checks them on every public method
(:mod:`consult_app.store.access`); the screens only use them to hide what would be refused.

Decisions:
- Reception finds patients, reads and edits contact details, sees plan dates, prints general
  handouts, re-prints the sheets the practitioner issued (never builds a personal sheet: it
  carries the patient's goals in their own words), and works the recall list. It never sees
  screening answers, clinical notes (the patient's notes field included), doses or batch
  numbers, and changes no clinical record.
- The admin is, in a small clinic, the practitioner or the owner: admin = practitioner rights
  + user management + the audit trail + backup and restore.
- Only the admin records the clinical sign-off of the content (the doctor signs the printed
  review; the admin enters it); everyone can see the current sign-off, as every sheet prints it.
- ``SYSTEM`` is the command line. Whoever runs it has the database file anyway, so it has
  every right; each change it makes is still recorded under a named actor.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """A user's role. ``SYSTEM`` is the command line and is never given to an account."""

    PRACTITIONER = "practitioner"
    RECEPTION = "reception"
    ADMIN = "admin"
    SYSTEM = "system"


#: Roles an account can have, in the order a form offers them.
ACCOUNT_ROLES: tuple[Role, ...] = (Role.PRACTITIONER, Role.RECEPTION, Role.ADMIN)


class Permission(StrEnum):
    """One thing a user may do. The value is the plain description used in messages."""

    FIND_PATIENTS = "find patients"
    READ_CONTACT = "see patients' contact details"
    EDIT_CONTACT = "add patients and change contact details"
    ARCHIVE_PATIENTS = "archive or restore patients"
    READ_PLAN_DATES = "see plan dates"
    READ_CLINICAL = "see clinical records (screening, notes, doses and batches)"
    WRITE_CLINICAL = "change clinical records"
    PRINT_HANDOUTS = "print and re-print handouts"
    READ_RECALLS = "see the recall list"
    EXPORT_RECORDS = "export patients' records"
    IMPORT_RECORDS = "import patients' records"
    MANAGE_USERS = "manage user accounts"
    READ_AUDIT = "read the audit trail"
    BACKUP_RESTORE = "back up and restore the data"
    ACT_AS_ANY_USER = "act for another user without their password"
    READ_SIGN_OFF = "see the content sign-off"
    SIGN_OFF_CONTENT = "record the clinical sign-off of the content"
    MANAGE_CLINIC = "change the clinic's details"


_RECEPTION = frozenset(
    {
        Permission.FIND_PATIENTS,
        Permission.READ_CONTACT,
        Permission.EDIT_CONTACT,
        Permission.READ_PLAN_DATES,
        Permission.PRINT_HANDOUTS,
        Permission.READ_RECALLS,
        Permission.READ_SIGN_OFF,
    }
)
_PRACTITIONER = _RECEPTION | {
    Permission.ARCHIVE_PATIENTS,
    Permission.READ_CLINICAL,
    Permission.WRITE_CLINICAL,
    Permission.EXPORT_RECORDS,
    Permission.IMPORT_RECORDS,
}
_ADMIN = _PRACTITIONER | {
    Permission.MANAGE_USERS,
    Permission.READ_AUDIT,
    Permission.BACKUP_RESTORE,
    Permission.SIGN_OFF_CONTENT,
    Permission.MANAGE_CLINIC,
}

#: The rules: what each role may do.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.RECEPTION: _RECEPTION,
    Role.PRACTITIONER: _PRACTITIONER,
    Role.ADMIN: _ADMIN,
    Role.SYSTEM: frozenset(Permission),
}

ROLE_TITLES: dict[Role, str] = {
    Role.PRACTITIONER: "Practitioner",
    Role.RECEPTION: "Reception",
    Role.ADMIN: "Admin",
    Role.SYSTEM: "Command line",
}

MIN_PASSWORD_LENGTH = 10
MAX_USERNAME_LENGTH = 32


@dataclass(frozen=True)
class User:
    """Who is signed in (or the command line, with role ``SYSTEM`` and id 0)."""

    id: int
    username: str
    display_name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        """Return whether this user may do ``permission``."""
        return permission in ROLE_PERMISSIONS[self.role]

    @property
    def is_system(self) -> bool:
        """Return whether this is the command line rather than a signed-in person."""
        return self.role is Role.SYSTEM


def system_user(name: str = "system") -> User:
    """Return the command line's user; ``name`` is recorded as the actor of its reads."""
    return User(0, name.strip() or "system", "Command line", Role.SYSTEM)


def normal_username(name: str) -> str:
    """Return the form a user name is compared in: trimmed, NFC, case-folded."""
    return unicodedata.normalize("NFC", name.strip()).casefold()


def username_problem(name: str) -> str | None:
    """Return why ``name`` cannot be a user name, or ``None`` if it can."""
    name = name.strip()
    if not name:
        return "Type a user name."
    if len(name) > MAX_USERNAME_LENGTH:
        return f"Use at most {MAX_USERNAME_LENGTH} characters for the user name."
    if any(not (c.isalnum() or c in "._-") for c in name):
        return "Use only letters, digits, dots, dashes and underscores in the user name."
    if normal_username(name) == "system":
        return "The name 'system' is kept for the command line. Choose another name."
    return None


def password_problem(password: str, repeated: str | None = None) -> str | None:
    """Return why ``password`` cannot be used (or does not match ``repeated``), else ``None``."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use a password of at least {MIN_PASSWORD_LENGTH} characters."
    if not password.strip():
        return "The password cannot be only spaces."
    if repeated is not None and repeated != password:
        return "The two passwords are not the same. Type them again."
    return None
