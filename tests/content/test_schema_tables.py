"""The content schema is assembled from one record table per content file, losing none."""

from __future__ import annotations

from consult_app.content import (
    schema,
    schema_areas,
    schema_clinic,
    schema_help,
    schema_info,
    schema_screening,
)

_TABLES = (schema_clinic, schema_areas, schema_info, schema_screening, schema_help)


def test_no_two_record_tables_declare_the_same_record() -> None:
    seen: dict[str, str] = {}
    for table in _TABLES:
        for name in table.RECORDS:
            assert name not in seen, f"{name} is declared in {seen[name]} and {table.__name__}"
            seen[name] = table.__name__
    assert set(seen) == set(schema.RECORDS)


def test_every_record_a_key_or_file_names_is_declared() -> None:
    named = set(schema.FILES.values())
    for record in schema.RECORDS.values():
        for key in record.keys:
            inner = key.type.removeprefix("list[").removeprefix("pair[").removesuffix("]")
            if inner[:1].isupper() and not inner.startswith("enum["):
                named.add(inner)
    assert named - set(schema.RECORDS) == set()
    assert set(schema.RECORDS) - named == set()  # every record is reachable from a file
