"""Benchmark the patient store at clinic scale: 100,000 patients and 500,000 visits.

    python tests/benchmarks/bench_store.py

Prints one line per figure, ``bench NAME median_ms=M``. Targets: search as you type (first
50 results) <= 30 ms, opening a patient's file <= 50 ms, saving a goal <= 20 ms.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factories import make_content

from consult_app.domain.models import Goal, Hope, Severity
from consult_app.store import Store
from consult_app.store.search_text import index_text

PATIENTS = 100_000
VISITS = 500_000
TARGETS = {"search": 30.0, "open_patient": 50.0, "save_goal": 20.0}
GIVEN = [
    "Zoë",
    "Zoe",
    "Chloé",
    "Anna",
    "Mei",
    "عائشة",
    "小龙",
    "Liam",
    "Noah",
    "Olivia",
    "Ava",
    "Mia",
    "Jack",
    "Ella",
    "Sofía",
    "José",
    "Ines",
    "Oliver",
    "Amelia",
    "Lucas",
    "Hala",
]
FAMILY = ["O'Brien", "Smith", "Müller", "Ünal", "Nguyen", "Haddad", "李", "Brown", "Wilson",
          "García", "Jones", "Taylor", "Kowalski", "Dubois", "Rossi", "Khan", "Chen", "Singh",
          "Walker", "Young", "Martin", "Lee", "Thompson", "Kelly", "Murphy", "Dupont"]  # fmt: skip
SEARCHES = ["z", "zo", "zoe", "zoe ob", "smi", "smith j", "mul", "o'b", "1985", "1985-03",
            "07/03", "0412", "0412 5", "عائ", "李", "jo", "an", "chen m"]  # fmt: skip
AREAS = ["glabella", "forehead", "crows_feet", "underarms"]


def build(store: Store, rng: random.Random) -> None:
    """Fill the database with executemany in one transaction."""
    now = "2025-06-15T09:00:00+10:00"
    patients, search = [], []
    for pid in range(1, PATIENTS + 1):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        family = f"{family}{'' if pid % 3 else '-' + rng.choice(FAMILY)}"
        birth = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 65))
        phone = f"04{rng.randrange(10**8):08d}"
        patients.append((pid, given, family, birth.isoformat(), phone, now, "bench", now, "bench"))
        search.append((pid, index_text(given, family, "", phone, birth)))
    visits, treatments = [], []
    for vid in range(1, VISITS + 1):
        pid = rng.randrange(1, PATIENTS + 1)
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(3800))
        visits.append((vid, pid, day.isoformat(), now, "bench", now, "bench"))
        treatments.append((vid, rng.choice(AREAS), "product_a", "20", "LOT", "2030-01-01", now))
    conn = store._conn
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO patients (id, given_name, family_name, birth_date, phone, created_at, "
        "created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        patients,
    )
    conn.executemany("INSERT INTO patient_search (rowid, terms) VALUES (?, ?)", search)
    conn.executemany(
        "INSERT INTO visits (id, patient_id, visit_date, started_at, started_by, finished_at, "
        "finished_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
        visits,
    )
    conn.executemany(
        "INSERT INTO treatments (visit_id, area_id, product_id, units, batch, expiry, "
        "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, 'bench')",
        treatments,
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")


def median_ms(action: Callable[..., object], args_list: list[tuple[Any, ...]]) -> float:
    """Run ``action`` once per argument tuple; return the median time in milliseconds."""
    timings = []
    for args in args_list:
        start = time.perf_counter()
        action(*args)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> int:
    rng = random.Random(20250615)
    content = make_content()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp))
        start = time.perf_counter()
        build(store, rng)
        print(f"# built {PATIENTS} patients, {VISITS} visits in "
              f"{time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)  # fmt: skip
        figures = {}
        figures["search"] = median_ms(
            store.patients.search_patients, [(q,) for _ in range(5) for q in SEARCHES]
        )
        ids = [(rng.randrange(1, PATIENTS + 1),) for _ in range(200)]
        figures["open_patient"] = median_ms(store.visits.patient_file, ids)
        visit = store.visits.start_visit(ids[0][0])
        goals = [
            (visit.id, Goal(AREAS[n % 4], f"concern {n}", Severity.MILD, Severity.SEVERE,
                            Hope.SOFTER, n % 4 + 1), "bench", content)
            for n in range(200)
        ]  # fmt: skip
        figures["save_goal"] = median_ms(store.visits.save_goal, goals)
        store.close()
    failed = False
    for name, value in figures.items():
        print(f"bench {name} median_ms={value:.2f}")
        failed |= value > TARGETS[name]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
