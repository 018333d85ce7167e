"""The sub-commands on records and accounts: patients, recalls, export, import, demo, users."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from consult_app.commands_common import (
    CommandError,
    data_dir,
    data_dir_option,
    open_store,
    print_lines,
    read_content,
    write_private,
)
from consult_app.domain.access import system_user
from consult_app.terminal import terminal_text


# patients -----------------------------------------------------------------------------------
def _patients(args: argparse.Namespace) -> int:
    from consult_app.terminal import patient_lines

    with open_store(args) as store:
        print_lines(patient_lines(store, args.search))
    return 0


def configure_patients(parser: argparse.ArgumentParser) -> None:
    """Add the patients command's arguments and handler."""
    parser.add_argument("--search", metavar="TEXT", help="only patients found by TEXT")
    parser.set_defaults(handler=_patients)


# recalls ------------------------------------------------------------------------------------
def _recalls(args: argparse.Namespace) -> int:
    from consult_app.terminal import recall_csv, recall_lines

    with open_store(args) as store:
        if args.csv:
            sys.stdout.write(recall_csv(store, args.within, date.today()))
        else:
            print_lines(recall_lines(store, args.within, date.today()))
    return 0


def configure_recalls(parser: argparse.ArgumentParser) -> None:
    """Add the recalls command's arguments and handler."""
    parser.add_argument(
        "--within",
        type=int,
        default=30,
        metavar="DAYS",
        help="patients due for a review or repeat within DAYS days (default 30; overdue included)",
    )
    parser.add_argument(
        "--csv",
        action="store_true",
        help="print CSV with a header (id, name, phone, due, kind) for a text or email tool",
    )
    parser.set_defaults(handler=_recalls)


# export / import ----------------------------------------------------------------------------
def _export(args: argparse.Namespace) -> int:
    from consult_app.store.transfer import export_json

    with open_store(args) as store:
        text = export_json(store, args.patient)
    if args.out:
        write_private(Path(args.out), text.encode("utf-8"))
        print(f"Wrote patient {args.patient}'s record to {args.out}.", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def configure_export(parser: argparse.ArgumentParser) -> None:
    """Add the export command's arguments and handler."""
    parser.add_argument("--patient", type=int, required=True, metavar="ID", help="patient id")
    parser.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    parser.set_defaults(handler=_export)


def _import(args: argparse.Namespace) -> int:
    from consult_app.store.transfer import import_patient, read_import_file

    data = read_import_file(Path(args.file))
    content = read_content(args)
    with open_store(args) as store:
        patient = import_patient(store, data, content)
    name = f"{patient.details.given_name} {patient.details.family_name}"
    print(f"{patient.id}\t{terminal_text(name)}")
    return 0


def configure_import(parser: argparse.ArgumentParser) -> None:
    """Add the import command's arguments and handler."""
    parser.add_argument("file", metavar="FILE", help="a file written by 'consult-app export'")
    parser.set_defaults(handler=_import)


# demo data ----------------------------------------------------------------------------------
def _seed_demo(args: argparse.Namespace) -> int:
    from consult_app.demo import DEMO_PRACTITIONER, seed_demo

    content = read_content(args)
    with open_store(args) as store:
        # The fictional records say the fictional practitioner wrote them.
        patients = seed_demo(store.for_user(system_user(DEMO_PRACTITIONER)), content, date.today())
    print(f"Added {len(patients)} fictional patients to {data_dir(args)}.", file=sys.stderr)
    return 0


def configure_seed_demo(parser: argparse.ArgumentParser) -> None:
    """Add the seed-demo command's arguments and handler."""
    parser.set_defaults(handler=_seed_demo)


def _users_add(args: argparse.Namespace) -> int:
    import getpass

    from consult_app.domain.access import Role, password_problem

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"Password for {args.name}: ")
        problem = password_problem(password, getpass.getpass("Type it again: "))
        if problem:
            raise CommandError(problem)
    with open_store(args) as store:
        user = store.users.add_user(args.name, args.display_name or args.name, Role(args.role),
                              password)  # fmt: skip
    print(f"Added {user.username} ({user.role.value}).", file=sys.stderr)
    return 0


def configure_users(parser: argparse.ArgumentParser) -> None:
    """Add the users command's arguments and handler."""
    what = parser.add_subparsers(title="what", metavar="WHAT", required=True)
    add = what.add_parser("add", help="add a user account (asks for the password)")
    add.add_argument("name", metavar="NAME", help="the user name to sign in with")
    add.add_argument("--role", required=True, choices=["practitioner", "reception", "admin"])
    add.add_argument("--display-name", metavar="TEXT", help="the name shown (default: NAME)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    data_dir_option(add)
    add.set_defaults(handler=_users_add)
