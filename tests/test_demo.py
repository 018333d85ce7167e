"""The demo: fictional patients and two accounts to try both roles."""

from __future__ import annotations

from pathlib import Path

import pytest

from consult_app.app import build_context
from consult_app.demo import DEMO_PASSWORD, seed_demo_with_accounts
from consult_app.store.access import AccessDeniedError


def test_demo_accounts_sign_in_with_their_roles(tmp_path: Path) -> None:
    context = build_context(tmp_path / "demo")
    seed_demo_with_accounts(context)
    hala = context.store.sign_in("hala", DEMO_PASSWORD)
    patients = hala.patients.search_patients("", limit=None)
    assert len(patients) == 4
    assert hala.visits.patient_file(patients[0].id).visits
    reception = context.store.sign_in("reception", DEMO_PASSWORD)
    assert len(reception.patients.search_patients("", limit=None)) == 4
    with pytest.raises(AccessDeniedError):
        reception.visits.patient_file(patients[0].id)
