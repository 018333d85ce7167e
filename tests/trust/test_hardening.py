"""Files the app writes are private; hostile YAML and SVG are refused; nothing leaks to logs."""

from __future__ import annotations

import logging
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from consult_app.cli import main
from consult_app.content.diagram import DiagramError, load_diagram
from consult_app.content.yamlsafe import parse_yaml
from consult_app.store.backup import auto_backup, restore_from
from consult_app.store.store import DB_NAME

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file permissions")
PASSWORD = "Secret-Pass-2025"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    assert main(["seed-demo", "--data-dir", str(folder)]) == 0
    return folder


def test_exports_backups_and_handouts_are_readable_by_their_owner_only(
    demo: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    old_umask = os.umask(0o022)  # a typical umask, which would make new files world-readable
    caplog.set_level(logging.DEBUG)
    try:
        out = tmp_path / "out"
        out.mkdir()
        written = {
            "export": out / "record.json",
            "backup": out / "backup.db",
            "handout": out / "sheet.pdf",
            "locked": out / "locked.pdf",
        }
        data = ["--data-dir", str(demo)]
        assert main(["export", "--patient", "1", *data, "--out", str(written["export"])]) == 0
        assert main(["backup", *data, "--out", str(written["backup"])]) == 0
        assert main(["handout", "--patient", "1", *data, "--out", str(written["handout"])]) == 0
        (tmp_path / "password.txt").write_text(PASSWORD, encoding="utf-8")
        locked = [
            "--password-file",
            str(tmp_path / "password.txt"),
            "--out",
            str(written["locked"]),
        ]
        assert main(["handout", "--areas", "all", *data, *locked]) == 0
        daily = auto_backup(demo, date(2025, 6, 15))
        kept = restore_from(written["backup"], demo)
    finally:
        os.umask(old_umask)

    assert daily is not None and kept is not None
    for path in [*written.values(), daily, kept]:
        assert mode(path) == 0o600, path
    assert mode(daily.parent) == 0o700
    assert mode(demo) == 0o700
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written.values())
    # No patient's name or the password ever reaches a log record.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert PASSWORD not in logged and "O'Brien" not in logged


def test_the_database_folder_is_private(demo: Path) -> None:
    assert mode(demo) == 0o700
    assert (demo / DB_NAME).is_file()


def test_yaml_alias_bombs_and_python_tags_are_refused(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    result = parse_yaml(bomb, tmp_path / "content" / "areas.yaml", tmp_path)
    assert result.data is None
    assert any("alias" in p.message or "anchor" in p.message for p in result.problems)

    tagged = "x: !!python/object/apply:os.system ['echo hacked']\n"
    result = parse_yaml(tagged, tmp_path / "content" / "areas.yaml", tmp_path)
    assert result.data is None and result.problems


def test_svg_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("PATIENT-SECRET")
    svg = tmp_path / "face.svg"
    svg.write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE svg [<!ENTITY leak SYSTEM "{secret.as_uri()}">]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<path id="glabella" d="M0 0 L5 0 L5 5 Z"><title>&leak;</title></path></svg>\n'
    )
    with pytest.raises(DiagramError) as caught:
        load_diagram(svg)
    assert "PATIENT-SECRET" not in str(caught.value)
