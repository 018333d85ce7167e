"""The clinical sign-off of the content: print the review, record the sign-off, check it holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from consult_app.content import ContentError
from consult_app.content.fingerprint import content_fingerprint
from consult_app.content.models import Content
from consult_app.domain.signoff import (
    ContentSignOff,
    SignOffNote,
    SignOffState,
    banner_text,
    sign_off_state,
    signed_note,
)
from consult_app.handout import HandoutError, ReviewRequest, build_review
from consult_app.store import Store


@dataclass(frozen=True)
class SignOffStatus:
    """Whether the content in use is signed off, the current sign-off, and what to tell."""

    state: SignOffState
    current: ContentSignOff | None
    content_version: str
    fingerprint: str

    @property
    def banner(self) -> str:
        """Return the practitioner's warning ("" when the content is signed off)."""
        return banner_text(self.state, self.current)

    @property
    def note(self) -> SignOffNote | None:
        """Return what sheets and consents print about the sign-off (``None``: not signed)."""
        return signed_note(self.current, self.content_version, self.fingerprint)


def fingerprint_of(content: Content, fingerprint: str | None = None) -> str:
    """Return ``fingerprint`` if given, else the fingerprint of the content's files.

    Raises :class:`~consult_app.handout.HandoutError` when a content file cannot be read.
    """
    if fingerprint is not None:
        return fingerprint
    try:
        return content_fingerprint(content)
    except ContentError as error:
        raise HandoutError(str(error)) from error


def sign_off_status(
    store: Store, content: Content, fingerprint: str | None = None
) -> SignOffStatus:
    """Return whether ``content`` (with ``fingerprint``) is the content last signed off."""
    key = fingerprint_of(content, fingerprint)
    current = store.sign_offs.content_sign_off()
    version = content.clinic.content_version
    return SignOffStatus(sign_off_state(current, version, key), current, version, key)


def review_pdf(content: Content, today: date, fingerprint: str | None = None) -> bytes:
    """Build the content review for the doctor to read and sign."""
    return build_review(content, ReviewRequest(fingerprint_of(content, fingerprint), today))


def record_sign_off(
    store: Store, content: Content, signed_by: str, fingerprint: str | None = None
) -> ContentSignOff:
    """Record that ``signed_by`` signed off the content as it is now (admin only)."""
    return store.sign_offs.record_content_sign_off(
        content.clinic.content_version, fingerprint_of(content, fingerprint), signed_by
    )
