"""The content schema: every file, every key, its type, who sees it and what it means.

This table is the one place that declares the content files; the validator in
:mod:`consult_app.content.validate` is driven by it. Key types are written as strings:

``str``
    one line of practitioner or clinic wording (never empty).
``id``
    a snake_case word such as ``crows_feet``.
``language``
    a language code such as ``en`` or ``ar``.
``int``, ``date``
    a whole number; a date written as ``2026-11-30``.
``text``
    patient-facing wording: a plain string while the clinic has one language, otherwise a
    mapping with one entry per language in ``clinic.yaml`` ``languages``.
``path``
    a file relative to the content folder that must exist inside it.
``enum[Name]``
    one of the values of the enum ``Name`` in :mod:`consult_app.content.models`.
``list[T]``, ``pair[T]``
    a list of ``T``; exactly 2 values of ``T``.
a record name
    a nested mapping described in :data:`RECORDS`.
"""

from __future__ import annotations

from enum import StrEnum

from consult_app.content import (
    models,
    schema_areas,
    schema_clinic,
    schema_help,
    schema_info,
    schema_screening,
)
from consult_app.content.schema_types import Audience as Audience
from consult_app.content.schema_types import Key as Key
from consult_app.content.schema_types import Record as Record

#: The enums a key may name as ``enum[Name]``.
ENUMS: dict[str, type[StrEnum]] = {
    "DiagramView": models.DiagramView,
    "AreaKind": models.AreaKind,
    "Rule": models.Rule,
    "AppliesTo": models.AppliesTo,
    "ApprovalStatus": models.ApprovalStatus,
    "Country": models.Country,
    "PaperSize": models.PaperSize,
    "DerivedCheckKind": models.DerivedCheckKind,
}

#: Every record, by name: the record tables of each content file, in one mapping.
RECORDS: dict[str, Record] = {
    **schema_clinic.RECORDS,
    **schema_areas.RECORDS,
    **schema_info.RECORDS,
    **schema_screening.RECORDS,
    **schema_help.RECORDS,
}

#: The content files (in ``content/``), in loading order, and the record each holds.
FILES: dict[str, str] = {
    "clinic.yaml": "Clinic",
    "areas.yaml": "AreasFile",
    "info.yaml": "GeneralInfo",
    "screening.yaml": "ScreeningFile",
    "timing.yaml": "Timing",
    "wording.yaml": "Wording",
    "help.yaml": "HelpFile",
}
