"""Password protection (AES-256) and fingerprints of finished PDFs."""

from __future__ import annotations

import hashlib
import io

import pikepdf
import pytest
from handout_pdf import text_of
from handout_requests import fake_loader

from consult_app.handout import HandoutError, build_sheet, encrypt_pdf, pdf_sha256

PASSWORD = "Zoë-2025-06"


@pytest.fixture
def sheet_pdf(content, sheet_request) -> bytes:
    return build_sheet(content, sheet_request, diagram_loader=fake_loader)


def test_encrypted_sheet_opens_with_the_password_only(sheet_pdf):
    locked = encrypt_pdf(sheet_pdf, PASSWORD)
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(io.BytesIO(locked))
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(io.BytesIO(locked), password="wrong-password")
    assert b"/Encrypt" in locked
    with pikepdf.open(io.BytesIO(locked), password=PASSWORD) as document:
        assert len(document.pages) == 2
        out = io.BytesIO()
        document.save(out)
    assert "Zoë Åsa Müller-Łukasiewicz" in text_of(out.getvalue())


def test_encryption_is_aes_256(sheet_pdf):
    locked = encrypt_pdf(sheet_pdf, PASSWORD)
    with pikepdf.open(io.BytesIO(locked), password=PASSWORD) as document:
        info = document.encryption
        assert info.bits == 256
        assert info.R == 6
        assert info.stream_method == pikepdf.models.EncryptionMethod.aesv3
        assert info.string_method == pikepdf.models.EncryptionMethod.aesv3


def test_text_is_not_readable_without_decrypting(sheet_pdf):
    locked = encrypt_pdf(sheet_pdf, PASSWORD)
    assert b"Harbour" not in locked
    assert "Harbour" in text_of(sheet_pdf)


def test_short_password_is_refused(sheet_pdf):
    with pytest.raises(HandoutError, match="too short"):
        encrypt_pdf(sheet_pdf, "12345")


def test_damaged_pdf_gets_a_clear_message():
    with pytest.raises(HandoutError, match="could not be protected"):
        encrypt_pdf(b"%PDF-1.4 this is not a pdf", PASSWORD)


def test_pdf_sha256_is_the_hex_digest(sheet_pdf):
    assert pdf_sha256(sheet_pdf) == hashlib.sha256(sheet_pdf).hexdigest()
    assert len(pdf_sha256(b"")) == 64
