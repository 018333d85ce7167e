"""The audit trail's anchor outside the database: truncation, rollback, rewriting and forgery
are found, each with its own message and a failing 'audit verify'; a restore made on purpose
is not taken for a rollback."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from factories import details

from consult_app.cli import main
from consult_app.store import Store, anchor
from consult_app.store.anchor import ANCHOR_NAME, COPY_TABLE, KEY_NAME
from consult_app.store.audit import GENESIS, entry_hash
from consult_app.store.backup import backup_to, database_path, restore_from
from consult_app.store.integrity import BackupError

TODAY = date(2026, 12, 2)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(folder: Path) -> Iterator[Store]:
    opened = Store.open(folder)
    for name in ("Ann", "Bea", "Cat", "Dee"):
        opened.patients.create_patient(details(given=name), TODAY)
    yield opened
    opened.close()


def verify(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run 'consult-app audit verify' on ``folder``; return its exit code and output."""
    code = main(["audit", "verify", "--data-dir", str(folder)])
    return code, capsys.readouterr().out


def raw(folder: Path) -> sqlite3.Connection:
    """Open the database as someone editing the file directly, with its safeguards dropped."""
    conn = sqlite3.connect(database_path(folder), isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS audit_log_never_changed")
    conn.execute("DROP TRIGGER IF EXISTS audit_log_never_deleted")
    return conn


def put_back_triggers(conn: sqlite3.Connection) -> None:
    """Recreate the safeguards as they were, so only the other tampering is left to find."""
    conn.execute(
        "CREATE TRIGGER audit_log_never_changed BEFORE UPDATE ON audit_log\n"
        "BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END"
    )
    conn.execute(
        "CREATE TRIGGER audit_log_never_deleted BEFORE DELETE ON audit_log\n"
        "BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END"
    )


def rehash_from(conn: sqlite3.Connection, first_id: int) -> None:
    """Compute the chain again from ``first_id`` on, as a careful forger would."""
    rows = conn.execute(
        "SELECT id, at, actor, action, patient_id, detail FROM audit_log WHERE id >= ? ORDER BY id",
        (first_id,),
    ).fetchall()
    prev_row = conn.execute(
        "SELECT hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1", (first_id,)
    ).fetchone()
    prev = prev_row[0] if prev_row else GENESIS
    for entry_id, at, actor, action, patient_id, detail in rows:
        new = entry_hash(prev, at, actor, action, patient_id, detail)
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, new, entry_id)
        )
        prev = new


def test_a_whole_trail_verifies_and_its_key_is_owner_only(
    folder: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert store.audit.verify_audit() == []
    assert verify(folder, capsys) == (0, f"Audit trail OK: {store.audit.audit_size()} entries\n")
    key = folder / KEY_NAME
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE((folder / ANCHOR_NAME).stat().st_mode) == 0o600
    secret = key.read_text().strip()
    assert len(secret) == 64
    assert secret.encode() not in database_path(folder).read_bytes()


def test_deleting_the_newest_entries_is_found_even_with_the_sequence_fixed(
    folder: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = raw(folder)
    conn.execute("DELETE FROM audit_log WHERE id > 2")
    conn.execute("UPDATE sqlite_sequence SET seq = 2 WHERE name = 'audit_log'")
    put_back_triggers(conn)
    conn.close()
    code, out = verify(folder, capsys)
    assert code == 1
    assert out.strip() == (
        "The newest entries of the audit trail were deleted (entries 3 to 4, 2 in all): the "
        "app wrote them, and they are gone. (A power cut just after saving can lose the last "
        "one or two; otherwise someone removed them.)"
    )


def test_deleting_every_entry_is_found(
    folder: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = raw(folder)
    conn.execute("DELETE FROM audit_log")
    conn.execute("DELETE FROM sqlite_sequence WHERE name = 'audit_log'")
    put_back_triggers(conn)
    conn.close()
    code, out = verify(folder, capsys)
    assert code == 1
    assert "were deleted (entries 1 to 4, 4 in all)" in out


def test_a_rewritten_and_rehashed_entry_is_found(
    folder: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = raw(folder)
    conn.execute("UPDATE audit_log SET actor = 'someone' WHERE id = 2")
    rehash_from(conn, 2)
    put_back_triggers(conn)
    conn.close()
    code, out = verify(folder, capsys)
    assert code == 1
    assert out.startswith("The audit trail was rewritten (entries 2 to 4, 3 in all): the app")
    assert len(out.strip().splitlines()) == 1  # the chain itself holds: only the anchor sees it


def test_dropped_safeguards_are_found(
    folder: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    raw(folder).close()
    code, out = verify(folder, capsys)
    assert code == 1
    assert out.startswith(
        "The safeguards that refuse changes to the audit trail and the kept records were "
        "removed (audit_log_never_changed, audit_log_never_deleted)"
    )
    conn = sqlite3.connect(database_path(folder), isolation_level=None)
    put_back_triggers(conn)
    conn.execute("DROP TRIGGER visits_never_deleted")
    conn.execute("CREATE TRIGGER visits_never_deleted BEFORE DELETE ON visits BEGIN SELECT 1; END")
    conn.close()
    code, out = verify(folder, capsys)
    assert (code, "were altered (visits_never_deleted)" in out) == (1, True)


def test_a_forged_entry_at_the_end_is_found(
    folder: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = raw(folder)
    head = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]
    at = "2026-12-02T10:00:00+00:00"
    forged = entry_hash(head, at, "hala", "export", 1, "{}")
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, patient_id, detail, prev_hash, hash) "
        "VALUES (?, 'hala', 'export', 1, '{}', ?, ?)",
        (at, head, forged),
    )
    put_back_triggers(conn)
    conn.close()
    code, out = verify(folder, capsys)
    assert code == 1
    assert out.startswith("A forged entry was added to the audit trail (entry 5): the app did")
    # The app's next entry does not vouch for the forged one before it.
    with Store.open(folder) as again:
        again.patients.create_patient(details(given="Eve"), TODAY)
    assert "added to the audit trail (entry 5)" in verify(folder, capsys)[1]


def test_copying_an_older_backup_over_the_records_is_a_rollback(
    folder: Path, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = backup_to(store, tmp_path / "monday.db")
    store.patients.create_patient(details(given="Eve"), TODAY)
    store.close()
    shutil.copyfile(old, database_path(folder))
    for stale in ("-wal", "-shm"):
        database_path(folder).with_name("consult.db" + stale).unlink(missing_ok=True)
    code, out = verify(folder, capsys)
    assert code == 1
    assert out.startswith("The records were rolled back: they were replaced by an older copy")
    assert "without 'consult-app restore', and the newer entries are gone (entry 5)" in out


def test_a_restore_made_on_purpose_is_recorded_and_verifies(
    folder: Path, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = backup_to(store, tmp_path / "monday.db")
    store.patients.create_patient(details(given="Eve"), TODAY)
    store.close()
    assert main(["restore", "--data-dir", str(folder), str(old)]) == 0
    code, out = verify(folder, capsys)
    assert (code, out.startswith("Audit trail OK")) == (0, True)
    kinds = [line.split("\t")[0] for line in (folder / ANCHOR_NAME).read_text().splitlines()]
    # The restore's own audit entry is written inside the restored records, in one unit with
    # them; the restore mark then anchors the trail at that entry.
    assert kinds[-1] == "restore"
    with sqlite3.connect(database_path(folder)) as conn:  # the copy the backup carried is gone
        head = conn.execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        assert head == ("restore",)
        assert not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = ?", (COPY_TABLE,)
        ).fetchone()
    with Store.open(folder) as again:
        again.patients.create_patient(details(given="Fay"), TODAY)
        assert again.audit.verify_audit() == []


def test_every_backup_carries_the_anchor(
    folder: Path, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticks = (f"2026-12-02T17:00:{second:02d}+00:00" for second in range(60))
    monkeypatch.setattr(anchor, "_now", lambda: next(ticks))  # each call a second later
    copy = backup_to(store, tmp_path / "copy.db")
    kept = (folder / ANCHOR_NAME).read_text().splitlines(keepends=True)
    with sqlite3.connect(copy) as conn:
        carried = [r[0] for r in conn.execute(f"SELECT line FROM {COPY_TABLE} ORDER BY rowid")]
    assert carried == kept  # the anchor as it was, then the backup's own mark, last
    assert kept[-1].startswith("backup\t4\t")
    assert KEY_NAME.encode() not in copy.read_bytes()
    assert (folder / KEY_NAME).read_text().strip().encode() not in copy.read_bytes()


def test_a_backup_whose_trail_was_rewritten_is_not_restored(
    folder: Path, store: Store, tmp_path: Path
) -> None:
    copy = backup_to(store, tmp_path / "copy.db")
    conn = sqlite3.connect(copy, isolation_level=None)
    conn.execute("DROP TRIGGER audit_log_never_changed")
    conn.execute("UPDATE audit_log SET actor = 'someone' WHERE id = 3")
    rehash_from(conn, 3)
    conn.close()
    store.close()
    before = database_path(folder).read_bytes()
    with pytest.raises(BackupError, match="Its audit trail was changed after the backup"):
        restore_from(copy, folder)
    assert database_path(folder).read_bytes() == before


def test_a_tampered_or_deleted_anchor_is_found(
    folder: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    anchor_file = folder / ANCHOR_NAME
    lines = anchor_file.read_text().splitlines(keepends=True)
    anchor_file.write_text("".join([*lines[:-1], lines[-1].replace("entry\t4", "entry\t9")]))
    code, out = verify(folder, capsys)
    assert code == 1
    assert "was tampered with: 1 of its lines (the first is line 4)" in out
    anchor_file.unlink()
    code, out = verify(folder, capsys)
    assert code == 1
    assert out.startswith(f"The audit anchor ({anchor_file}) is missing. It was deleted")
    # The next action starts the anchor again, and says so until the records are restored.
    store.patients.create_patient(details(given="Eve"), TODAY)
    code, out = verify(folder, capsys)
    assert code == 1
    assert "The audit anchor was lost (its file or its key was deleted) and began again" in out


def test_a_damaged_key_is_reported_and_never_replaced(
    folder: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    key = folder / KEY_NAME
    key.write_text("not a key\n")
    code, out = verify(folder, capsys)
    assert code == 1
    assert "key (" in out and "cannot be read or is damaged" in out
    store.patients.create_patient(details(given="Eve"), TODAY)  # saved all the same
    assert key.read_text() == "not a key\n"
    assert [p.details.given_name for p in store.patients.search_patients("eve")] == ["Eve"]


def test_a_folder_from_before_the_anchor_is_anchored_by_its_next_action(
    folder: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / ANCHOR_NAME).unlink()
    (folder / KEY_NAME).unlink()
    code, out = verify(folder, capsys)
    assert code == 1
    assert out.startswith("The audit trail is not anchored:")
    store.patients.create_patient(details(given="Eve"), TODAY)
    assert verify(folder, capsys)[0] == 0


def test_two_windows_writing_in_turn_keep_one_whole_anchor(folder: Path, store: Store) -> None:
    with Store.open(folder) as second:
        for n in range(5):
            store.patients.create_patient(details(given=f"One{n}"), TODAY)
            second.patients.create_patient(details(given=f"Two{n}"), TODAY)
        assert second.audit.verify_audit() == []
