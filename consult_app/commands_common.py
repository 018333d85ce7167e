"""What every sub-command shares: its errors, the data folder, the content and the store.

Output meant for scripts goes to standard output; messages for people go to standard error.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from consult_app.content import ContentError, load_content
from consult_app.content.models import Content
from consult_app.domain.access import system_user
from consult_app.os_account import current_user
from consult_app.paths import ensure_private_dir, resolve_data_dir, write_private_file
from consult_app.store import Store

Configure = Callable[[argparse.ArgumentParser], None]

#: The command line's changes are recorded as ``os:NAME``, NAME being the computer account
#: that ran the command (no app account can be called that: ':' is not allowed in names).
OS_ACTOR_PREFIX = "os:"


class CommandError(Exception):
    """A problem to report to the person at the terminal, then exit 1."""


def data_dir(args: argparse.Namespace) -> Path:
    """Return the data folder the command works on."""
    return resolve_data_dir(getattr(args, "data_dir", None))


def read_content(args: argparse.Namespace) -> Content:
    """Load and check the content, or stop with what to fix."""
    folder = getattr(args, "content_dir", None)
    try:
        return load_content(Path(folder) if folder else None)
    except ContentError as error:
        raise CommandError(
            str(error) + "\nFix the content (see 'consult-app check-content') and try again."
        ) from error


def with_clinic_profile(content: Content, store: Store, folder: Path) -> Content:
    """Return ``content`` with the clinic's details entered in the app, or stop with why not."""
    from consult_app.content.clinic_profile import apply_clinic_profile

    try:
        return apply_clinic_profile(content, store.clinic.clinic_profile(), folder)
    except ContentError as error:
        raise CommandError(str(error)) from error


def _refuse_damaged_records(folder: Path) -> None:
    """Stop before opening damaged records, with the check and advice the window gives."""
    from consult_app.store.backup import damaged_advice, database_path, newest_backup
    from consult_app.store.integrity import inspect_database

    db_path = database_path(folder)
    try:
        if not db_path.is_file():
            return  # a new data folder: the store creates the records
    except OSError:
        return  # opening the store says why the folder cannot be used
    inspection = inspect_database(db_path, quick=True)
    if inspection.damaged:
        raise CommandError(
            "\n".join([*inspection.problems, damaged_advice(db_path, newest_backup(folder))])
        )


def refuse_missing_records(folder: Path) -> None:
    """Stop, naming the restore command, when the records are gone but backups exist.

    Also removes temporary copies of the records that a killed backup or restore left.
    """
    from consult_app.store.backup import backup_dir, missing_advice
    from consult_app.store.files import remove_leftovers

    remove_leftovers(folder, backup_dir(folder))
    missing = missing_advice(folder)
    if missing is not None:
        raise CommandError(missing[0])


@contextmanager
def open_store(args: argparse.Namespace) -> Iterator[Store]:
    """Open the records for the command, refusing missing or damaged ones."""
    folder = data_dir(args)
    refuse_missing_records(folder)
    # Nothing is written (not even the schema upgrade or an audit entry) to damaged records.
    _refuse_damaged_records(folder)
    try:
        # The command line acts with every right (whoever runs it has the file anyway); its
        # reads are recorded under the computer's account, as os:NAME.
        store = Store.open(ensure_private_dir(folder), user=system_user(actor()))
    except OSError as error:
        raise CommandError(
            f"Cannot use the data folder {folder}: {error.strerror or error}."
        ) from error
    try:
        yield store
    finally:
        store.close()


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by its owner only, all or nothing.

    A failure (a full disk, a read-only folder) leaves any earlier file as it was.
    """
    path = path.expanduser()
    try:
        write_private_file(path, data)
    except OSError as error:
        raise CommandError(
            f"Could not write {path}: {error.strerror or error}. Nothing was written; "
            "check the folder exists, that you may write there and that the disk has space."
        ) from error


def print_lines(lines: list[str]) -> None:
    """Print each line to standard output."""
    for line in lines:
        print(line)


def data_dir_option(parser: argparse.ArgumentParser) -> None:
    """Accept --data-dir after a second-level command too."""
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="data folder")


def actor() -> str:
    """Return the command line's actor: the operating system's account, marked as such."""
    return f"{OS_ACTOR_PREFIX}{current_user()}"
