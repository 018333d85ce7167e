"""Command line: ``consult-app [options] [sub-command]``.

Without a sub-command the app's window opens. Qt is imported only when the window is asked
for, so sub-commands stay quick and work on machines without a display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from consult_app.paths import DATA_DIR_ENV

Handler = Callable[[argparse.Namespace], int]


def _add_common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """Add the options every command understands (at top level and after a sub-command)."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help=f"where patient records live (default: ${DATA_DIR_ENV}, else your data folder)",
    )
    parser.add_argument(
        "--content-dir",
        metavar="DIR",
        default=default,
        help="a clinic content folder to use instead of the bundled one",
    )


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="consult-app",
        description="Consultation aid: diagrams, patient file, plan and information sheets.",
    )
    _add_common(parser, top=True)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start on a temporary data folder filled with fictional patients",
    )
    parser.set_defaults(handler=_run_gui)
    sub = parser.add_subparsers(title="sub-commands", metavar="COMMAND")

    check = sub.add_parser("check-content", help="check a content folder and list every problem")
    check.add_argument("dir", nargs="?", metavar="DIR", help="content folder (default: bundled)")
    check.set_defaults(handler=_check_content)

    for name, (help_text, configure) in _record_commands().items():
        command = sub.add_parser(name, help=help_text)
        _add_common(command, top=False)
        configure(command)
    return parser


def _record_commands() -> dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]]:
    """Return the sub-commands that work on a data directory, with their set-up functions."""
    from consult_app import commands

    return commands.COMMANDS


def _run_gui(args: argparse.Namespace) -> int:
    """Open the main window."""
    from consult_app.app import run_gui

    return run_gui(
        data_dir=args.data_dir,
        content_dir=Path(args.content_dir) if args.content_dir else None,
        demo=args.demo,
    )


def _check_content(args: argparse.Namespace) -> int:
    """Print every problem in a content folder; exit 1 if there are any."""
    from consult_app.content import check_content

    folder = Path(args.dir) if args.dir else None
    content, problems = check_content(folder)
    if problems or content is None:
        for problem in problems:
            print(problem)
        count = len(problems)
        print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        return 1
    print(
        f"Content OK: {content.source_dir}: {len(content.areas)} areas, "
        f"{len(content.screening)} screening questions, version {content.clinic.content_version}."
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    from consult_app.commands import run

    try:
        return run(handler, args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
