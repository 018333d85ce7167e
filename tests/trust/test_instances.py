"""Two app windows (or a window and a sub-command) on one data folder both work safely.

See :mod:`consult_app.store.backup` for why there is no lock file: SQLite's WAL mode and
``BEGIN IMMEDIATE`` with a busy timeout make writers take turns.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from factories import details, goal, make_content

from consult_app.store import Store
from consult_app.store.backup import startup_check
from consult_app.store.integrity import check_integrity

TODAY = date(2025, 6, 15)
TESTS = Path(__file__).resolve().parents[1]


def test_two_stores_writing_in_turn_lose_nothing(tmp_path: Path) -> None:
    content = make_content()
    folder = tmp_path / "data"
    with Store.open(folder) as front_desk, Store.open(folder) as room:
        shared = front_desk.patients.create_patient(details(given="Shared"), TODAY)
        visit = room.visits.start_visit(shared.id, TODAY)
        made: list[int] = []
        for n in range(40):
            writer, other = (front_desk, room) if n % 2 else (room, front_desk)
            made.append(writer.patients.create_patient(details(given=f"P{n}"), TODAY).id)
            writer.patients.update_patient(shared.id, details(given="Shared", notes=str(n)), TODAY)
            writer.visits.save_goal(visit.id, goal(concern=f"said {n}"), content)
            # The other window sees each change at once: nothing waits in a cache.
            assert other.patients.get_patient(made[-1]).details.given_name == f"P{n}"
            assert other.patients.get_patient(shared.id).details.notes == str(n)
            assert other.visits.visit_record(visit.id).goals[0].concern == f"said {n}"
        assert len(set(made)) == 40
    with Store.open(folder) as reopened:
        names = {p.details.given_name for p in reopened.patients.search_patients("", limit=None)}
    assert names == {"Shared", *(f"P{n}" for n in range(40))}
    assert check_integrity(folder / "consult.db") == []


WRITER = """
import sys
from datetime import date
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from factories import details
from consult_app.store import Store

with Store.open(Path(sys.argv[1])) as store:
    for n in range(int(sys.argv[4])):
        store.patients.create_patient(details(given=f"{sys.argv[2]}{n}"), date(2025, 6, 15))
"""


def test_two_processes_saving_at_the_same_time_both_succeed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Store.open(folder) as first:  # a database without patients is not backed up
        first.patients.create_patient(details(given="First"), TODAY)
    count = 150
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), name, str(TESTS), str(count)],
            stderr=subprocess.PIPE,
        )
        for name in ("Left", "Right")
    ]
    # Meanwhile a third instance starts up: its check and backup do not disturb them.
    report = startup_check(folder, TODAY)
    errors = [child.communicate(timeout=60)[1].decode() for child in children]

    assert [child.returncode for child in children] == [0, 0], errors
    assert not report.damaged
    assert report.backup is not None and check_integrity(report.backup) == []
    with Store.open(folder) as store:
        names = {p.details.given_name for p in store.patients.search_patients("", limit=None)}
    assert names == {"First", *(f"{side}{n}" for side in ("Left", "Right") for n in range(count))}
    assert check_integrity(folder / "consult.db") == []
