"""A problem found in the clinic content, with the file and line where it was found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ContentProblem"]


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong with the content, with the file and line where it was found.

    ``line`` counts from 1; 0 means the problem is about the whole file (for example, the file
    is missing). ``root`` is the content folder, used only to print a shorter path.
    """

    path: Path
    line: int
    message: str
    root: Path | None = field(default=None, compare=False, repr=False)

    def display_path(self) -> str:
        """Return the path relative to the content folder when it lies inside it."""
        if self.root is not None:
            for root in (self.root, self.root.resolve()):
                try:
                    return self.path.relative_to(root).as_posix()
                except ValueError:
                    continue
        return str(self.path)

    def __str__(self) -> str:
        if self.line > 0:
            return f"{self.display_path()}:{self.line}: {self.message}"
        return f"{self.display_path()}: {self.message}"
