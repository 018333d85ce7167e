"""Sub-commands that work on a data directory (records, handouts, backups).

Each entry of :data:`COMMANDS` is ``name: (help, configure)``; ``configure`` adds the
command's own arguments and sets its handler. Heavy modules are imported inside handlers.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

Configure = Callable[[argparse.ArgumentParser], None]

COMMANDS: dict[str, tuple[str, Configure]] = {}
