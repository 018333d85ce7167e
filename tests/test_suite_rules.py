"""The test suite's own rules: Qt warnings fail, markers, private folders, checks at commit."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from consult_app.content.cache import default_key_file
from consult_app.paths import default_data_dir

ROOT = Path(__file__).resolve().parents[1]

WARNING_TESTS = """
from PySide6.QtCore import qWarning
from PySide6.QtWidgets import QLabel


def test_a_qt_warning(qtbot):
    qtbot.addWidget(QLabel("x"))
    qWarning("the layout lost a widget")


def test_the_headless_platforms_own_limits(qtbot):
    qtbot.addWidget(QLabel("x"))
    qWarning("This plugin does not support raise()")
"""


@pytest.mark.slow
def test_a_qt_warning_fails_the_test_but_the_headless_platforms_limits_do_not(
    tmp_path: Path,
) -> None:
    (tmp_path / "test_warnings.py").write_text(WARNING_TESTS, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(tmp_path),
            "-p",
            "no:cacheprovider",
            "-q",
            "-p",
            "no:xdist",
            str(tmp_path / "test_warnings.py"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert "FAILED test_warnings.py::test_a_qt_warning\n" in result.stdout, result.stdout
    assert "1 failed, 1 passed" in result.stdout, result.stdout


def test_a_test_with_widgets_is_marked_gui(qtbot: object, request: pytest.FixtureRequest) -> None:
    assert request.node.get_closest_marker("gui") is not None


def test_a_test_without_widgets_is_not_marked_gui(request: pytest.FixtureRequest) -> None:
    assert request.node.get_closest_marker("gui") is None


def test_the_default_records_folder_is_the_runs_own(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Parallel workers never share records, settings or the content cache's key."""
    base = tmp_path_factory.getbasetemp()
    assert base in default_data_dir().parents
    assert base in default_key_file().parents


def lint_commands_of_make() -> list[str]:
    """Return the commands of the Makefile's lint step, with the venv's folder written out."""
    recipe: list[str] = []
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("lint:"))
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip().replace("$(BIN)/", ".venv/bin/"))
    return recipe


def test_pre_commit_runs_the_same_checks_as_make_test() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert all(repo["repo"] == "local" for repo in config["repos"])
    assert all(hook["pass_filenames"] is False and hook["always_run"] for hook in hooks)
    assert [hook["entry"] for hook in hooks] == lint_commands_of_make()
    assert (
        "lint" in (ROOT / "Makefile").read_text(encoding="utf-8").split("\ntest:")[1].split()[0:2]
    )


def test_every_test_module_has_the_tests_type_checking_settings() -> None:
    with (ROOT / "pyproject.toml").open("rb") as file:
        mypy = tomllib.load(file)["tool"]["mypy"]
    named = {name for override in mypy["overrides"] for name in override["module"]}
    folders = [ROOT / "tests", ROOT / "tests" / "benchmarks"]
    top_level = {path.stem for folder in folders for path in folder.glob("*.py")}
    packages = {f"{path.parent.name}.*" for path in (ROOT / "tests").glob("*/__init__.py")}
    missing = sorted((top_level | packages) - named)
    assert not missing, f"add {missing} to the tests' [[tool.mypy.overrides]] in pyproject.toml"
