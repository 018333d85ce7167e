"""Is a database file's schema exactly the one this app writes, and putting back its triggers.

A backup is compared with a reference built by running the app's own migrations, up to the
backup's version, in memory: every table, column, index and view must be there, defined as the
app defines it, and nothing else may be. Triggers are the exception: a missing or altered
trigger is reported by :func:`trigger_repairs` and put back by :func:`restore_triggers`, so a
restored backup is never left without the rules that keep records and the audit trail intact.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass

from consult_app.store.anchor import COPY_TABLE
from consult_app.store.schema import SCHEMA_VERSION, schema_version, upgrade

#: Tables SQLite makes for the full-text index: part of the index, checked by its integrity.
_SHADOW = re.compile(r"^patient_search_(data|idx|content|docsize|config)$")


@dataclass(frozen=True)
class SchemaObject:
    """One table, index, view or trigger: its kind, its definition and, for tables, columns."""

    kind: str
    sql: str
    columns: tuple[tuple[str, str, int, str | None, int], ...] = ()


def _normal(sql: str | None) -> str:
    """Return ``sql`` with runs of white space made one space (how it was typed is no matter)."""
    return " ".join((sql or "").split())


def schema_objects(conn: sqlite3.Connection) -> dict[str, SchemaObject]:
    """Return every schema object of ``conn`` by name (SQLite's own and shadow tables left out)."""
    found: dict[str, SchemaObject] = {}
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    for kind, name, sql in rows:
        if name.startswith("sqlite_") or _SHADOW.match(name):
            continue
        columns: tuple[tuple[str, str, int, str | None, int], ...] = ()
        if kind == "table":
            columns = tuple(
                (str(r[1]), str(r[2]).upper(), int(r[3]), r[4], int(r[5]))
                for r in conn.execute("SELECT * FROM pragma_table_info(?)", (name,))
            )
        found[str(name)] = SchemaObject(str(kind), _normal(sql), columns)
    return found


def reference_objects(version: int = SCHEMA_VERSION) -> dict[str, SchemaObject]:
    """Return the schema objects the app's migrations make, up to ``version``."""
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as conn:
        upgrade(conn, version)
        return schema_objects(conn)


def _column_problems(name: str, found: SchemaObject, wanted: SchemaObject) -> list[str]:
    have = {column[0]: column for column in found.columns}
    need = {column[0]: column for column in wanted.columns}
    problems = [f"the table '{name}' has no column '{c}'" for c in need if c not in have]
    problems += [f"the table '{name}' has an unknown column '{c}'" for c in have if c not in need]
    problems += [
        f"the column '{name}.{c}' is not defined as this app defines it"
        for c in need
        if c in have and have[c] != need[c]
    ]
    if not problems and found.sql != wanted.sql:
        problems.append(f"the table '{name}' is not defined as this app defines it")
    return problems


def schema_problems(conn: sqlite3.Connection) -> list[str]:
    """Return how the schema of ``conn`` differs from the app's (empty: it is the app's own).

    Missing or altered triggers are not listed here (see :func:`trigger_repairs`); extra ones
    are, as a trigger can change what every later save does.
    """
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        return [
            f"it was saved by a newer version of the app (schema {version}; this app knows "
            f"{SCHEMA_VERSION}). Install the newer version, then restore it."
        ]
    if version < 1:
        return ["it is not a database of this app (it has no schema version)."]
    wanted = reference_objects(version)
    found = schema_objects(conn)
    problems: list[str] = []
    for name, want in wanted.items():
        have = found.get(name)
        if want.kind == "trigger":
            continue
        if have is None or have.kind != want.kind:
            problems.append(f"the {want.kind} '{name}' is missing")
        elif want.kind == "table":
            problems += _column_problems(name, have, want)
        elif have.sql != want.sql:
            problems.append(f"the {want.kind} '{name}' is not defined as this app defines it")
    for name, have in found.items():
        # A backup carries a copy of the audit anchor; the restore checks and removes it.
        if name not in wanted and name != COPY_TABLE:
            problems.append(f"it has a {have.kind} '{name}' that this app does not make")
    return problems


def trigger_repairs(conn: sqlite3.Connection) -> list[str]:
    """Return the names of the app's triggers that are missing from ``conn`` or altered."""
    wanted = reference_objects(schema_version(conn))
    found = schema_objects(conn)
    return [
        name
        for name, want in wanted.items()
        if want.kind == "trigger" and (name not in found or found[name].sql != want.sql)
    ]


def restore_triggers(conn: sqlite3.Connection) -> list[str]:
    """Put back the app's missing or altered triggers in ``conn``; return their names.

    Run inside the caller's transaction. The definitions come from the migrations themselves.
    """
    repaired = trigger_repairs(conn)
    if not repaired:
        return []
    wanted = reference_objects(schema_version(conn))
    for name in repaired:
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        conn.execute(wanted[name].sql)
    return repaired
