"""Sub-commands that work on a data directory (records, handouts, backups).

Each entry of :data:`COMMANDS` is ``name: (help, configure)``; ``configure`` adds the
command's own arguments and sets its handler. Heavy modules are imported inside handlers.
Output meant for scripts goes to standard output; messages for people go to standard error.
The handlers live by job: :mod:`~consult_app.commands_records` (records and accounts),
:mod:`~consult_app.commands_papers` (handouts and the content review) and
:mod:`~consult_app.commands_admin` (backup, restore, audit), on the shared helpers of
:mod:`~consult_app.commands_common`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from consult_app import commands_admin as admin
from consult_app import commands_papers as papers
from consult_app import commands_records as records
from consult_app.commands_common import OS_ACTOR_PREFIX as OS_ACTOR_PREFIX
from consult_app.commands_common import CommandError as CommandError
from consult_app.commands_common import Configure as Configure
from consult_app.commands_common import refuse_missing_records as refuse_missing_records
from consult_app.commands_common import write_private as write_private
from consult_app.store import StoreError
from consult_app.store.integrity import ENGINE_ERRORS, storage_error_message


def run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a sub-command, turning expected failures into a message and exit code 1."""
    try:
        return handler(args)
    except (CommandError, StoreError) as error:
        print(f"consult-app: {error}", file=sys.stderr)
        return 1
    except ENGINE_ERRORS as error:
        print(f"consult-app: {storage_error_message(error)}", file=sys.stderr)
        return 1


COMMANDS: dict[str, tuple[str, Configure]] = {
    "audit": ("check the audit trail ('audit verify')", admin.configure_audit),
    "users": ("manage user accounts ('users add NAME --role ROLE')", records.configure_users),
    "patients": (
        "list patients: id, name, date of birth (tab-separated)",
        records.configure_patients,
    ),
    "recalls": ("list patients due for a review or repeat treatment", records.configure_recalls),
    "export": ("write a patient's whole record as JSON", records.configure_export),
    "import": ("read a patient's record written by 'export'", records.configure_import),
    "seed-demo": ("fill an empty data folder with fictional patients", records.configure_seed_demo),
    "handout": ("write a patient's sheet or a general handout as PDF", papers.configure_handout),
    "content": (
        "print the content review ('content review --out FILE') or record its sign-off",
        papers.configure_content,
    ),
    "backup": (
        "write a checked copy of the records (safe while the app is open)",
        admin.configure_backup,
    ),
    "restore": ("replace the records with a backup, keeping a copy first", admin.configure_restore),
}
