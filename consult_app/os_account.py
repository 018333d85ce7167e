"""The operating-system account running the app or a command."""

from __future__ import annotations

import os


def current_user() -> str:
    """Return the computer account running the app, as the operating system knows it.

    Taken from the account database by the process's user id, never from ``$LOGNAME`` or
    ``$USER``, which whoever runs a command can set to anyone's name.
    """
    getuid = getattr(os, "getuid", None)
    if getuid is not None:
        import pwd

        uid = getuid()
        try:
            return pwd.getpwuid(uid).pw_name
        except KeyError:  # an account with no entry (a container): its number is all there is
            return f"uid-{uid}"
    try:
        return os.getlogin()  # Windows: the signed-in account, asked of the system
    except OSError:
        return "unknown"
