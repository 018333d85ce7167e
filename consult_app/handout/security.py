"""Fingerprints and password protection for finished handout PDFs (no ReportLab import)."""

from __future__ import annotations

import hashlib
import io

from consult_app.handout.model import HandoutError

#: Shortest password accepted for a sheet that will be emailed.
MIN_PASSWORD_LENGTH = 6


def pdf_sha256(pdf: bytes) -> str:
    """Return the SHA-256 of the PDF bytes as lowercase hex (to prove a re-print is identical)."""
    return hashlib.sha256(pdf).hexdigest()


def encrypt_pdf(pdf: bytes, password: str) -> bytes:
    """Return ``pdf`` encrypted with AES-256, opened only with ``password``.

    The password opens the document with every permission (printing, copying), so the
    patient can use it normally. ReportLab's own 256-bit mode writes files some readers
    reject, so the finished PDF is encrypted with pikepdf (qpdf) instead.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise HandoutError(
            f"The password is too short. Use at least {MIN_PASSWORD_LENGTH} characters."
        )
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(pdf)) as document:
            out = io.BytesIO()
            document.save(
                out,
                encryption=pikepdf.Encryption(user=password, owner=password, R=6, aes=True),
            )
    except pikepdf.PdfError as exc:
        raise HandoutError(
            f"The handout could not be protected with a password ({exc}). Build it again."
        ) from exc
    return out.getvalue()
