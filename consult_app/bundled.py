"""Where the files installed with the app are: content, diagrams, fonts, icons, pictures.

The top-level ``resources/`` folder is installed as the package ``consult_app.resources``
(see pyproject.toml); every module finds a bundled file through :func:`bundled_resource`.
"""

from __future__ import annotations

import importlib
from pathlib import Path

RESOURCES_PACKAGE = "consult_app.resources"


def bundled_resource(*parts: str) -> Path:
    """Return the path of ``resources/<parts...>`` as installed (no parts: the folder itself)."""
    bundled = importlib.import_module(RESOURCES_PACKAGE)
    if bundled.__file__:  # an ordinary package folder, installed or in the source tree
        root = Path(bundled.__file__).parent
    else:
        from importlib.resources import files

        root = Path(str(files(RESOURCES_PACKAGE)))
    return root.joinpath(*parts)
