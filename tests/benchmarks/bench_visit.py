"""Actions a visit takes in the real window: a new walk-in, and a returning patient's review.

Runs the counting tests of ``tests/ui/test_visit_speed.py`` (keys and clicks on the main
window, free text not counted) and prints their figures:

    bench visit_walk_in actions=N
    bench visit_review actions=N

    python tests/benchmarks/bench_visit.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

FIGURE = re.compile(r"bench visit_\w+ actions=\d+")


def main() -> int:
    tests = Path(__file__).resolve().parent.parent
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(tests / "ui" / "test_visit_speed.py"),
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
        ],
        cwd=tests.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    # pytest's progress dots share the lines the tests print on.
    figures = FIGURE.findall(result.stdout)
    for line in figures:
        print(line, flush=True)
    if result.returncode != 0 or len(figures) != 2:
        print(result.stdout[-4000:], result.stderr[-2000:], sep="\n", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
