"""Load a content folder into validated :class:`~consult_app.content.models.Content`.

Loading either gives a complete, valid :class:`Content` or every problem found, each with its
file and line: the app never runs on half-valid content. The checks themselves (and the YAML
parser) live in :mod:`consult_app.content.checks` and are imported only when a folder is
checked, so a start that finds its content in the cache (:mod:`consult_app.content.cache`)
never loads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from consult_app.bundled import bundled_resource
from consult_app.content.models import Content
from consult_app.content.problems import ContentProblem

__all__ = [
    "ContentError",
    "ContentProblem",
    "check_content",
    "load_content",
]


class ContentError(Exception):
    """The content folder has problems; :attr:`problems` lists every one found."""

    def __init__(self, problems: Iterable[ContentProblem]) -> None:
        self.problems: tuple[ContentProblem, ...] = tuple(problems)
        count = len(self.problems)
        heading = f"the clinic content has {count} problem{'s' if count != 1 else ''}"
        super().__init__("\n".join([heading + ":", *(str(p) for p in self.problems)]))


def load_content(content_dir: Path | None = None) -> Content:
    """Load and validate ``content_dir`` (the bundled content when ``None``).

    Raises :class:`ContentError` listing every problem found.
    """
    content, problems = check_content(content_dir)
    if content is None:
        raise ContentError(problems)
    return content


def check_content(
    content_dir: Path | None = None,
) -> tuple[Content | None, list[ContentProblem]]:
    """Validate ``content_dir``; return the content (``None`` if anything is wrong) and problems."""
    from consult_app.content.checks import check_folder

    return check_folder(bundled_resource() if content_dir is None else content_dir)
