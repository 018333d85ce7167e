"""Command-line entry point (placeholder until sub-commands land)."""

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line."""
    del argv
    print("consult-app", file=sys.stdout)
    return 0
