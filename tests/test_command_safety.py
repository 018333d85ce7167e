"""The command line: no writes to damaged records, no PDF password in the arguments, its
actor from the operating system, and names printed without their control characters."""

from __future__ import annotations

import hashlib
import io
import os
import pwd
from datetime import date, datetime
from pathlib import Path

import pikepdf
import pytest

from consult_app.cli import main
from consult_app.domain.models import Patient, PatientDetails
from consult_app.store import Store
from consult_app.store import transfer as transfer_module
from consult_app.store.audit import AuditFilter
from consult_app.store.backup import database_path
from consult_app.terminal import terminal_text

OS_ACCOUNT = pwd.getpwuid(os.getuid()).pw_name


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    assert main(["seed-demo", "--data-dir", str(folder)]) == 0
    return folder


def _damage(db: Path) -> None:
    """Overwrite pages in the middle of a closed database file, as a failing disk might."""
    with db.open("r+b") as file:
        file.seek(2 * 4096)
        file.write(b"\xa5\x5a" * 4096)


def _digest(folder: Path) -> str:
    db = database_path(folder)
    parts = [db, db.with_name(db.name + "-wal")]  # the -shm index is only shared memory
    return hashlib.sha256(b"".join(p.read_bytes() for p in parts if p.exists())).hexdigest()


# 9: damaged records ------------------------------------------------------------------------
def test_no_sub_command_writes_to_damaged_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        for number in range(80):
            details = PatientDetails(f"Given{number}", "Family", date(1980, 1, 1), notes="x" * 500)
            store.patients.create_patient(details, date(2026, 11, 30))
    record = tmp_path / "record.json"
    assert main(["export", "--data-dir", str(folder), "--patient", "1", "--out", str(record)]) == 0
    _damage(database_path(folder))
    before = _digest(folder)
    data = ["--data-dir", str(folder)]
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough secret\n"))
    for command in (
        ["import", *data, str(record)],
        ["seed-demo", *data],
        ["handout", *data, "--areas", "all", "--out", str(tmp_path / "h.pdf")],
        ["users", "add", "someone", "--role", "reception", "--password-stdin", *data],
        ["export", *data, "--patient", "1"],
        ["patients", *data],
    ):
        capsys.readouterr()
        assert main(command) == 1, command
        err = capsys.readouterr().err
        assert "are damaged" in err and "restore" in err, command
        assert _digest(folder) == before, command
    assert not (tmp_path / "h.pdf").exists()


# 12: the PDF password ----------------------------------------------------------------------
def _handout(folder: Path, out: Path, *extra: str) -> list[str]:
    return ["handout", "--data-dir", str(folder), "--areas", "glabella", "--out", str(out), *extra]


def test_a_password_in_the_arguments_is_refused_and_nothing_written(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "locked.pdf"
    capsys.readouterr()
    assert main(_handout(demo_dir, out, "--password", "correct horse")) == 1
    err = capsys.readouterr().err
    assert "--password-file" in err and "--password-stdin" in err and "--generate-password" in err
    assert not out.exists()


def test_the_password_is_read_from_standard_input(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "locked.pdf"
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\nnot this line\n"))
    assert main(_handout(demo_dir, out, "--password-stdin")) == 0
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(out)
    with pikepdf.open(out, password="correct horse") as pdf:
        assert len(pdf.pages) >= 1


def test_a_short_or_missing_password_file_writes_nothing(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "locked.pdf"
    short = tmp_path / "short.txt"
    short.write_text("abc\n", encoding="utf-8")
    capsys.readouterr()
    assert main(_handout(demo_dir, out, "--password-file", str(short))) == 1
    assert "too short" in capsys.readouterr().err
    assert main(_handout(demo_dir, out, "--password-file", str(tmp_path / "none.txt"))) == 1
    assert "Cannot read the password file" in capsys.readouterr().err
    assert not out.exists()


def test_a_generated_password_is_strong_printed_once_and_opens_the_pdf(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "locked.pdf"
    capsys.readouterr()
    assert main(_handout(demo_dir, out, "--generate-password")) == 0
    printed = capsys.readouterr()
    [password] = printed.out.splitlines()
    assert len(password.replace("-", "")) >= 20
    assert "not kept anywhere" in printed.err
    assert password not in printed.err
    with pikepdf.open(out, password=password) as pdf:
        assert len(pdf.pages) >= 1
    assert main(_handout(demo_dir, tmp_path / "again.pdf", "--generate-password")) == 0
    assert capsys.readouterr().out.strip() != password


# 15: the actor and what is printed -------------------------------------------------------
def test_the_actor_is_the_os_account_whatever_the_environment_says(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(name, "dr-nobody")
    out = tmp_path / "sheet.pdf"
    assert main(["handout", "--data-dir", str(demo_dir), "--patient", "1", "--out", str(out)]) == 0
    with Store.open(demo_dir) as store:
        [issued] = store.audit.audit_trail(AuditFilter(action="issue_sheet"))
        [kept] = store.documents.handouts_for(1)
    assert issued.actor == kept.issued_by == f"os:{OS_ACCOUNT}"


def test_names_are_printed_with_their_control_characters_escaped(
    demo_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nasty = PatientDetails("Ann\x9b2J\x1b]0;owned\x07", "Lee\u202eeviL", date(1980, 1, 1))
    now = datetime(2026, 11, 30, 9).astimezone()
    imported = Patient(7, nasty, now, "os:x", now, "os:x")
    monkeypatch.setattr(transfer_module, "import_patient", lambda store, data, content: imported)
    record = tmp_path / "record.json"
    record.write_text("{}", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", "--data-dir", str(demo_dir), str(record)]) == 0
    printed = capsys.readouterr().out
    assert printed == "7\tAnn\\x9b2J\\x1b]0;owned\\x07 Lee\\u202eeviL\n"
    with Store.open(demo_dir) as store:  # as if written by an older version
        store._conn.execute("UPDATE patients SET given_name = ? WHERE id = 1", ("Zo\x1b[8m",))
    assert main(["patients", "--data-dir", str(demo_dir)]) == 0
    assert "Zo\\x1b[8m" in capsys.readouterr().out


def test_terminal_text_keeps_every_script_and_escapes_only_controls() -> None:
    assert terminal_text("Zoë Nguyễn 山田 क्षि שלום") == "Zoë Nguyễn 山田 क्षि שלום"
    assert terminal_text("a\x7fb\u2066c") == "a\\x7fb\\u2066c"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_at_a_terminal_the_password_is_asked_without_showing_it(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass

    asked: list[str] = []

    def ask(prompt: str = "") -> str:
        asked.append(prompt)
        return "typed unseen"

    monkeypatch.setattr("sys.stdin", _Terminal("shown on screen\n"))
    monkeypatch.setattr(getpass, "getpass", ask)
    out = tmp_path / "locked.pdf"
    assert main(_handout(demo_dir, out, "--password-stdin")) == 0
    assert asked == ["Password for the PDF: "]
    with pikepdf.open(out, password="typed unseen") as pdf:
        assert len(pdf.pages) >= 1
