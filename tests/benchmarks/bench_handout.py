"""Benchmark: build the personalised sheet for a 3-area plan, against a ReportLab floor.

Run with ``.venv/bin/python tests/benchmarks/bench_handout.py`` (or with pytest, naming the
file). Both measurements run in one warm process: fonts registered and diagrams loaded once,
as in the application after its first handout.

The floor is a one-page ReportLab document with 3 paragraphs set in the handout's body font
(so both sides embed the same TrueType font). Target: the sheet takes at most 4 times as long.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from consult_app.handout import SheetRequest

TARGET_RATIO = 4.0
ROUNDS = 41


def _sheet_builder() -> Callable[[], bytes]:
    """Return a function that builds a typical 3-area sheet (bundled content if present)."""
    from consult_app.handout import build_sheet

    # The handout tests' requests and stand-in content.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import handout_requests as fixtures

    typical = fixtures.typical_request()
    rounds = itertools.count()

    def next_patient() -> SheetRequest:
        # A different patient every time: only the clinic's wording repeats between sheets.
        n = next(rounds)
        goals = tuple(
            dataclasses.replace(goal, in_own_words=f"{goal.in_own_words} ({n})")
            for goal in typical.goals
        )
        return dataclasses.replace(typical, patient_name=f"Patient {n} Müller", goals=goals)

    try:
        from consult_app.content.loader import load_content

        content = load_content()
        return lambda: build_sheet(content, next_patient())
    except Exception as exc:  # no bundled content: use the tests' content
        print(f"(bundled content not used: {exc})")
    content = fixtures.make_content()
    return lambda: build_sheet(content, next_patient(), diagram_loader=fixtures.fake_loader)


def _floor() -> bytes:
    """A one-page ReportLab document with 3 paragraphs in the handout's body font."""
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from consult_app.handout.styles import make_styles, register_fonts

    register_fonts()
    body = make_styles().body
    out = io.BytesIO()
    text = (
        "Nerves send signals to muscles to make them tighten. This is how you frown and "
        "smile. The medicine blocks these signals for a while in the small area that is treated."
    )
    SimpleDocTemplate(out, invariant=1).build([Paragraph(text, body) for _ in range(3)])
    return out.getvalue()


def _medians_ms(builds: list[Callable[[], bytes]], rounds: int = ROUNDS) -> list[float]:
    """Median time of each build, alternating them so machine load affects all alike."""
    for build in builds:
        for _ in range(3):  # warm up: imports, font registration, diagram loading
            build()
    times: list[list[float]] = [[] for _ in builds]
    for _ in range(rounds):
        for build, samples in zip(builds, times, strict=True):
            start = time.perf_counter()
            build()
            samples.append(time.perf_counter() - start)
    return [statistics.median(samples) * 1000 for samples in times]


def run() -> float:
    """Measure, print the result line and return the ratio."""
    sheet_ms, floor_ms = _medians_ms([_sheet_builder(), _floor])
    ratio = sheet_ms / floor_ms
    print(f"bench handout_sheet median_ms={sheet_ms:.1f} floor_ms={floor_ms:.1f} ratio={ratio:.2f}")
    return ratio


def test_handout_sheet_benchmark() -> None:
    assert run() <= TARGET_RATIO


if __name__ == "__main__":
    sys.exit(0 if run() <= TARGET_RATIO else 1)
