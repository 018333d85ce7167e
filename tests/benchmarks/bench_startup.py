"""Start-up time and peak memory: the app's main window against a bare Qt window with one SVG.

Each run is a fresh process, timed from just before it is spawned until it reports (a line on
its standard output) that its window has been shown and painted; shutting down is not timed.
Runs of the app and of the floor are interleaved so that both see the same machine conditions.

The app imports its own layers first and Qt second, as ``consult-app`` does. The headline
figures are a normal start: the data folder exists from an earlier start (as it does every
day in the clinic). ``startup_time_first`` is the very first start in an empty data folder,
which also creates the database and checks the content from scratch; it has no target.

    python tests/benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = """
import resource, sys
from PySide6.QtCore import QTimer
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QSvgWidget(sys.argv[1]))
window.resize(1280, 800)
window.show()
def done():
    window.grab()
    print("shown", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

APP = """
import resource, sys
from consult_app.app import create_main_window
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
window = create_main_window(sys.argv[1])
window.show()
def done():
    window.grab()
    print("shown", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def run_once(code: str, arg: str) -> tuple[float, float]:
    """Return (milliseconds to window shown, peak memory in MiB) for one fresh process.

    Bytecode is written and reused, as in a normal installation (pip compiles it when it
    installs a package); a machine that disables it would otherwise time the compiler.
    """
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", code, arg],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    ) as proc:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        elapsed = (time.perf_counter() - start) * 1000
        proc.stdout.read()
    if proc.returncode != 0 or not line.startswith("shown"):
        raise RuntimeError(f"the start-up run failed (exit {proc.returncode}): {line!r}")
    return elapsed, int(line.split()[1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    from consult_app.bundled import bundled_resource

    svg = str(bundled_resource() / "diagrams" / "face.svg")
    floor_t: list[float] = []
    floor_m: list[float] = []
    app_t: list[float] = []
    app_m: list[float] = []
    first_t: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = str(Path(tmp) / "clinic")
        run_once(FLOOR, svg)  # warm the file cache for both
        run_once(APP, data_dir)  # the first start: creates the database and the content cache
        for i in range(args.runs):
            t, m = run_once(FLOOR, svg)
            floor_t.append(t)
            floor_m.append(m)
            t, m = run_once(APP, data_dir)
            app_t.append(t)
            app_m.append(m)
            first_t.append(run_once(APP, str(Path(tmp) / f"first{i}"))[0])
    for name, values, floor in (
        ("startup_time", app_t, floor_t),
        ("startup_peak_memory", app_m, floor_m),
    ):
        median, floor_median = statistics.median(values), statistics.median(floor)
        unit = "ms" if name.endswith("time") else "mib"
        print(
            f"bench {name} median_{unit}={median:.1f} floor_{unit}={floor_median:.1f} "
            f"ratio={median / floor_median:.2f}"
        )
    print(f"bench startup_time_first median_ms={statistics.median(first_t):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
