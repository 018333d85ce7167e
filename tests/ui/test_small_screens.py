"""Every window and dialog is usable on a laptop screen: 1366x768, and 2732x1536 at 200%.

Qt's screens are fixed when the application starts, so each size runs in a child process
(``small_screen_child.py``) with the offscreen platform set to that one screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from consult_app.app import create_main_window

CHILD = Path(__file__).with_name("small_screen_child.py")

#: Every window the child opens; each must be reported, so none is skipped by mistake.
WINDOWS = {
    "main window", "consent", "handout preview", "recall list", "warning", "users",
    "audit trail", "content sign-off", "change password", "unlock PIN", "sign in",
    "first start", "content problems", "missing records", "locked window",
}  # fmt: skip

SCREENS = {
    "1366x768": ({"width": 1366, "height": 768}, {}),
    "2732x1536 at 200%": ({"width": 2732, "height": 1536}, {"QT_SCALE_FACTOR": "2"}),
}


def inside(outer: list[int], inner: list[int]) -> bool:
    """Return whether the rectangle ``inner`` ([x, y, w, h]) lies wholly in ``outer``."""
    ox, oy, ow, oh = outer
    x, y, w, h = inner
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


@pytest.mark.gui
@pytest.mark.slow
@pytest.mark.parametrize("size", SCREENS)
def test_every_window_and_its_buttons_are_on_a_laptop_screen(tmp_path: Path, size: str) -> None:
    geometry, extra_env = SCREENS[size]
    screen = {"name": "Laptop", "x": 0, "y": 0, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{**screen, **geometry}]}), encoding="utf-8")
    env = dict(os.environ)
    env.pop("QT_SCALE_FACTOR", None)
    env.update(QT_QPA_PLATFORM=f"offscreen:configfile={config}", **extra_env)
    result = subprocess.run(
        [sys.executable, str(CHILD), str(tmp_path / "data")],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    room = seen["available"]
    assert room == [0, 0, 1366, 768]  # both are the same room in logical pixels
    assert {w["name"] for w in seen["windows"]} == WINDOWS
    off_screen = [
        (w["name"], text)
        for w in seen["windows"]
        for text, frame in w["buttons"]
        if not (inside(room, frame) and inside(w["frame"], frame))
    ]
    assert off_screen == []
    assert [w["name"] for w in seen["windows"] if not inside(room, w["frame"])] == []
    assert all(w["buttons"] for w in seen["windows"]), "every window has a button to reach"
    # The patient file's eight tabs all show, with no scroll arrows.
    assert seen["tabs"] == {"arrows": False, "all_inside": True, "count": 8}
    # The consent screen scrolls to the signature pad, which fits its width.
    assert seen["pad_fits"]
    assert seen["pad_width"] <= seen["viewport_width"]


@pytest.mark.gui
def test_a_window_saved_on_a_larger_screen_opens_within_this_one(
    qtbot: QtBot, data_dir: Path
) -> None:
    first = create_main_window(data_dir)
    qtbot.addWidget(first)
    room = first.screen().availableGeometry()
    first.setGeometry(room.x() + 300, room.y() + 200, room.width() * 2, room.height() * 2)
    first.window_state.save()
    first.close()
    again = create_main_window(data_dir)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    frame = again.frameGeometry()
    assert room.contains(frame), (room, frame)
