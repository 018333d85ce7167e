"""The clinical sign-off of the content: who signed which version, and whether it still holds.

The clinic's doctor reads the content review (every patient-facing statement with its source)
and signs it; an admin records that sign-off with the content version and fingerprint it was
for. The sign-off holds only while both are unchanged: any change to the content's files
changes the fingerprint, and the practitioner is told until the content is signed again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

#: The longest name a sign-off can record.
MAX_SIGNER_LENGTH = 100
_FINGERPRINT = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class ContentSignOff:
    """A recorded sign-off: ``signed_by`` names the doctor, ``recorded_by`` the admin's account."""

    id: int
    content_version: str
    fingerprint: str
    signed_by: str
    signed_at: datetime
    recorded_by: str


class SignOffState(StrEnum):
    """Whether the content in use is the content that was signed off."""

    SIGNED = "signed"
    CHANGED = "changed"
    NEVER = "never"


@dataclass(frozen=True)
class SignOffNote:
    """What a printed sheet or consent says about the sign-off of its content."""

    signed_by: str
    signed_on: date


def sign_off_state(
    current: ContentSignOff | None, content_version: str, fingerprint: str
) -> SignOffState:
    """Return whether ``current`` signs off the content with this version and fingerprint."""
    if current is None:
        return SignOffState.NEVER
    if current.content_version != content_version or current.fingerprint != fingerprint:
        return SignOffState.CHANGED
    return SignOffState.SIGNED


def signed_note(
    current: ContentSignOff | None, content_version: str, fingerprint: str
) -> SignOffNote | None:
    """Return the note to print when ``current`` signs off this content; otherwise ``None``."""
    if current is None or sign_off_state(current, content_version, fingerprint) is not (
        SignOffState.SIGNED
    ):
        return None
    return SignOffNote(current.signed_by, current.signed_at.date())


def banner_text(state: SignOffState, current: ContentSignOff | None) -> str:
    """Return what the practitioner is told about the content's sign-off ("" when signed)."""
    if state is SignOffState.NEVER or current is None:
        return (
            "Content not signed off yet: the clinic's doctor has not signed off the "
            "information patients are given. Ask the admin to print the content review for "
            "the doctor and record the sign-off (Admin menu)."
        )
    if state is SignOffState.CHANGED:
        return (
            f"Content changed since sign-off: {current.signed_by} signed off version "
            f"{current.content_version} on {current.signed_at:%Y-%m-%d}, and the content "
            "has changed since. Ask the admin to print the content review for the doctor and "
            "record the sign-off again (Admin menu)."
        )
    return ""


def sign_off_problem(signed_by: str, content_version: str, fingerprint: str) -> str | None:
    """Return why a sign-off cannot be recorded as given, or ``None`` if it can."""
    name = signed_by.strip()
    if not name:
        return "Type the name of the doctor who signed the content review."
    if len(name) > MAX_SIGNER_LENGTH:
        return f"Use at most {MAX_SIGNER_LENGTH} characters for the doctor's name."
    if any(not character.isprintable() for character in name):
        return "Type the doctor's name on one line, without special characters."
    if not content_version.strip():
        return "The content has no version. Set content_version in clinic.yaml, then try again."
    if not _FINGERPRINT.fullmatch(fingerprint):
        return (
            "The content fingerprint is not a SHA-256 (64 lower-case hex digits). Copy it "
            "from the content review, then try again."
        )
    return None
