"""A power cut or a killed app loses nothing that was reported saved.

A child process saves patients, goals and edits in a tight loop and writes a line for each
action as soon as the store returns. It is killed with SIGKILL at a random moment (sometimes
while it is still opening the database). After reopening, every reported action is there and
the database passes SQLite's integrity check.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from consult_app.store import Store
from consult_app.store.integrity import check_integrity

TESTS = Path(__file__).resolve().parents[1]
ROUNDS = 15

CHILD = """
import itertools, sys
from datetime import date
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from factories import details, goal, make_content
from consult_app.store import Store

today = date(2025, 6, 15)
tag = sys.argv[2]
content = make_content()
store = Store.open(Path(sys.argv[1]))
print("ready", flush=True)
first = None
for n in itertools.count():
    patient = store.patients.create_patient(details(given=f"R{tag}n{n}"), today)
    print(f"patient {patient.id} R{tag}n{n}", flush=True)
    first = first or patient
    visit = store.visits.start_visit(patient.id, today)
    store.visits.save_goal(visit.id, goal(concern=f"goal {tag}.{n}"), content)
    print(f"goal {visit.id} goal {tag}.{n}", flush=True)
    store.patients.update_patient(first.id, details(given=f"R{tag}n0", notes=str(n)), today)
    print(f"notes {first.id} {n}", flush=True)
"""


def run_and_kill(data_dir: Path, tag: int, log: Path, rng: random.Random) -> list[str]:
    """Start the child, kill it at a random moment, and return the lines it reported."""
    with log.open("wb") as out:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data_dir), str(tag), str(TESTS)],
            stdout=out,
            stderr=subprocess.PIPE,
        )
        try:
            if rng.random() < 0.2:
                time.sleep(rng.uniform(0.0, 0.3))  # may land while opening or migrating
            else:
                deadline = time.monotonic() + 10
                while b"ready" not in log.read_bytes():
                    assert child.poll() is None, child.stderr.read() if child.stderr else b""
                    assert time.monotonic() < deadline, "the child never opened the store"
                    time.sleep(0.005)
                time.sleep(rng.uniform(0.0, 0.25))
            child.send_signal(signal.SIGKILL)
        finally:
            child.kill()
            _, err = child.communicate()
    assert child.returncode == -signal.SIGKILL, err.decode(errors="replace")
    return log.read_text().splitlines()


def check_reported(data_dir: Path, lines: list[str]) -> int:
    """Assert every reported action is in the reopened database; return how many there were."""
    notes: dict[int, int] = {}
    count = 0
    with Store.open(data_dir) as store:
        for line in lines:
            kind, ident, value = line.split(" ", 2) if " " in line else (line, "", "")
            if kind == "patient":
                assert store.patients.get_patient(int(ident)).details.given_name == value, line
            elif kind == "goal":
                goals = store.visits.visit_record(int(ident)).goals
                assert [g.concern for g in goals] == [value], line
            elif kind == "notes":
                notes[int(ident)] = int(value)
            else:
                assert kind == "ready", f"unexpected line {line!r}"
                continue
            count += 1
        for patient_id, last in notes.items():
            saved = int(store.patients.get_patient(patient_id).details.notes)
            assert saved >= last, "a reported edit was lost"
    return count


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_killed_writer_loses_no_reported_edit(tmp_path: Path) -> None:
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    data_dir = tmp_path / "data"
    total = 0
    for tag in range(ROUNDS):
        lines = run_and_kill(data_dir, tag, tmp_path / f"round{tag}.log", rng)
        if not (data_dir / "consult.db").exists():
            continue  # killed before the database was created
        total += check_reported(data_dir, lines)
        problems = check_integrity(data_dir / "consult.db")
        assert problems == [], f"round {tag} (seed {seed}): {problems}"
    assert total > 100, f"too few edits were made to prove anything (seed {seed})"
