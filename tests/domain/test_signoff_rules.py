"""Whether the content in use is the content the doctor signed off, and what to say."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from consult_app.domain.signoff import (
    MAX_SIGNER_LENGTH,
    ContentSignOff,
    SignOffNote,
    SignOffState,
    banner_text,
    sign_off_problem,
    sign_off_state,
    signed_note,
)

FINGERPRINT = "ab" * 32
SIGNED = ContentSignOff(
    id=1,
    content_version="2026.11-2",
    fingerprint=FINGERPRINT,
    signed_by="Dr Hala",
    signed_at=datetime(2026, 12, 1, 16, 30, tzinfo=UTC),
    recorded_by="owner",
)


def test_never_signed_changed_and_signed():
    assert sign_off_state(None, "2026.11-2", FINGERPRINT) is SignOffState.NEVER
    assert sign_off_state(SIGNED, "2026.11-2", FINGERPRINT) is SignOffState.SIGNED
    assert sign_off_state(SIGNED, "2026.12-1", FINGERPRINT) is SignOffState.CHANGED
    assert sign_off_state(SIGNED, "2026.11-2", "cd" * 32) is SignOffState.CHANGED


def test_the_banner_says_what_happened_and_what_to_do():
    never = banner_text(SignOffState.NEVER, None)
    assert never.startswith("Content not signed off yet")
    assert "Ask the admin" in never
    changed = banner_text(SignOffState.CHANGED, SIGNED)
    assert changed.startswith("Content changed since sign-off")
    assert "Dr Hala signed off version 2026.11-2 on 2026-12-01" in changed
    assert banner_text(SignOffState.SIGNED, SIGNED) == ""


def test_only_matching_content_prints_the_signer():
    assert signed_note(SIGNED, "2026.11-2", FINGERPRINT) == SignOffNote(
        "Dr Hala", date(2026, 12, 1)
    )
    assert signed_note(SIGNED, "2026.11-2", "cd" * 32) is None
    assert signed_note(SIGNED, "2026.12-1", FINGERPRINT) is None
    assert signed_note(None, "2026.11-2", FINGERPRINT) is None


@pytest.mark.parametrize(
    ("signed_by", "version", "fingerprint", "problem"),
    [
        ("  ", "1", FINGERPRINT, "Type the name of the doctor"),
        ("x" * (MAX_SIGNER_LENGTH + 1), "1", FINGERPRINT, f"at most {MAX_SIGNER_LENGTH}"),
        ("Dr\nHala", "1", FINGERPRINT, "on one line"),
        ("Dr Hala", " ", FINGERPRINT, "content has no version"),
        ("Dr Hala", "1", "AB" * 32, "not a SHA-256"),
        ("Dr Hala", "1", "ab" * 31, "not a SHA-256"),
    ],
)
def test_a_sign_off_that_cannot_be_recorded_says_why(signed_by, version, fingerprint, problem):
    found = sign_off_problem(signed_by, version, fingerprint)
    assert found is not None and problem in found


def test_a_good_sign_off_has_no_problem():
    assert sign_off_problem("Dr Hala Haddad", "2026.11-2", FINGERPRINT) is None
