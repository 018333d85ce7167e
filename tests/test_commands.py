"""Record sub-commands as a script or a receptionist at a terminal would use them."""

from __future__ import annotations

import csv
import io
import json
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from consult_app.cli import main
from consult_app.paths import DATA_DIR_ENV


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    assert main(["seed-demo", "--data-dir", str(folder)]) == 0
    return folder


def lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().out.splitlines()


def test_patients_are_listed_tab_separated_without_header(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["patients", "--data-dir", str(demo_dir)]) == 0
    rows = [line.split("\t") for line in lines(capsys)]
    assert len(rows) == 4
    assert all(len(row) == 3 and row[0].isdigit() for row in rows)
    names = {row[1] for row in rows}
    assert "Zoë O'Brien" in names
    assert main(["patients", "--data-dir", str(demo_dir), "--search", "zoe"]) == 0
    assert [row.split("\t")[1] for row in lines(capsys)] == ["Zoë O'Brien"]


def test_data_dir_from_environment(
    demo_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    capsys.readouterr()
    monkeypatch.setenv(DATA_DIR_ENV, str(demo_dir))
    assert main(["patients"]) == 0
    assert len(lines(capsys)) == 4


def test_recalls_list_due_patients_with_phone(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["recalls", "--data-dir", str(demo_dir), "--within", "30"]) == 0
    rows = [line.split("\t") for line in lines(capsys)]
    assert rows, "the demo has a patient awaiting review"
    kinds = {row[-1] for row in rows}
    assert kinds <= {"review", "repeat"}
    assert all(row[2] for row in rows), "each recall has a phone number"


def test_recalls_as_csv_for_a_text_tool_leave_out_snoozed_and_clinical(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date, timedelta

    from consult_app.domain.recalls import RecallFilter
    from consult_app.store import Store

    capsys.readouterr()
    assert main(["recalls", "--data-dir", str(demo_dir), "--within", "120", "--csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["patient_id", "name", "phone", "due", "kind"]
    assert len(rows) >= 3 and all(len(row) == 5 and row[2] for row in rows[1:])
    text = repr(rows)
    for clinical in ("Fictional patient", "DEMO-001", "Lines when I smile", "Wet shirts"):
        assert clinical not in text
    today = date.today()
    with Store.open(demo_dir) as store:
        first = store.recall_desk.recall_list(today, RecallFilter(today + timedelta(days=120)))[0]
        store.recall_desk.record_recall_contact(
            first.patient_id, first.due, today, snooze_to=today + timedelta(days=3)
        )
    assert main(["recalls", "--data-dir", str(demo_dir), "--within", "120", "--csv"]) == 0
    again = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert again == [rows[0], *(r for r in rows[1:] if r[0] != str(first.patient_id))]


def test_export_and_import_round_trip(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "record.json"
    assert main(["export", "--data-dir", str(demo_dir), "--patient", "1", "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    exported = json.loads(out.read_text(encoding="utf-8"))
    other = tmp_path / "other"
    capsys.readouterr()
    assert main(["import", "--data-dir", str(other), str(out)]) == 0
    new_id = lines(capsys)[0].split("\t")[0]
    second = tmp_path / "again.json"
    assert (
        main(["export", "--data-dir", str(other), "--patient", new_id, "--out", str(second)]) == 0
    )
    again = json.loads(second.read_text(encoding="utf-8"))
    assert again["patient"] == exported["patient"]
    assert len(again["visits"]) == len(exported["visits"])


def test_bad_import_and_unknown_patient_say_what_happened(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    other = tmp_path / "other"
    assert main(["import", "--data-dir", str(other), str(bad)]) == 1
    assert "Nothing was changed" in capsys.readouterr().err
    assert main(["patients", "--data-dir", str(other)]) == 0
    assert lines(capsys) == []
    assert main(["export", "--data-dir", str(demo_dir), "--patient", "999"]) == 1
    assert "999" in capsys.readouterr().err
    assert main(["import", "--data-dir", str(other), str(tmp_path / "missing.json")]) == 1
    assert "Cannot read" in capsys.readouterr().err


def test_handout_command_writes_sheet_and_protected_generic(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    import pikepdf
    from pypdf import PdfReader

    sheet = tmp_path / "sheet.pdf"
    assert (
        main(["handout", "--data-dir", str(demo_dir), "--patient", "3", "--out", str(sheet)]) == 0
    )
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(sheet.read_bytes())).pages)
    assert "Mei Lin" in text
    generic = tmp_path / "generic.pdf"
    args = ["handout", "--data-dir", str(demo_dir), "--areas", "glabella,forehead"]
    secret = tmp_path / "password.txt"
    secret.write_text("correct horse\n", encoding="utf-8")
    assert main([*args, "--out", str(generic), "--password-file", str(secret)]) == 0
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(generic)
    with pikepdf.open(generic, password="correct horse") as pdf:
        assert len(pdf.pages) >= 1
    capsys.readouterr()
    bad = ["handout", "--data-dir", str(demo_dir), "--areas", "nose", "--out", str(tmp_path / "x")]
    assert main(bad) == 1
    assert "Unknown area nose" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_handout_command_warns_about_letters_it_cannot_print(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    from consult_app.store import Store

    store = Store.open(demo_dir)
    patient = store.patients.get_patient(3)
    renamed = replace(patient.details, given_name="தமிழ்")
    store.patients.update_patient(3, renamed, date.today())
    sheet = tmp_path / "sheet.pdf"
    capsys.readouterr()
    assert (
        main(["handout", "--data-dir", str(demo_dir), "--patient", "3", "--out", str(sheet)]) == 0
    )
    err = capsys.readouterr().err
    assert "Wrote handout" in err
    assert "no letters for த ம ழ" in err
    assert sheet.exists()
