"""Errors the store raises. Each message says what happened and what to do."""

from __future__ import annotations


class StoreError(Exception):
    """Base class for every store error; ``str(error)`` is a message for the user."""


class NotFoundError(StoreError):
    """A patient, visit or record does not exist."""


class ValidationError(StoreError):
    """Input was refused; ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(self.errors.values()))


class VisitLockedError(StoreError):
    """A finished visit cannot be changed except by an amendment."""


class OpenVisitError(StoreError):
    """The patient already has a visit that is not finished; no second one was started."""

    def __init__(self, message: str, visit_id: int) -> None:
        super().__init__(message)
        self.visit_id = visit_id


class TreatmentBlockedError(StoreError):
    """Screening does not allow this area to be treated today."""


class ConsentMissingError(StoreError):
    """No signed consent at this visit covers the area with the content version on screen."""


class SchemaTooNewError(StoreError):
    """The data was written by a newer version of the app."""


class ImportFileError(StoreError):
    """An import file is malformed or incomplete; nothing was changed."""


class StorageError(StoreError):
    """The disk or the database file refused (full, read-only, busy, damaged).

    The message says so in plain words; the SQLite error is the ``__cause__``.
    """
