"""The Qt binding in use keeps Python's objects alive: long sessions do not abort."""

from __future__ import annotations

import ctypes
import re
import sys
import tomllib
from importlib.metadata import metadata, version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parents[2]

#: Enough calls for a lost reference per call to show far above any noise.
CALLS = 3000


def test_void_methods_do_not_lose_references_to_none(qtbot: QtBot) -> None:
    box = QCheckBox()
    qtbot.addWidget(box)
    before = sys.getrefcount(None)
    for number in range(CALLS):
        box.setChecked(number % 2 == 0)
        box.setEnabled(number % 3 != 0)
        box.setObjectName(f"box{number % 2}")
    lost = before - sys.getrefcount(None)
    for _ in range(max(lost, 0)):  # give back what a faulty binding took: fail, not abort
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    # Opening a patient with a long history makes thousands of such calls; before Python
    # 3.12 None is not immortal, and losing one reference per call ends in none_dealloc.
    assert lost < CALLS // 10, f"{lost} references to None lost in {3 * CALLS} calls"


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def test_qt_packages_are_pinned_together_to_a_release_the_dependencies_allow() -> None:
    pins = _pins()
    qt = {name: pins[name] for name in ("pyside6-essentials", "pyside6-addons", "shiboken6")}
    assert len(set(qt.values())) == 1, f"the Qt packages must share one version: {qt}"
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for text in config["project"]["dependencies"]:
        requirement = Requirement(text)
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        if name in pins:
            assert requirement.specifier.contains(pins[name]), (text, pins[name])
    declared = {Requirement(t).name.lower() for t in config["project"]["dependencies"]}
    assert "pyside6-pdf" not in declared, "QtPdf comes with PySide6-Addons before 6.12"
    for name in ("pyside6-essentials", "pyside6-addons"):
        allowed = next(
            Requirement(t).specifier
            for t in config["project"]["dependencies"]
            if Requirement(t).name.lower() == name
        )
        assert not allowed.contains("6.12.0"), f"{name} 6.12.0 loses references to None"


def test_every_python_the_app_accepts_can_install_the_pinned_qt() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ours = SpecifierSet(config["project"]["requires-python"])
    pins = _pins()
    for name in ("PySide6_Essentials", "PySide6_Addons", "shiboken6"):
        assert version(name) == pins[re.sub(r"[-_.]+", "-", name).lower()], "reinstall .venv"
        theirs = SpecifierSet(metadata(name)["Requires-Python"])
        accepted = [f"3.{minor}" for minor in range(11, 30) if f"3.{minor}" in ours]
        assert accepted and all(python in theirs for python in accepted), (name, accepted)
