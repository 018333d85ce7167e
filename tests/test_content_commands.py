"""consult-app content review / content sign-off."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from consult_app.cli import main
from consult_app.content import load_content
from consult_app.content.fingerprint import content_fingerprint, short_fingerprint
from consult_app.store import Store
from consult_app.store.audit import AuditFilter
from consult_app.store.signoff import SIGN_OFF_ACTION


def test_content_review_writes_the_pdf_and_names_the_fingerprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "review.pdf"
    assert main(["content", "review", "--out", str(out)]) == 0
    fingerprint = content_fingerprint(load_content())
    assert short_fingerprint(fingerprint) in capsys.readouterr().err
    pages = PdfReader(out).pages
    assert "Sign-off" in pages[-1].extract_text()
    assert short_fingerprint(fingerprint) in " ".join(pages[0].extract_text().split())
    assert out.stat().st_mode & 0o077 == 0


def test_content_sign_off_is_recorded_only_for_the_reviewed_fingerprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    fingerprint = content_fingerprint(load_content())
    wrong = ["content", "sign-off", "--by", "Dr Hala", "--fingerprint", "ab" * 32]
    assert main([*wrong, "--data-dir", str(data)]) == 1
    assert "review that was signed is of other content" in capsys.readouterr().err
    blank = ["content", "sign-off", "--by", " ", "--fingerprint", fingerprint]
    assert main([*blank, "--data-dir", str(data)]) == 1
    assert "Type the name of the doctor" in capsys.readouterr().err
    grouped = short_fingerprint(fingerprint).upper()  # as copied from the paper
    args = ["content", "sign-off", "--by", "Dr Hala", "--fingerprint", grouped]
    assert main([*args, "--data-dir", str(data)]) == 0
    assert "Recorded the sign-off" in capsys.readouterr().err
    with Store.open(data) as store:
        current = store.sign_offs.content_sign_off()
        assert current is not None
        assert (current.signed_by, current.fingerprint) == ("Dr Hala", fingerprint)
        assert len(store.audit.audit_trail(AuditFilter(action=SIGN_OFF_ACTION))) == 1
        assert store.audit.verify_audit() == []


def test_the_handout_command_prints_the_signer_once_signed_off(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["seed-demo", "--data-dir", str(data)]) == 0
    with Store.open(data) as store:
        patient_id = next(
            p.id
            for p in store.patients.search_patients("", limit=None)
            if store.visits.current_plan(p.id) is not None
        )
    fingerprint = content_fingerprint(load_content())
    sign = ["content", "sign-off", "--by", "Dr Hala Haddad", "--fingerprint", fingerprint]
    assert main([*sign, "--data-dir", str(data)]) == 0
    out = tmp_path / "sheet.pdf"
    handout = ["handout", "--patient", str(patient_id), "--out", str(out)]
    assert main([*handout, "--data-dir", str(data)]) == 0
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "signed off by Dr Hala Haddad on" in text
    general = ["handout", "--areas", "glabella", "--out", str(out), "--data-dir", str(data)]
    assert main(general) == 0
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "signed off by Dr Hala Haddad on" in text
