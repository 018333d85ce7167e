"""The content fingerprint: a SHA-256 of the content's own files, for the clinical sign-off.

It covers the content files (:data:`consult_app.content.schema.FILES`, in ``content/``) and the
files they name (the diagrams and the logo), each by its path relative to the content folder
and its bytes. It does not depend on where the folder is, nor on the app's own code (unlike the
cache's fingerprint,
:func:`consult_app.content.cache.fingerprint`), so only a change to the clinic's content
itself asks for a new sign-off.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from consult_app.content.cache import referenced_files
from consult_app.content.loader import ContentError
from consult_app.content.models import Content
from consult_app.content.problems import ContentProblem
from consult_app.content.schema import FILES

__all__ = ["content_fingerprint", "short_fingerprint"]


def content_fingerprint(content: Content) -> str:
    """Return the hex SHA-256 of the files ``content`` was loaded from.

    Raises :class:`~consult_app.content.loader.ContentError` when a file cannot be read.
    """
    root = content.source_dir
    named = {Path(name) for name in referenced_files(content)}
    paths = sorted({root / "content" / name for name in FILES} | named)
    digest = hashlib.sha256(b"consult-app content fingerprint 1\0")
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as error:
            reason = error.strerror or str(error)
            raise ContentError(
                [ContentProblem(path, 0, f"cannot be read ({reason}). Check the file.", root)]
            ) from error
        name = os.fsencode(_relative(path, root))
        for part in (name, data):  # lengths first, so no two file sets give the same stream
            digest.update(b"%d:" % len(part))
            digest.update(part)
    return digest.hexdigest()


def short_fingerprint(fingerprint: str) -> str:
    """Return the fingerprint in groups of 4, easier to read aloud and compare on paper."""
    return " ".join(fingerprint[start : start + 4] for start in range(0, len(fingerprint), 4))


def _relative(path: Path, root: Path) -> str:
    """Return ``path`` relative to ``root`` (as posix), or as given when outside it."""
    for inside, folder in ((path, root), (path.resolve(), root.resolve())):
        try:
            return inside.relative_to(folder).as_posix()
        except ValueError:
            continue
    return path.as_posix()
