"""The sub-commands that keep the records safe: backup, restore and the audit check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from consult_app.commands_common import (
    actor,
    data_dir,
    data_dir_option,
    open_store,
    print_lines,
    refuse_missing_records,
)


# backup / restore ---------------------------------------------------------------------------
def _backup(args: argparse.Namespace) -> int:
    from consult_app.store.backup import backup_to, database_path

    refuse_missing_records(data_dir(args))
    out = backup_to(database_path(data_dir(args)), Path(args.out))
    with open_store(args) as store:
        store.audit.record_event("backup", kind="manual")
    print(f"Backed up the records to {out}.", file=sys.stderr)
    return 0


def configure_backup(parser: argparse.ArgumentParser) -> None:
    """Add the backup command's arguments and handler."""
    parser.add_argument("--out", required=True, metavar="FILE", help="the backup file to write")
    parser.set_defaults(handler=_backup)


def _restore(args: argparse.Namespace) -> int:
    from consult_app.store.backup import restore_from

    folder = data_dir(args)
    # The restore is recorded in the restored records' audit trail, in the same step.
    kept = restore_from(Path(args.file), folder, actor=actor())
    print(f"Restored the records in {folder} from {args.file}.", file=sys.stderr)
    if kept is not None:
        print(f"The records as they were before are kept in {kept}.", file=sys.stderr)
    return 0


def configure_restore(parser: argparse.ArgumentParser) -> None:
    """Add the restore command's arguments and handler."""
    parser.add_argument("file", metavar="FILE", help="a backup file (from 'backup' or backups/)")
    parser.set_defaults(handler=_restore)


# audit / users --------------------------------------------------------------------------
def _audit_verify(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        problems = store.audit.verify_audit()
        count = store.audit.audit_size()
    print_lines(problems or [f"Audit trail OK: {count} entries"])
    return 1 if problems else 0


def configure_audit(parser: argparse.ArgumentParser) -> None:
    """Add the audit command's arguments and handler."""
    what = parser.add_subparsers(title="what", metavar="WHAT", required=True)
    verify = what.add_parser("verify", help="check that no entry was changed, deleted or added")
    data_dir_option(verify)
    verify.set_defaults(handler=_audit_verify)
