"""Persistence: SQLite schema, migrations and the patient store."""

from consult_app.store.errors import (
    ConsentMissingError,
    ImportFileError,
    NotFoundError,
    OpenVisitError,
    SchemaTooNewError,
    StoreError,
    TreatmentBlockedError,
    ValidationError,
    VisitLockedError,
)
from consult_app.store.store import Store

__all__ = [
    "ConsentMissingError",
    "ImportFileError",
    "NotFoundError",
    "OpenVisitError",
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "TreatmentBlockedError",
    "ValidationError",
    "VisitLockedError",
]
