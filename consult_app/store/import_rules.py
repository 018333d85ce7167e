"""The rules an imported record must meet: those of typing it, and of the store keeping it.

Anyone can edit an export file, so each of its values is checked as the app checks what is
typed (:mod:`consult_app.domain.validation`) and as the store keeps records: no id repeated,
no record changed at a visit after it was finished (only an amendment may do that), authors
that are names and times that are not in the future. :func:`check_values` runs first, on the
raw file, so that nothing the database or the sheet cannot take (a NUL, half of a surrogate
pair, a number too large for SQLite) reaches them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any, NoReturn

from consult_app.content.models import Content
from consult_app.domain.models import Plan
from consult_app.domain.validation import (
    MAX_NOTES_LENGTH,
    MAX_SHORT_TEXT_LENGTH,
    text_too_long,
    validate_goal,
    validate_patient,
    validate_questionnaire_result,
    validate_review,
    validate_treatment,
)
from consult_app.store import codec

#: The largest export file read: a whole record is far smaller; more is not one of ours.
MAX_IMPORT_BYTES = 16 * 1024 * 1024
MAX_AUTHOR_LENGTH = 100
#: An amendment keeps the old and new values of what it corrects, a note at most.
MAX_AMENDMENT_LENGTH = 2 * MAX_NOTES_LENGTH + 1_000
_INT64 = range(-(2**63), 2**63)
_TARGETS = frozenset({"treatment", "screening_answer", "visit_note"})
#: Clocks differ between computers; a time this far ahead is not one of them.
_CLOCK_SLACK = timedelta(days=1)


class ImportProblem(Exception):
    """Where in the file a rule is broken, and which."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


def check_values(data: object) -> None:
    """Refuse text the database cannot keep and whole numbers beyond SQLite's 64 bits."""
    stack: list[tuple[str, object]] = [("the file", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                raise ImportProblem(where, "a text holds a NUL character")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as error:
                raise ImportProblem(where, "a text holds half of a character pair") from error
        elif isinstance(value, int) and not isinstance(value, bool) and value not in _INT64:
            raise ImportProblem(where, "a number is too large")
        elif isinstance(value, Mapping):
            for key, item in value.items():
                stack.append((where, key))
                # Name the section a value is in; deeper places are named by their section.
                stack.append((shown(key) if value is data else where, item))
        elif isinstance(value, list):
            stack.extend((where, item) for item in value)


def shown(value: object) -> str:
    """Return a file's value as it may appear in a message: short, printable, encodable."""
    text = str(value)
    cut = text[:40].encode("utf-8", "replace").decode("utf-8")
    cut = "".join("?" if ord(c) < 32 or 0x7F <= ord(c) < 0xA0 else c for c in cut)
    return cut + ("…" if len(text) > 40 else "")


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    # A time saved without its offset was local time where it was saved.
    return moment if moment.tzinfo else moment.astimezone()


class _Checker:
    """Checks one file's checked sections against the rules; raises :class:`ImportProblem`."""

    def __init__(self, content: Content, today: date, now: datetime) -> None:
        self.content = content
        self.today = today
        self.latest = now + _CLOCK_SLACK

    def fail(self, where: str, problem: str) -> NoReturn:
        raise ImportProblem(where, problem)

    def errors(self, where: str, errors: Mapping[str, str]) -> None:
        if errors:
            self.fail(where, " ".join(errors.values()))

    def text(self, where: str, value: str, limit: int, label: str) -> None:
        message = text_too_long(value, limit, label)
        if message:
            self.fail(where, message)

    def author(self, where: str, value: str, label: str) -> None:
        if not value.strip():
            self.fail(where, f"the {label} is not named")
        elif len(value) > MAX_AUTHOR_LENGTH or any(ord(c) < 32 or c == "\x7f" for c in value):
            self.fail(where, f"the {label} '{shown(value)}' is not a name")

    def when(self, where: str, text: str, label: str) -> datetime:
        try:
            moment = _moment(text)
        except ValueError:
            self.fail(where, f"the {label} '{shown(text)}' is not a date and time")
        if moment > self.latest:
            self.fail(where, f"the {label} {text} is in the future")
        return moment

    def unique(self, section: str, keys: Iterable[tuple[object, str]]) -> None:
        """Refuse a key seen twice; ``keys`` pairs each item's key with how to name it."""
        seen: set[object] = set()
        for n, (key, label) in enumerate(keys, 1):
            if key in seen:
                self.fail(f"{section} item {n}", f"{label} is in the file twice")
            seen.add(key)


def check_rules(
    patient: dict[str, Any],
    sections: dict[str, list[dict[str, Any]]],
    plans: dict[int, Plan],
    content: Content,
    today: date,
    now: datetime,
) -> None:
    """Check a structurally sound file against the rules of typing and of the store."""
    c = _Checker(content, today, now.astimezone())
    _check_patient(c, patient)
    visits = _check_visits(c, sections["visits"])
    amended = _check_amendments(c, sections["amendments"], visits)
    _check_visit_records(c, sections, visits, amended)
    _check_plans(c, sections["plan_versions"], plans)


def _check_patient(c: _Checker, patient: dict[str, Any]) -> None:
    details = codec.patient_from_row({"id": 0, **patient}).details
    c.errors("patient", validate_patient(details, c.today))
    c.author("patient", patient["created_by"], "author")
    c.author("patient", patient["updated_by"], "author")
    c.when("patient", patient["created_at"], "time it was added")
    c.when("patient", patient["updated_at"], "time it was changed")
    if (patient["archived_at"] is None) != (patient["archived_by"] == ""):
        c.fail("patient", "the archive time and who archived it do not go together")
    if patient["archived_at"] is not None:
        c.author("patient", patient["archived_by"], "person who archived it")
        c.when("patient", patient["archived_at"], "archive time")


def _check_visits(c: _Checker, items: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    c.unique("visits", ((v["id"], f"visit {v['id']}") for v in items))
    for n, visit in enumerate(items, 1):
        where = f"visits item {n}"
        c.author(where, visit["started_by"], "person who started it")
        started = c.when(where, visit["started_at"], "start time")
        c.text(where, visit["note"], MAX_NOTES_LENGTH, "note")
        if (visit["finished_at"] is None) != (visit["finished_by"] == ""):
            c.fail(where, "the finish time and who finished it do not go together")
        if visit["finished_at"] is not None:
            c.author(where, visit["finished_by"], "person who finished it")
            if c.when(where, visit["finished_at"], "finish time") < started:
                c.fail(where, "it was finished before it was started")
    return {v["id"]: v for v in items}


def _finished(visit: dict[str, Any]) -> datetime | None:
    return None if visit["finished_at"] is None else _moment(visit["finished_at"])


def _check_amendments(
    c: _Checker, items: list[dict[str, Any]], visits: dict[int, dict[str, Any]]
) -> set[tuple[int, str, str]]:
    """Check the amendments; return ``(visit, target, target id)`` of each."""
    for n, item in enumerate(items, 1):
        where = f"amendments item {n}"
        finished = _finished(visits[item["visit_id"]])
        if finished is None:
            c.fail(where, "it corrects a visit that is not finished (a re-opened visit)")
        if item["target"] not in _TARGETS:
            c.fail(where, f"it corrects '{shown(item['target'])}', which the app never corrects")
        if item["target"] == "visit_note" and item["target_id"] != str(item["visit_id"]):
            c.fail(where, "it corrects the note of another visit")
        c.text(where, item["target_id"], 64, "corrected record's id")
        if not item["reason"].strip():
            c.fail(where, "the reason for the correction is empty")
        c.text(where, item["reason"], MAX_SHORT_TEXT_LENGTH, "reason")
        for key in ("original", "amended"):
            c.text(where, item[key], MAX_AMENDMENT_LENGTH, f"{key} value")
            try:
                kept = json.loads(item[key])
            except (ValueError, RecursionError):
                kept = None
            if not isinstance(kept, dict) or not all(isinstance(v, str) for v in kept.values()):
                c.fail(where, f"the {key} value is not what the app keeps")
        c.author(where, item["created_by"], "author")
        made = c.when(where, item["created_at"], "time it was made")
        if finished is not None and made < finished:
            c.fail(where, "it was made before the visit was finished")
    return {(a["visit_id"], a["target"], a["target_id"]) for a in items}


def _check_visit_records(
    c: _Checker,
    sections: dict[str, list[dict[str, Any]]],
    visits: dict[int, dict[str, Any]],
    amended: set[tuple[int, str, str]],
) -> None:
    """Check what was recorded at each visit, and that none of it changed once it was locked."""
    keys = {
        "screening_answers": ("question_id", "answer to question"),
        "overrides": ("area_id", "override for area"),
        "goals": ("area_id", "goal for area"),
        "reviews": ("area_id", "review of area"),
    }
    for section, (field, what) in keys.items():
        c.unique(
            section,
            (
                (
                    (i["visit_id"], i[field]),
                    f"the {what} {shown(i[field])} at visit {i['visit_id']}",
                )
                for i in sections[section]
            ),
        )
    c.unique("treatments", ((t["id"], f"treatment {t['id']}") for t in sections["treatments"]))
    questions = {q.id for q in c.content.screening}
    for section, items in sections.items():
        if section in ("visits", "amendments", "plan_versions"):
            continue
        for n, item in enumerate(items, 1):
            where = f"{section} item {n}"
            visit = visits[item["visit_id"]]
            row = {"id": 0, "patient_id": 0, **item}
            if "area_id" in item and not c.content.has_area(item["area_id"]):
                c.fail(where, f"unknown area '{shown(item['area_id'])}'")
            if section == "screening_answers":
                if item["question_id"] not in questions:
                    c.fail(where, f"unknown question '{shown(item['question_id'])}'")
                c.text(where, item["note"], MAX_SHORT_TEXT_LENGTH, "note")
            elif section == "overrides":
                if not item["reason"].strip():
                    c.fail(where, "the reason for treating despite the finding is empty")
                c.text(where, item["reason"], MAX_SHORT_TEXT_LENGTH, "reason")
            elif section == "goals":
                c.errors(where, validate_goal(codec.goal_from_row(row), c.content))
            elif section == "treatments":
                record = codec.treatment_from_row(row).record
                day = date.fromisoformat(visit["visit_date"])
                c.errors(where, validate_treatment(record, c.content, day))
            elif section == "reviews":
                if item["top_up_given"] not in (0, 1):
                    c.fail(where, "'top_up_given' is neither 0 nor 1")
                c.errors(where, validate_review(codec.review_from_row(row), c.content))
            elif section == "questionnaire_results":
                result = codec.questionnaire_from_row(row)
                c.errors(where, validate_questionnaire_result(result, c.content))
            by, at = next(
                (by, at)
                for by, at in (
                    ("created_by", "created_at"),
                    ("recorded_by", "recorded_at"),
                    ("updated_by", "updated_at"),
                )
                if at in item
            )
            c.author(where, item[by], "author")
            saved = c.when(where, item[at], "time it was saved")
            finished = _finished(visit)
            corrected = (item["visit_id"], "screening_answer", item.get("question_id"))
            if finished is not None and saved > finished and corrected not in amended:
                c.fail(where, "it was changed after its visit was finished, with no amendment")


def _check_plans(c: _Checker, items: list[dict[str, Any]], plans: dict[int, Plan]) -> None:
    c.unique("plan_versions", ((p["number"], f"plan version {p['number']}") for p in items))
    for n, item in enumerate(items, 1):
        where = f"plan_versions item {n}"
        if item["number"] < 1:
            c.fail(where, "plan versions are numbered from 1")
        c.author(where, item["created_by"], "author")
        c.when(where, item["created_at"], "time it was made")
        c.text(where, item["reason"], MAX_SHORT_TEXT_LENGTH, "reason")
        plan = plans[n]
        c.text(where, plan.note, MAX_SHORT_TEXT_LENGTH, "plan's note")
        named = [*plan.deferred, *(a for s in plan.steps for a in s.areas)]
        unknown = [a for a in named if not c.content.has_area(a)]
        if unknown:
            c.fail(where, f"unknown area '{shown(unknown[0])}'")
        for step in plan.steps:
            c.text(where, step.note, MAX_SHORT_TEXT_LENGTH, "step's note")
