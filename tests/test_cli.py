"""The command line: check-content and the data directory choice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from consult_app.bundled import bundled_resource
from consult_app.cli import main
from consult_app.paths import DATA_DIR_ENV, resolve_data_dir


def test_check_content_on_bundled_content_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-content"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Content OK:")
    assert len(out.strip().splitlines()) == 1


def test_check_content_lists_every_problem_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "content-copy"
    shutil.copytree(bundled_resource(), folder)
    clinic = folder / "content" / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + "\nmystery_key: 1\n", encoding="utf-8")
    (folder / "diagrams" / "body.svg").unlink()
    assert main(["check-content", str(folder)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert any(line.startswith("content/clinic.yaml:") and "mystery_key" in line for line in lines)
    assert any("body.svg" in line for line in lines)
    assert "problems found" in captured.err


def test_data_dir_option_beats_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert resolve_data_dir(None) == tmp_path / "from-env"
    assert resolve_data_dir(str(tmp_path / "opt")) == tmp_path / "opt"
    monkeypatch.delenv(DATA_DIR_ENV)
    assert resolve_data_dir(None).name == "consult-app"


def test_no_screen_gives_a_clear_message_instead_of_a_crash(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "consult_app", "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    if sys.platform.startswith("linux"):
        assert result.returncode == 1
        assert "no screen was found" in result.stderr
        assert "Traceback" not in result.stderr
