"""The sub-commands that write papers: handouts, and the content review and its sign-off."""

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
    read_content,
    with_clinic_profile,
    write_private,
)
from consult_app.content import ContentError
from consult_app.content.models import Content
from consult_app.pdf_password import PasswordInputError, add_password_options, pdf_password


# handouts ---------------------------------------------------------------------------------
def _handout(args: argparse.Namespace) -> int:
    from consult_app.handout import HandoutError, encrypt_pdf
    from consult_app.services.handouts import issue_generic, issue_sheet

    try:
        password = pdf_password(args)
    except PasswordInputError as error:
        raise CommandError(str(error)) from error
    content = read_content(args)
    today = date.today()
    fingerprint = _content_fingerprint(content)
    with open_store(args) as store:
        content = with_clinic_profile(content, store, data_dir(args))
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


def configure_handout(parser: argparse.ArgumentParser) -> None:
    """Add the handout command's arguments and handler."""
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

    content = read_content(args)
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

    content = read_content(args)
    fingerprint = _content_fingerprint(content)
    signed = "".join(args.fingerprint.split()).lower()
    if signed != fingerprint:
        raise CommandError(
            f"The fingerprint given is not the content's ({short_fingerprint(fingerprint)}): the "
            "review that was signed is of other content. Print the review again with "
            "'consult-app content review', have it signed, then record that sign-off."
        )
    with open_store(args) as store:
        recorded = record_sign_off(store, content, args.by, fingerprint)
    print(
        f"Recorded the sign-off of content version {recorded.content_version} by "
        f"{recorded.signed_by}.",
        file=sys.stderr,
    )
    return 0


def configure_content(parser: argparse.ArgumentParser) -> None:
    """Add the content command's arguments and handler."""
    what = parser.add_subparsers(title="what", metavar="WHAT", required=True)
    review = what.add_parser(
        "review", help="write every patient-facing statement with its source, to sign off"
    )
    review.add_argument("--out", required=True, metavar="FILE", help="the PDF file to write")
    review.add_argument("--content-dir", metavar="DIR", default=argparse.SUPPRESS)
    data_dir_option(review)
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
    data_dir_option(sign)
    sign.set_defaults(handler=_content_sign_off)
