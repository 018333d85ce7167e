"""The handout command's PDF password: read from a file or standard input, or generated.

Never taken from the command's arguments, which every user of the computer can read in the
process list; ``--password P`` is kept only to refuse it with advice.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


class PasswordInputError(Exception):
    """The password could not be taken as asked; the message says what to do."""


def add_password_options(parser: argparse.ArgumentParser) -> None:
    """Add the ways to give the PDF's password; each keeps it out of the process list."""
    protect = parser.add_mutually_exclusive_group()
    protect.add_argument(
        "--password-file",
        metavar="F",
        help="protect the PDF (AES-256) with the password on the first line of file F",
    )
    protect.add_argument(
        "--password-stdin",
        action="store_true",
        help="protect the PDF with the password read from the first line of standard input",
    )
    protect.add_argument(
        "--generate-password",
        action="store_true",
        help="protect the PDF with a new strong password, printed once on standard output",
    )
    # Refused with advice: a password in the arguments is visible to other processes.
    protect.add_argument("--password", dest="plain_password", help=argparse.SUPPRESS)


#: Letters of generated passwords: no 0/O, 1/l/I, so they can be read out on the phone.
_READABLE_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"


def generate_password(groups: int = 5, size: int = 4) -> str:
    """Return a random password like ``k7mq-3xhp-...``: 5 groups of 4 letters, about 99 bits."""
    import secrets

    return "-".join(
        "".join(secrets.choice(_READABLE_LETTERS) for _ in range(size)) for _ in range(groups)
    )


def pdf_password(args: argparse.Namespace) -> str:
    """Return the password to protect the handout with ("" for none), from a safe source."""
    from consult_app.handout.security import MIN_PASSWORD_LENGTH

    if args.plain_password is not None:
        raise PasswordInputError(
            "A password typed in the command can be seen by other programs on this computer, "
            "so --password is not accepted and nothing was written. Use --password-file F, "
            "--password-stdin, or --generate-password."
        )
    if args.generate_password:
        return generate_password()
    if args.password_file:
        path = Path(args.password_file).expanduser()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or error
            raise PasswordInputError(
                f"Cannot read the password file {path}: {reason}. Nothing was written."
            ) from error
    elif args.password_stdin and sys.stdin.isatty():
        import getpass  # typed at a terminal: not shown on the screen

        text = getpass.getpass("Password for the PDF: ")
    elif args.password_stdin:
        text = sys.stdin.readline()
    else:
        return ""
    lines = text.splitlines()
    password = lines[0] if lines else ""
    if len(password) < MIN_PASSWORD_LENGTH or not password.strip():
        raise PasswordInputError(
            f"The PDF password is empty or too short. Use at least {MIN_PASSWORD_LENGTH} "
            "characters on the first line, or --generate-password. Nothing was written."
        )
    return password
