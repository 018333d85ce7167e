"""Each SQLite repository offers exactly what its interface promises, so another engine can."""

from __future__ import annotations

import inspect
from datetime import date

import pytest
from factories import details

from consult_app.store import Store
from consult_app.store.amendments import SqliteVisits
from consult_app.store.audit_log import SqliteAudit
from consult_app.store.base import StoreBase
from consult_app.store.documents import SqliteDocuments
from consult_app.store.interfaces import (
    AuditTrail,
    Documents,
    Patients,
    Questionnaires,
    SignOffs,
    Users,
    Visits,
)
from consult_app.store.patients import SqlitePatients
from consult_app.store.questionnaires import SqliteQuestionnaires
from consult_app.store.signoff import SqliteSignOffs
from consult_app.store.users import SqliteUsers

TODAY = date(2025, 6, 15)

#: (interface, SQLite class, the store's attribute that holds it)
PAIRS: list[tuple[type, type[StoreBase], str]] = [
    (Patients, SqlitePatients, "patients"),
    (Visits, SqliteVisits, "visits"),
    (Documents, SqliteDocuments, "documents"),
    (Questionnaires, SqliteQuestionnaires, "questionnaires"),
    (Users, SqliteUsers, "users"),
    (SignOffs, SqliteSignOffs, "sign_offs"),
    (AuditTrail, SqliteAudit, "audit"),
]


def test_each_repository_satisfies_its_interface_for_mypy(store: Store) -> None:
    # mypy checks these assignments: a missing method or a changed signature fails the build.
    patients: Patients = store.patients
    visits: Visits = store.visits
    documents: Documents = store.documents
    questionnaires: Questionnaires = store.questionnaires
    users: Users = store.users
    sign_offs: SignOffs = store.sign_offs
    audit: AuditTrail = store.audit
    patient = patients.create_patient(details(), TODAY)
    visit = visits.start_visit(patient.id, TODAY)
    assert visits.plan_history(patient.id) == []
    assert documents.handouts_for(patient.id) == []
    assert questionnaires.questionnaire_results(visit.id) == ()
    assert users.has_users() is False
    assert sign_offs.content_sign_off() is None
    assert audit.audit_size() == 2


def _interface_methods(interface: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in vars(interface).items()
        if not name.startswith("_") and callable(member)
    }


def _public_methods(cls: type) -> set[str]:
    own = {name for name in dir(cls) if not name.startswith("_")}
    return own - {name for name in dir(StoreBase) if not name.startswith("_")}


@pytest.mark.parametrize(("interface", "cls", "attribute"), PAIRS)
def test_each_repository_has_its_interface_methods_with_their_signatures(
    store: Store, interface: type, cls: type, attribute: str
) -> None:
    promised = _interface_methods(interface)
    assert promised, f"{interface.__name__} promises nothing"
    assert _public_methods(cls) == set(promised), "public methods and interface differ"
    for name, signature in promised.items():
        offered = inspect.signature(inspect.unwrap(getattr(cls, name)))
        assert str(offered) == str(signature), f"{cls.__name__}.{name}"
    held = getattr(store, attribute)
    assert isinstance(held, cls)
    assert isinstance(held, interface)
