"""The layers keep to their own libraries, and ruff's banned-imports rule says so."""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from consult_app import commands

ROOT = Path(__file__).resolve().parents[1]
#: The ruff installed beside this Python (the project's .venv), else the one on the PATH.
RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or "ruff"

QT = "from PySide6.QtWidgets import QLabel\n"
PDF = "from reportlab.pdfgen import canvas\n"
SQL = "import sqlite3\n"


def banned(where: str, source: str) -> bool:
    """Return whether ruff, with the project's settings, refuses ``source`` at ``where``."""
    result = subprocess.run(
        [RUFF, "check", "--no-cache", "--select", "TID251", "--stdin-filename", where, "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    return "TID251" in result.stdout


@pytest.mark.parametrize(
    ("where", "allowed"),
    [
        ("consult_app/domain/probe.py", ()),
        ("consult_app/content/probe.py", ()),
        ("consult_app/services/probe.py", ()),
        ("consult_app/commands.py", ()),
        ("consult_app/ui/probe.py", (QT,)),
        ("consult_app/ui/patient_file/probe.py", (QT,)),
        ("consult_app/app.py", (QT, PDF, SQL)),
        ("consult_app/handout/probe.py", (PDF,)),
        ("consult_app/store/probe.py", (SQL,)),
        ("tests/probe.py", (QT, PDF, SQL)),
    ],
)
def test_each_library_is_imported_only_in_its_own_layer(
    where: str, allowed: tuple[str, ...]
) -> None:
    for source in (QT, PDF, SQL):
        assert banned(where, source) is (source not in allowed), (where, source)


def test_a_database_failure_in_a_command_is_said_in_plain_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def handler(args: argparse.Namespace) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    assert commands.run(handler, argparse.Namespace()) == 1
    err = capsys.readouterr().err
    assert err.startswith("consult-app: ") and "Traceback" not in err
