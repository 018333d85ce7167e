"""Sub-commands that work on a data directory (records, handouts, backups).

Each entry of :data:`COMMANDS` is ``name: (help, configure)``; ``configure`` adds the
command's own arguments and sets its handler. Heavy modules are imported inside handlers.
Output meant for scripts goes to standard output; messages for people go to standard error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from consult_app.content import ContentError, load_content
from consult_app.content.models import Content
from consult_app.domain.access import system_user
from consult_app.os_account import current_user
from consult_app.paths import ensure_private_dir, resolve_data_dir, write_private_file
from consult_app.pdf_password import PasswordInputError, add_password_options, pdf_password
from consult_app.store import Store, StoreError
from consult_app.store.integrity import ENGINE_ERRORS, storage_error_message
from consult_app.terminal import terminal_text

Configure = Callable[[argparse.ArgumentParser], None]

#: The command line's changes are recorded as ``os:NAME``, NAME being the computer account
#: that ran the command (no app account can be called that: ':' is not allowed in names).
OS_ACTOR_PREFIX = "os:"


class CommandError(Exception):
    """A problem to report to the person at the terminal, then exit 1."""


def _data_dir(args: argparse.Namespace) -> Path:
    return resolve_data_dir(getattr(args, "data_dir", None))


def _content(args: argparse.Namespace) -> Content:
    folder = getattr(args, "content_dir", None)
    try:
        return load_content(Path(folder) if folder else None)
    except ContentError as error:
        raise CommandError(
            str(error) + "\nFix the content (see 'consult-app check-content') and try again."
        ) from error


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
def _store(args: argparse.Namespace) -> Iterator[Store]:
    folder = _data_dir(args)
    refuse_missing_records(folder)
    # Nothing is written (not even the schema upgrade or an audit entry) to damaged records.
    _refuse_damaged_records(folder)
    try:
        # The command line acts with every right (whoever runs it has the file anyway); its
        # reads are recorded under the computer's account, as os:NAME.
        store = Store.open(ensure_private_dir(folder), user=system_user(_actor()))
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


def _print_lines(lines: list[str]) -> None:
    for line in lines:
        print(line)


# patients -----------------------------------------------------------------------------------
def _patients(args: argparse.Namespace) -> int:
    from consult_app.terminal import patient_lines

    with _store(args) as store:
        _print_lines(patient_lines(store, args.search))
    return 0


def _configure_patients(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--search", metavar="TEXT", help="only patients found by TEXT")
    parser.set_defaults(handler=_patients)


# recalls ------------------------------------------------------------------------------------
def _recalls(args: argparse.Namespace) -> int:
    from consult_app.terminal import recall_lines

    with _store(args) as store:
        _print_lines(recall_lines(store, args.within, date.today()))
    return 0


def _configure_recalls(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--within",
        type=int,
        default=30,
        metavar="DAYS",
        help="patients due for a review or repeat within DAYS days (default 30; overdue included)",
    )
    parser.set_defaults(handler=_recalls)


# export / import ----------------------------------------------------------------------------
def _export(args: argparse.Namespace) -> int:
    from consult_app.store.transfer import export_json

    with _store(args) as store:
        text = export_json(store, args.patient)
    if args.out:
        write_private(Path(args.out), text.encode("utf-8"))
        print(f"Wrote patient {args.patient}'s record to {args.out}.", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--patient", type=int, required=True, metavar="ID", help="patient id")
    parser.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    parser.set_defaults(handler=_export)


def _import(args: argparse.Namespace) -> int:
    from consult_app.store.transfer import import_patient, read_import_file

    data = read_import_file(Path(args.file))
    content = _content(args)
    with _store(args) as store:
        patient = import_patient(store, data, content)
    name = f"{patient.details.given_name} {patient.details.family_name}"
    print(f"{patient.id}\t{terminal_text(name)}")
    return 0


def _configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a file written by 'consult-app export'")
    parser.set_defaults(handler=_import)


# demo data ----------------------------------------------------------------------------------
def _seed_demo(args: argparse.Namespace) -> int:
    from consult_app.demo import DEMO_PRACTITIONER, seed_demo

    content = _content(args)
    with _store(args) as store:
        # The fictional records say the fictional practitioner wrote them.
        patients = seed_demo(store.for_user(system_user(DEMO_PRACTITIONER)), content, date.today())
    print(f"Added {len(patients)} fictional patients to {_data_dir(args)}.", file=sys.stderr)
    return 0


def _configure_seed_demo(parser: argparse.ArgumentParser) -> None:
    parser.set_defaults(handler=_seed_demo)


# handouts ---------------------------------------------------------------------------------
def _handout(args: argparse.Namespace) -> int:
    from consult_app.handout import HandoutError, encrypt_pdf
    from consult_app.services.handouts import issue_generic, issue_sheet

    try:
        password = pdf_password(args)
    except PasswordInputError as error:
        raise CommandError(str(error)) from error
    content = _content(args)
    today = date.today()
    fingerprint = _content_fingerprint(content)
    with _store(args) as store:
        try:
            if args.patient is not None:
                issued = issue_sheet(store, content, args.patient, today, fingerprint)
            else:
                areas = tuple(a.strip() for a in args.areas.split(",") if a.strip())
                if args.areas.strip().lower() == "all":
                    areas = ()
                issued = issue_generic(store, content, areas, today, fingerprint)
            pdf = encrypt_pdf(issued.pdf, password) if password else issued.pdf
        except HandoutError as error:
            raise CommandError(str(error)) from error
    write_private(Path(args.out), pdf)
    protected = " (password protected)" if password else ""
    print(f"Wrote handout {issued.record.reference} to {args.out}{protected}.", file=sys.stderr)
    if password and args.generate_password:
        # Shown once, on standard output alone so a script can take it; it is kept nowhere.
        print(password)
        print(
            "The PDF's password is the line above. It is not kept anywhere: give it to the "
            "patient another way than the PDF (by phone or text message).",
            file=sys.stderr,
        )
    if issued.unprintable:
        print(
            f"Warning: the handout fonts have no letters for {' '.join(issued.unprintable)}; "
            "they show as empty boxes on the sheet. Check it before giving it out.",
            file=sys.stderr,
        )
    return 0


def _configure_handout(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--patient", type=int, metavar="ID", help="the patient's personal sheet")
    which.add_argument(
        "--areas", metavar="A,B", help="a general handout for these areas ('all' for every area)"
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="the PDF file to write")
    add_password_options(parser)
    parser.set_defaults(handler=_handout)


# content review and sign-off -----------------------------------------------------------------
def _content_fingerprint(content: Content) -> str:
    from consult_app.content.fingerprint import content_fingerprint

    try:
        return content_fingerprint(content)
    except ContentError as error:
        raise CommandError(str(error)) from error


def _content_review(args: argparse.Namespace) -> int:
    from consult_app.content.fingerprint import short_fingerprint
    from consult_app.services.signoff import review_pdf

    content = _content(args)
    fingerprint = _content_fingerprint(content)
    write_private(Path(args.out), review_pdf(content, date.today(), fingerprint))
    print(
        f"Wrote the content review of version {content.clinic.content_version} to {args.out}.\n"
        f"Content fingerprint: {short_fingerprint(fingerprint)}",
        file=sys.stderr,
    )
    return 0


def _content_sign_off(args: argparse.Namespace) -> int:
    from consult_app.content.fingerprint import short_fingerprint
    from consult_app.services.signoff import record_sign_off

    content = _content(args)
    fingerprint = _content_fingerprint(content)
    signed = "".join(args.fingerprint.split()).lower()
    if signed != fingerprint:
        raise CommandError(
            f"The fingerprint given is not the content's ({short_fingerprint(fingerprint)}): the "
            "review that was signed is of other content. Print the review again with "
            "'consult-app content review', have it signed, then record that sign-off."
        )
    with _store(args) as store:
        recorded = record_sign_off(store, content, args.by, fingerprint)
    print(
        f"Recorded the sign-off of content version {recorded.content_version} by "
        f"{recorded.signed_by}.",
        file=sys.stderr,
    )
    return 0


def _configure_content(parser: argparse.ArgumentParser) -> None:
    what = parser.add_subparsers(title="what", metavar="WHAT", required=True)
    review = what.add_parser(
        "review", help="write every patient-facing statement with its source, to sign off"
    )
    review.add_argument("--out", required=True, metavar="FILE", help="the PDF file to write")
    review.add_argument("--content-dir", metavar="DIR", default=argparse.SUPPRESS)
    _data_dir_option(review)
    review.set_defaults(handler=_content_review)
    sign = what.add_parser("sign-off", help="record the doctor's sign-off of the content review")
    sign.add_argument("--by", required=True, metavar="NAME", help="the doctor who signed it")
    sign.add_argument(
        "--fingerprint",
        required=True,
        metavar="HEX",
        help="the content fingerprint printed on the signed review (spaces allowed)",
    )
    sign.add_argument("--content-dir", metavar="DIR", default=argparse.SUPPRESS)
    _data_dir_option(sign)
    sign.set_defaults(handler=_content_sign_off)


# backup / restore ---------------------------------------------------------------------------
def _backup(args: argparse.Namespace) -> int:
    from consult_app.store.backup import backup_to, database_path

    refuse_missing_records(_data_dir(args))
    out = backup_to(database_path(_data_dir(args)), Path(args.out))
    with _store(args) as store:
        store.audit.record_event("backup", kind="manual")
    print(f"Backed up the records to {out}.", file=sys.stderr)
    return 0


def _configure_backup(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="FILE", help="the backup file to write")
    parser.set_defaults(handler=_backup)


def _restore(args: argparse.Namespace) -> int:
    from consult_app.store.backup import restore_from

    folder = _data_dir(args)
    # The restore is recorded in the restored records' audit trail, in the same step.
    kept = restore_from(Path(args.file), folder, actor=_actor())
    print(f"Restored the records in {folder} from {args.file}.", file=sys.stderr)
    if kept is not None:
        print(f"The records as they were before are kept in {kept}.", file=sys.stderr)
    return 0


def _configure_restore(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a backup file (from 'backup' or backups/)")
    parser.set_defaults(handler=_restore)


# audit / users --------------------------------------------------------------------------
def _audit_verify(args: argparse.Namespace) -> int:
    with _store(args) as store:
        problems = store.audit.verify_audit()
        count = store.audit.audit_size()
    _print_lines(problems or [f"Audit trail OK: {count} entries"])
    return 1 if problems else 0


def _data_dir_option(parser: argparse.ArgumentParser) -> None:
    """Accept --data-dir after a second-level command too."""
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="data folder")


def _configure_audit(parser: argparse.ArgumentParser) -> None:
    what = parser.add_subparsers(title="what", metavar="WHAT", required=True)
    verify = what.add_parser("verify", help="check that no entry was changed, deleted or added")
    _data_dir_option(verify)
    verify.set_defaults(handler=_audit_verify)


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
    with _store(args) as store:
        user = store.users.add_user(args.name, args.display_name or args.name, Role(args.role),
                              password)  # fmt: skip
    print(f"Added {user.username} ({user.role.value}).", file=sys.stderr)
    return 0


def _configure_users(parser: argparse.ArgumentParser) -> None:
    what = parser.add_subparsers(title="what", metavar="WHAT", required=True)
    add = what.add_parser("add", help="add a user account (asks for the password)")
    add.add_argument("name", metavar="NAME", help="the user name to sign in with")
    add.add_argument("--role", required=True, choices=["practitioner", "reception", "admin"])
    add.add_argument("--display-name", metavar="TEXT", help="the name shown (default: NAME)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    _data_dir_option(add)
    add.set_defaults(handler=_users_add)


def _actor() -> str:
    """Return the command line's actor: the operating system's account, marked as such."""
    return f"{OS_ACTOR_PREFIX}{current_user()}"


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
    "audit": ("check the audit trail ('audit verify')", _configure_audit),
    "users": ("manage user accounts ('users add NAME --role ROLE')", _configure_users),
    "patients": ("list patients: id, name, date of birth (tab-separated)", _configure_patients),
    "recalls": ("list patients due for a review or repeat treatment", _configure_recalls),
    "export": ("write a patient's whole record as JSON", _configure_export),
    "import": ("read a patient's record written by 'export'", _configure_import),
    "seed-demo": ("fill an empty data folder with fictional patients", _configure_seed_demo),
    "handout": ("write a patient's sheet or a general handout as PDF", _configure_handout),
    "content": (
        "print the content review ('content review --out FILE') or record its sign-off",
        _configure_content,
    ),
    "backup": (
        "write a checked copy of the records (safe while the app is open)",
        _configure_backup,
    ),
    "restore": ("replace the records with a backup, keeping a copy first", _configure_restore),
}
