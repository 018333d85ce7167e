"""Persistence: SQLite schema, migrations and the patient store."""

from consult_app.store.errors import (
    ImportFileError,
    NotFoundError,
    SchemaTooNewError,
    StoreError,
    TreatmentBlockedError,
    ValidationError,
    VisitLockedError,
)
from consult_app.store.store import Store

__all__ = [
    "ImportFileError",
    "NotFoundError",
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "TreatmentBlockedError",
    "ValidationError",
    "VisitLockedError",
]
