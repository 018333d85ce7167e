"""The audit trail's anchor: a keyed record of its entries, kept outside the database.

The hash chain shows an entry changed in place, but whoever can write the database file can
also delete the newest entries, compute every hash again, add a forged entry or put an older
copy of the file back, and the chain still holds. So, after each write commits, the entry the
app wrote is also appended as a line to ``audit.anchor`` in the data folder, signed (HMAC) with
a key kept in ``audit.key`` beside it: owner-only, made on first use, never in the database or
a backup. The anchor is only ever appended to. Besides entries, its lines mark where it began
(``start``; ``restart`` when the file or the key had gone), each backup made (``backup``, with
the newest entry the copy holds) and each restore (``restore``: the records were replaced on
purpose, so what the anchor held before no longer applies). Every backup carries the anchor as
it was, in its ``audit_anchor_copy`` table, and a restore checks the backup against it.

:func:`anchor_problems` compares the database with the anchor. It cannot help against someone
who can also rewrite (or delete) both the key and the anchor file, or who cuts the anchor's
newest lines together with the database's newest entries.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

GENESIS = "0" * 64
KEY_NAME = "audit.key"
ANCHOR_NAME = "audit.anchor"
COPY_TABLE = "audit_anchor_copy"
_KINDS = frozenset({"start", "restart", "entry", "backup", "restore"})
_BASES = frozenset({"start", "restart", "restore"})
_DOMAIN = b"consult-app audit anchor 1\n"


@dataclass(frozen=True)
class Mark:
    """One line of the anchor: what kind, which entry (id and hash), when (UTC)."""

    kind: str
    entry_id: int
    hash: str
    at: str


def data_dir_of(conn: sqlite3.Connection) -> Path | None:
    """Return the folder of the database ``conn`` uses (``None`` for one in memory)."""
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main":
            return Path(row[2]).parent if row[2] else None
    return None


def _read_key(folder: Path) -> bytes | None:
    try:
        text = (folder / KEY_NAME).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return b""  # present but unreadable: no line will check out, which is reported
    try:
        return bytes.fromhex(text)
    except ValueError:
        return b""


def _key(folder: Path) -> tuple[bytes, bool]:
    """Return the folder's key, making it (owner-only) if there is none; and whether it was."""
    existing = _read_key(folder)
    if existing:
        return existing, False
    if existing == b"":
        # Never replace a key that cannot be read (another account, or tampering): the
        # entry stays unanchored, and 'audit verify' says why.
        raise PermissionError(f"the audit key {folder / KEY_NAME} cannot be used")
    key = secrets.token_bytes(32)
    path = folder / KEY_NAME
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another window made it a moment ago
        made = _read_key(folder)
        if made:
            return made, False
        raise
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return key, True


def _mac(key: bytes, kind: str, entry_id: int, entry_hash: str, at: str) -> str:
    message = _DOMAIN + f"{kind}\t{entry_id}\t{entry_hash}\t{at}".encode("ascii")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _line(key: bytes, mark: Mark) -> str:
    mac = _mac(key, mark.kind, mark.entry_id, mark.hash, mark.at)
    return f"{mark.kind}\t{mark.entry_id}\t{mark.hash}\t{mark.at}\t{mac}\n"


def _parse(key: bytes, lines: Iterable[str]) -> tuple[list[Mark], list[int]]:
    """Return the lines whose signature checks out, and the numbers of those that do not."""
    marks: list[Mark] = []
    bad: list[int] = []
    for number, line in enumerate(lines, 1):
        parts = line.rstrip("\n").split("\t")
        try:
            kind, entry_id, entry_hash, at, mac = parts
            ok = kind in _KINDS and hmac.compare_digest(
                mac, _mac(key, kind, int(entry_id), entry_hash, at)
            )
        except (ValueError, UnicodeEncodeError):
            ok = False
        if ok:
            marks.append(Mark(kind, int(entry_id), entry_hash, at))
        else:
            bad.append(number)
    return marks, bad


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _head(conn: sqlite3.Connection) -> tuple[int, str]:
    row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def _append(folder: Path, kind: str, entry_id: int, entry_hash: str, at: str = "") -> None:
    """Append one mark (after a ``start``/``restart`` when the anchor or its key is new)."""
    key, made = _key(folder)
    path = folder / ANCHOR_NAME
    fresh = not path.exists() or path.stat().st_size == 0
    at = at or _now()
    text = ""
    if (fresh or made) and kind != "restore":
        text += _line(key, Mark("start" if fresh and made else "restart", entry_id, entry_hash, at))
    if kind != "entry" or not text:
        text += _line(key, Mark(kind, entry_id, entry_hash, at))
    # One write of whole lines in append mode: two windows appending never mix their lines.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, text.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)


def anchor_entry(folder: Path, entry_id: int, entry_hash: str) -> None:
    """Record in the anchor an entry the app has just committed."""
    _append(folder, "entry", entry_id, entry_hash)


def anchor_restore(db_path: Path) -> None:
    """Record that the database ``db_path`` was just replaced on purpose by a backup.

    The restore is done: if this fails, 'audit verify' reports a rollback, which is then
    explained by the restore the person just made.
    """
    try:
        with closing(sqlite3.connect(db_path, isolation_level=None, timeout=5.0)) as conn:
            entry_id, entry_hash = _head(conn)
            # The copy of the anchor the backup carried means nothing in the live records.
            conn.execute(f"DROP TABLE IF EXISTS {COPY_TABLE}")
        _append(db_path.parent, "restore", entry_id, entry_hash)
    except (OSError, sqlite3.Error):
        return


class BackupAnchor:
    """Carry the anchor of ``data_dir`` into a backup copy, and mark the backup in it."""

    def __init__(self, data_dir: Path) -> None:
        self._folder = data_dir
        self._mark: Mark | None = None

    def embed(self, copy: sqlite3.Connection) -> None:
        """Write the anchor, and a mark for the copy's newest entry, into the copy."""
        key = _read_key(self._folder)
        path = self._folder / ANCHOR_NAME
        try:
            lines = path.read_text(encoding="ascii").splitlines(keepends=True)
        except (OSError, UnicodeDecodeError):
            lines = []
        if not key or not lines:
            return  # not a data folder the app has anchored: nothing to carry
        entry_id, entry_hash = _head(copy)
        self._mark = Mark("backup", entry_id, entry_hash, _now())
        lines.append(_line(key, self._mark))
        copy.execute(f"CREATE TABLE IF NOT EXISTS {COPY_TABLE} (line TEXT NOT NULL)")
        copy.execute(f"DELETE FROM {COPY_TABLE}")  # noqa: S608 (a constant name)
        copy.executemany(
            f"INSERT INTO {COPY_TABLE} (line) VALUES (?)",  # noqa: S608 (a constant name)
            [(line,) for line in lines],
        )

    def record(self) -> None:
        """Mark the backup in the live anchor, once the copy is in place."""
        if self._mark is None:
            return
        try:
            # The same line as the copy's last, so the two anchors agree.
            _append(self._folder, "backup", self._mark.entry_id, self._mark.hash, self._mark.at)
        except OSError:
            return  # the backup is made; a rollback to it is then reported as a deletion


def _has_copy_table(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (COPY_TABLE,)
    ).fetchone()
    return row is not None


def _shown(at: str) -> str:
    """Return a mark's time as people read it: ``2026-12-02 17:40 UTC``."""
    return at[:16].replace("T", " ") + " UTC"


def _span(ids: Sequence[int]) -> str:
    if len(ids) == 1:
        return f"entry {ids[0]}"
    return f"entries {ids[0]} to {ids[-1]}, {len(ids)} in all"


def compare(
    entries: Sequence[tuple[int, str]], marks: Sequence[Mark], copied: bool = False
) -> list[str]:
    """Return how the trail's ``(id, hash)`` entries differ from the anchor's ``marks``.

    ``copied`` says the database holds an anchor copy, which only a backup file does.
    """
    problems: list[str] = []
    start = max((n for n, m in enumerate(marks) if m.kind == "restore"), default=-1)
    problems += [
        f"The audit anchor was lost (its file or its key was deleted) and began again at "
        f"entry {m.entry_id} on {_shown(m.at)}: entries deleted before then cannot be ruled out."
        for m in marks[max(start, 0) :]
        if m.kind == "restart"
    ]
    base_at = max((n for n, m in enumerate(marks) if m.kind in _BASES), default=-1)
    base = marks[base_at] if base_at >= 0 else Mark("start", 0, GENESIS, "")
    anchored = {m.entry_id: m.hash for m in marks[base_at + 1 :] if m.kind in ("entry", "backup")}
    if base.entry_id:
        anchored[base.entry_id] = base.hash
    found = dict(entries)
    changed = sorted(i for i, h in found.items() if i in anchored and anchored[i] != h)
    forged = sorted(i for i in found if i > base.entry_id and i not in anchored)
    missing = sorted(i for i in anchored if i not in found)
    if changed:
        problems.append(
            f"The audit trail was rewritten ({_span(changed)}): the app wrote something else "
            "there, and the hashes were computed again to hide it. Restore the newest backup, or "
            "ask for technical help."
        )
    if forged:
        problems.append(
            f"A forged entry was added to the audit trail ({_span(forged)}): the app did not "
            "write it (the anchor has no record of it). If the app stopped suddenly just as it "
            "saved, the newest entry can be the app's own; otherwise someone wrote it directly."
        )
    newest = max(found, default=0)
    tail = [i for i in missing if i > newest]
    if tail:
        head = (newest, found.get(newest, GENESIS))
        backup = next(
            (m for m in reversed(marks) if m.kind == "backup" and (m.entry_id, m.hash) == head),
            None,
        )
        if backup is not None or copied:
            when = f"a backup made on {_shown(backup.at)}" if backup else "a backup file"
            problems.append(
                f"The records were rolled back: they were replaced by an older copy ({when}) "
                f"without 'consult-app restore', and the newer entries are gone ({_span(tail)}), "
                "with the changes they record. Restore the newest backup with 'consult-app "
                "restore', and find out who copied the file."
            )
        else:
            problems.append(
                f"The newest entries of the audit trail were deleted ({_span(tail)}): the app "
                "wrote them, and they are gone. (A power cut just after saving can lose the "
                "last one or two; otherwise someone removed them.)"
            )
    inside = [i for i in missing if i <= newest]
    if inside:
        problems.append(f"Entries the app wrote were deleted from the trail ({_span(inside)}).")
    return problems


def anchor_problems(conn: sqlite3.Connection, folder: Path | None) -> list[str]:
    """Return every way the audit trail in ``conn`` differs from the anchor in ``folder``."""
    if folder is None:
        return []
    entries = [(int(r[0]), str(r[1])) for r in conn.execute("SELECT id, hash FROM audit_log")]
    key = _read_key(folder)
    path = folder / ANCHOR_NAME
    if key is None and not path.exists():
        if not entries:
            return []
        return [
            f"The audit trail is not anchored: {ANCHOR_NAME} and {KEY_NAME} are missing from "
            f"{folder}. A data folder last used by an older version is anchored at its next "
            "recorded action; otherwise they were deleted, and deleted or forged entries "
            "cannot be ruled out."
        ]
    if key is None:
        return [
            f"The audit anchor's key ({folder / KEY_NAME}) is missing, so the anchor cannot be "
            "checked. It was deleted: deleted or forged entries cannot be ruled out."
        ]
    if not key:
        return [
            f"The audit anchor's key ({folder / KEY_NAME}) cannot be read or is damaged, so "
            "the anchor cannot be checked. Run 'consult-app audit verify' as the computer "
            "account that owns the data folder; if it still says so, the key was tampered with."
        ]
    try:
        lines = path.read_text(encoding="ascii", errors="replace").splitlines(keepends=True)
    except FileNotFoundError:
        return [
            f"The audit anchor ({path}) is missing. It was deleted: deleted or forged entries "
            "cannot be ruled out."
        ]
    marks, bad = _parse(key, lines)
    problems = []
    if bad:
        problems.append(
            f"The audit anchor ({path}) was tampered with: {len(bad)} of its lines (the first "
            f"is line {bad[0]}) were changed or not written by the app."
        )
    return problems + compare(entries, marks, _has_copy_table(conn))


def backup_problems(file: Path, data_dir: Path) -> list[str]:
    """Return why the audit trail in the backup ``file`` does not match the anchor it carries.

    A backup without an anchor copy (from an older version), or made under another key (in
    another data folder), cannot be checked and gives no problems.
    """
    key = _read_key(data_dir)
    if not key:
        return []
    try:
        uri = file.absolute().as_uri() + "?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            if not _has_copy_table(conn):
                return []
            lines = [r[0] for r in conn.execute(f"SELECT line FROM {COPY_TABLE} ORDER BY rowid")]  # noqa: S608
            entries = [
                (int(r[0]), str(r[1])) for r in conn.execute("SELECT id, hash FROM audit_log")
            ]
    except sqlite3.Error:
        return []  # the file's own check says what is wrong with it
    marks, bad = _parse(key, lines)
    if not marks:
        return []  # made in another data folder, under its own key
    last = marks[-1]
    head = max(entries, default=(0, GENESIS))
    if (
        bad
        or last.kind != "backup"
        or (last.entry_id, last.hash) != head
        or compare(entries, marks)
    ):
        return [
            "Its audit trail was changed after the backup was made (entries were rewritten, "
            "deleted or added: it does not match the anchor the backup carries), so it cannot "
            "be trusted. Restore another backup, or ask for technical help."
        ]
    return []
