"""Export a patient's whole record as JSON, and import it into another data directory.

The file holds the patient and every row of their record, with the original who and when.
Import checks the whole file first and then writes it in one transaction, so a malformed or
partial file changes nothing. Ids are given afresh; references inside the file are kept.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from consult_app.content.models import Content
from consult_app.domain.access import Permission
from consult_app.domain.models import Patient, Plan
from consult_app.store import codec
from consult_app.store.errors import ImportFileError
from consult_app.store.import_rules import (
    MAX_IMPORT_BYTES,
    ImportProblem,
    check_rules,
    check_values,
)
from consult_app.store.patients import write_search_terms
from consult_app.store.store import Store

FORMAT = "consult-app-patient"
FORMAT_VERSION = 1

# Column types: "s" text, "s?" text or null, "i" integer, "i?" integer or null, "o" object.
_PATIENT = {
    "given_name": "s", "family_name": "s", "preferred_name": "s", "birth_date": "s?",
    "phone": "s", "email": "s", "language": "s", "notes": "s", "created_at": "s",
    "created_by": "s", "updated_at": "s", "updated_by": "s", "archived_at": "s?",
    "archived_by": "s",
}  # fmt: skip
_SECTIONS: dict[str, dict[str, str]] = {
    "visits": {
        "id": "i", "visit_date": "s", "started_at": "s", "started_by": "s",
        "finished_at": "s?", "finished_by": "s", "note": "s",
    },
    "screening_answers": {
        "visit_id": "i", "question_id": "s", "answer": "s", "note": "s",
        "updated_at": "s", "updated_by": "s",
    },
    "overrides": {
        "visit_id": "i", "area_id": "s", "reason": "s", "created_at": "s", "created_by": "s",
    },
    "goals": {
        "visit_id": "i", "area_id": "s", "concern": "s", "severity_at_rest": "s",
        "severity_moving": "s", "hope": "s", "priority": "i", "updated_at": "s",
        "updated_by": "s",
    },
    "treatments": {
        "id": "i", "visit_id": "i", "area_id": "s", "product_id": "s", "units": "s",
        "batch": "s", "expiry": "s", "notes": "s", "created_at": "s", "created_by": "s",
    },
    "reviews": {
        "visit_id": "i", "area_id": "s", "patient_rating": "i", "assessment": "s",
        "top_up_given": "i", "notes": "s", "updated_at": "s", "updated_by": "s",
    },
    "plan_versions": {
        "visit_id": "i?", "number": "i", "created_at": "s", "created_by": "s", "reason": "s",
        "plan": "o",
    },
    "amendments": {
        "visit_id": "i", "target": "s", "target_id": "s", "original": "s", "amended": "s",
        "reason": "s", "created_at": "s", "created_by": "s",
    },
    "questionnaire_results": {
        "visit_id": "i", "questionnaire_id": "s", "instrument": "s", "outcome": "s",
        "note": "s", "recorded_at": "s", "recorded_by": "s",
    },
}  # fmt: skip
#: Sections added after the first exports: a file from before them simply has none.
_LATER_SECTIONS = frozenset({"questionnaire_results"})
_PATIENT_FILTER = "visit_id IN (SELECT id FROM visits WHERE patient_id = ?)"


def export_patient(store: Store, patient_id: int) -> dict[str, Any]:
    """Return the patient's whole record as a JSON-ready dict (recorded as an export)."""
    store._require(Permission.EXPORT_RECORDS, Permission.READ_CLINICAL)
    conn = store._conn
    row = store._require_patient(patient_id)
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "patient": {key: row[key] for key in _PATIENT},
    }
    for section, columns in _SECTIONS.items():
        names = [c for c in columns if c != "plan"]
        if section == "plan_versions":
            names.append("plan_json")
        where = "patient_id = ?" if section in ("visits", "plan_versions") else _PATIENT_FILTER
        order = "number" if section == "plan_versions" else "rowid"
        sql = f"SELECT {', '.join(names)} FROM {section} WHERE {where} ORDER BY {order}"  # noqa: S608
        items = []
        for r in conn.execute(sql, (patient_id,)):
            item = {name: r[name] for name in names}
            if section == "plan_versions":
                item["plan"] = json.loads(item.pop("plan_json"))
            items.append(item)
        data[section] = items
    store._log("export", patient_id)
    return data


def export_json(store: Store, patient_id: int) -> str:
    """Return the patient's whole record as JSON text (UTF-8, readable)."""
    return json.dumps(export_patient(store, patient_id), ensure_ascii=False, indent=2) + "\n"


def _bad(where: str, problem: str) -> ImportFileError:
    return ImportFileError(
        f"The file cannot be imported: {where}: {problem.rstrip('.')}. Nothing was changed. "
        "Export the record again and import the new file."
    )


_TYPES: dict[str, Callable[[Any], bool]] = {
    "s": lambda v: isinstance(v, str),
    "s?": lambda v: v is None or isinstance(v, str),
    "i": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "i?": lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool)),
    "o": lambda v: isinstance(v, dict),
}


def _check_item(where: str, item: Any, columns: dict[str, str]) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise _bad(where, "expected an object")
    missing = [c for c in columns if c not in item]
    if missing:
        raise _bad(where, f"missing {', '.join(missing)}")
    extra = [k for k in item if k not in columns]
    if extra:
        raise _bad(where, f"unexpected {', '.join(map(str, extra))}")
    for column, kind in columns.items():
        if not _TYPES[kind](item[column]):
            raise _bad(where, f"'{column}' has the wrong type")
    return item


_CONVERTERS: dict[str, Callable[[Any], object]] = {
    "visits": codec.visit_from_row,
    "screening_answers": codec.answer_from_row,
    "overrides": codec.override_from_row,
    "goals": codec.goal_from_row,
    "treatments": codec.treatment_from_row,
    "reviews": codec.review_from_row,
    "amendments": codec.amendment_from_row,
    "questionnaire_results": codec.questionnaire_from_row,
}


def _check(data: Any) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]], dict[int, Plan]]:
    """Check the whole file's shape; return the patient, the sections and the parsed plans."""
    try:
        check_values(data)
    except ImportProblem as problem:
        raise _bad(problem.where, problem.problem) from problem
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _bad("the file", "it is not a patient record exported by this app")
    if data.get("format_version") != FORMAT_VERSION:
        raise _bad("the file", f"format version {data.get('format_version')!r} is not known")
    patient = _check_item("patient", data.get("patient"), _PATIENT)
    if not patient["given_name"].strip() or not patient["family_name"].strip():
        raise _bad("patient", "the name is empty")
    try:
        codec.patient_from_row({"id": 0, **patient})
    except (KeyError, ValueError, TypeError) as error:
        raise _bad("patient", str(error)) from error
    sections: dict[str, list[dict[str, Any]]] = {}
    plans: dict[int, Plan] = {}
    for section, columns in _SECTIONS.items():
        items = data.get(section, [] if section in _LATER_SECTIONS else None)
        if not isinstance(items, list):
            raise _bad(section, "the section is missing")
        checked = []
        for n, item in enumerate(items, 1):
            where = f"{section} item {n}"
            row = _check_item(where, item, columns)
            try:
                if section == "plan_versions":
                    plans[n] = codec.plan_from_dict(row["plan"])
                else:
                    _CONVERTERS[section]({"id": 0, "patient_id": 0, **row})
            except (KeyError, ValueError, TypeError, ArithmeticError) as error:
                raise _bad(where, f"a value is not valid ({error})") from error
            checked.append(row)
        sections[section] = checked
    visit_ids = {v["id"] for v in sections["visits"]}
    treatment_ids = {str(t["id"]) for t in sections["treatments"]}
    for section, items in sections.items():
        for n, item in enumerate(items, 1):
            ref = item.get("visit_id")
            if section != "visits" and ref is not None and ref not in visit_ids:
                raise _bad(f"{section} item {n}", f"visit {ref} is not in the file")
            if (
                section == "amendments"
                and item["target"] == "treatment"
                and item["target_id"] not in treatment_ids
            ):
                raise _bad(f"amendments item {n}", "the amended treatment is not in the file")
    return patient, sections, plans


def _insert(conn: Any, table: str, values: dict[str, Any]) -> int:
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (names are ours)
    cursor = conn.execute(sql, tuple(values.values()))
    row_id: int = cursor.lastrowid
    return row_id


def read_import_file(path: Path) -> bytes:
    """Return the bytes of the export file at ``path``.

    Raises :class:`ImportFileError` for what is not a regular file (a folder, a FIFO or a
    device, which could never end), for a file larger than any record, or one not readable.
    """
    try:
        # Non-blocking, so that opening a FIFO with no writer returns at once.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise ImportFileError(f"Cannot read {path}: {error.strerror or error}.") from error
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ImportFileError(
            f"{path} is not a file (it is a folder, a pipe or a device). Nothing was "
            "changed. Give the file that 'consult-app export' wrote."
        )
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(MAX_IMPORT_BYTES + 1)
        except OSError as error:
            raise ImportFileError(f"Cannot read {path}: {error.strerror or error}.") from error
    if len(data) > MAX_IMPORT_BYTES:
        raise _too_big()
    return data


def _too_big() -> ImportFileError:
    return _bad(
        "the file", f"it is larger than {MAX_IMPORT_BYTES // 2**20} MB, far more than any record"
    )


def import_patient(store: Store, data: str | bytes | dict[str, Any], content: Content) -> Patient:
    """Import an exported record as a new patient and return them.

    Every value is checked as if it were typed, against ``content`` (areas, questions,
    products). Raises :class:`ImportFileError` (and changes nothing) when the file is
    malformed, partial or breaks a rule, or when a patient with the same name and date of
    birth is already here.
    """
    store._require(Permission.IMPORT_RECORDS)
    if not isinstance(data, dict):
        if len(data) > MAX_IMPORT_BYTES:
            raise _too_big()
        try:
            data = json.loads(data)
        except RecursionError as error:
            raise _bad("the file", "it is nested too deeply to be a record") from error
        except (ValueError, UnicodeDecodeError) as error:
            raise _bad("the file", f"it is not valid JSON ({error})") from error
    patient, sections, plans = _check(data)
    now = store._clock()
    try:
        check_rules(patient, sections, plans, content, now.date(), now)
    except ImportProblem as problem:
        raise _bad(problem.where, problem.problem) from problem
    same = store._conn.execute(
        "SELECT id FROM patients WHERE given_name = ? AND family_name = ? AND birth_date IS ?",
        (patient["given_name"], patient["family_name"], patient["birth_date"]),
    ).fetchone()
    if same is not None:
        raise ImportFileError(
            f"A patient with this name and date of birth is already here (id {same[0]}). "
            "Nothing was changed."
        )
    with store._write("import_patient") as conn:
        patient_id = _insert(conn, "patients", patient)
        store._write_about(patient_id)
        visit_map: dict[int, int] = {}
        treatment_map: dict[str, str] = {}
        for visit in sections["visits"]:
            values = {k: v for k, v in visit.items() if k != "id"}
            visit_map[visit["id"]] = _insert(conn, "visits", {"patient_id": patient_id, **values})
        for section in (
            "screening_answers",
            "overrides",
            "goals",
            "reviews",
            "questionnaire_results",
        ):
            for item in sections[section]:
                _insert(conn, section, {**item, "visit_id": visit_map[item["visit_id"]]})
        for item in sections["treatments"]:
            values = {k: v for k, v in item.items() if k != "id"}
            new_id = _insert(
                conn, "treatments", {**values, "visit_id": visit_map[item["visit_id"]]}
            )
            treatment_map[str(item["id"])] = str(new_id)
        for item in sections["amendments"]:
            target_id = item["target_id"]
            if item["target"] == "treatment":
                target_id = treatment_map[target_id]
            elif item["target"] == "visit_note" and target_id.isdigit():
                target_id = str(visit_map.get(int(target_id), target_id))
            values = {**item, "visit_id": visit_map[item["visit_id"]], "target_id": target_id}
            _insert(conn, "amendments", values)
        for n, item in enumerate(sections["plan_versions"], 1):
            plan = plans[n]
            step = plan.next_step
            values = {k: v for k, v in item.items() if k != "plan"}
            ref = item["visit_id"]
            _insert(
                conn,
                "plan_versions",
                {
                    **values,
                    "patient_id": patient_id,
                    "visit_id": None if ref is None else visit_map[ref],
                    "plan_json": json.dumps(codec.plan_to_dict(plan), ensure_ascii=False),
                    "next_kind": step.kind.value if step else None,
                    "next_due": step.due.isoformat() if step else None,
                },
            )
        details = codec.patient_from_row({"id": patient_id, **patient}).details
        write_search_terms(conn, patient_id, details)
    return store.patients.get_patient(patient_id)
