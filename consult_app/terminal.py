"""What the command-line sub-commands print, as plain functions over a :class:`Store`.

Lines are tab-separated with no header, one patient a line; tabs and line breaks inside a
value are turned into spaces so each patient stays on one line, and other control characters
are printed as escapes (:func:`terminal_text`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date, timedelta

from consult_app.domain.recalls import DeskRecall, RecallFilter, recalls_csv
from consult_app.store import Store, StoreError

__all__ = ["patient_lines", "recall_csv", "recall_lines", "terminal_text"]


#: Format controls that reorder or hide what a terminal shows (bidi embeddings and isolates).
_HIDDEN_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def terminal_text(value: str) -> str:
    """Return ``value`` safe to print: control characters shown as escapes (``\\x1b``).

    A name with an escape sequence or a right-to-left override could otherwise change the
    terminal or disguise the line; letters of every script are kept as they are.
    """
    out: list[str] = []
    for char in value:
        if unicodedata.category(char) == "Cc" or char in _HIDDEN_CONTROLS:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def _clean(value: str) -> str:
    return terminal_text(" ".join(value.split()))


def patient_lines(store: Store, search: str | None = None) -> list[str]:
    """Return ``id<TAB>name<TAB>date of birth`` for each patient (archived ones left out).

    With ``search``, only patients found by it (as in search as you type), all of them.
    """
    patients = store.patients.search_patients(search or "", limit=None)
    return [
        "\t".join(
            (
                str(p.id),
                _clean(f"{p.details.given_name} {p.details.family_name}"),
                p.details.birth_date.isoformat() if p.details.birth_date else "",
            )
        )
        for p in patients
    ]


def recall_lines(store: Store, within_days: int, today: date) -> list[str]:
    """Return ``id<TAB>name<TAB>phone<TAB>due date<TAB>review|repeat`` for each patient due.

    Patients whose next step is due on or before ``today + within_days`` (overdue included),
    but not those the front desk snoozed past today.
    """
    return [
        "\t".join(
            (str(r.patient_id), _clean(r.name), _clean(r.phone), r.due.isoformat(), r.kind.value)
        )
        for r in _due(store, within_days, today)
    ]


def recall_csv(store: Store, within_days: int, today: date) -> str:
    """Return the same recalls as CSV with a header, for the clinic's text or email tool."""
    return recalls_csv(
        replace(r, name=terminal_text(r.name), phone=terminal_text(r.phone))
        for r in _due(store, within_days, today)
    )


def _due(store: Store, within_days: int, today: date) -> list[DeskRecall]:
    if within_days < 0:
        raise StoreError("The number of days must be 0 or more.")
    wanted = RecallFilter(due_to=today + timedelta(days=within_days))
    return store.recall_desk.recall_list(today, wanted)
