"""Read one content YAML file safely, keeping line numbers and collecting problems.

Only ``yaml.safe_load`` semantics are used (a :class:`yaml.SafeLoader` subclass) with these
extra refusals:

- aliases and anchors are rejected while composing, before anything is constructed, so a
  "billion laughs" document never expands;
- merge keys (``<<``) and keys that are not plain scalars are rejected;
- duplicate keys, which PyYAML silently accepts, are reported (the first value is kept);
- files larger than :data:`MAX_FILE_BYTES`, files that are not UTF-8 and empty files are
  reported instead of being parsed.

Mappings and sequences come back as :class:`YamlMap` and :class:`YamlList`, which remember the
line of the node and of each key or item.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from consult_app.content.problems import ContentProblem

try:  # libyaml's parser, shipped in PyYAML's wheels
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - pure-Python PyYAML
    _CParser = None  # type: ignore[misc, assignment, unused-ignore]

MAX_FILE_BYTES = 1024 * 1024
#: Content needs only a few levels; a limit keeps hostile input from exhausting the stack.
MAX_DEPTH = 32

_MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlMap(dict[Any, Any]):
    """A mapping read from YAML, with the line of the mapping and of each of its keys."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[Any, int] = {}

    def line_of(self, key: object) -> int:
        """Return the line of ``key``, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)


class YamlList(list[Any]):
    """A sequence read from YAML, with the line of the sequence and of each item."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        """Return the line of item ``index``."""
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


class _LocatedConstructor(SafeConstructor):
    """Safe construction into :class:`YamlMap` and :class:`YamlList`, reporting duplicates."""

    problem_path: Path
    problem_root: Path | None
    duplicates: list[ContentProblem]

    def _start(self, path: Path, root: Path | None) -> None:
        self.problem_path = path
        self.problem_root = root
        self.duplicates = []

    def construct_located_mapping(self, node: MappingNode) -> Iterator[YamlMap]:
        """Build a :class:`YamlMap`, reporting duplicate keys instead of overwriting."""
        data = YamlMap(_line(node))
        yield data
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                raise ConstructorError(
                    None,
                    None,
                    "merge keys (<<) are not allowed in content files",
                    key_node.start_mark,
                )
            if not isinstance(key_node, ScalarNode):
                raise ConstructorError(
                    None,
                    None,
                    "a key must be a plain word, not a list or a mapping",
                    key_node.start_mark,
                )
            key = self.construct_object(key_node, deep=True)
            if key in data:
                self.duplicates.append(
                    ContentProblem(
                        self.problem_path,
                        _line(key_node),
                        f"duplicate key '{key}' (first at line {data.key_lines[key]})",
                        self.problem_root,
                    )
                )
                continue
            data[key] = self.construct_object(value_node, deep=True)
            data.key_lines[key] = _line(key_node)

    def construct_located_sequence(self, node: SequenceNode) -> Iterator[YamlList]:
        """Build a :class:`YamlList` that remembers each item's line."""
        data = YamlList(_line(node))
        yield data
        for item_node in node.value:
            data.append(self.construct_object(item_node, deep=True))
            data.item_lines.append(_line(item_node))


class _ContentLoader(Reader, Scanner, Parser, Composer, _LocatedConstructor, Resolver):
    """The pure-Python loader: refuses anchors, aliases and deep nesting while composing."""

    def __init__(self, text: str, path: Path, root: Path | None) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self._start(path, root)
        self.depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        _refuse(event, self.depth)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _refuse(event: yaml.Event, depth: int) -> None:
    """Raise for an alias, an anchor, or a node nested deeper than :data:`MAX_DEPTH`."""
    mark = cast("Mark | None", event.start_mark)
    if isinstance(event, yaml.AliasEvent):
        raise ComposerError(
            None,
            None,
            "aliases (*name) are not allowed in content files; write the value out in full",
            mark,
        )
    if getattr(event, "anchor", None) is not None:
        raise ComposerError(
            None,
            None,
            "anchors (&name) are not allowed in content files; write the value out in full",
            mark,
        )
    if depth >= MAX_DEPTH and isinstance(event, _NODE_EVENTS):
        raise ComposerError(
            None,
            None,
            f"the values are nested more than {MAX_DEPTH} levels deep",
            mark,
        )


_NODE_EVENTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
_OPEN_EVENTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE_EVENTS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)

if _CParser is not None:

    class _FastContentLoader(_CParser, _LocatedConstructor, Resolver):
        """The libyaml loader, many times quicker. Its events are checked first (see below)."""

        def __init__(self, text: str, path: Path, root: Path | None) -> None:
            _CParser.__init__(self, text)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self._start(path, root)


def _check_events(text: str) -> None:
    """Refuse anchors, aliases and deep nesting from libyaml's event stream.

    This runs before libyaml composes nodes, whose recursion is not bounded by Python's limit.
    """
    assert _CParser is not None
    parser = _CParser(text)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            _refuse(event, depth)
            if isinstance(event, _OPEN_EVENTS):
                depth += 1
            elif isinstance(event, _CLOSE_EVENTS):
                depth -= 1
    finally:
        parser.dispose()


_LocatedConstructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:map", _LocatedConstructor.construct_located_mapping
)
_LocatedConstructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:seq", _LocatedConstructor.construct_located_sequence
)


@dataclass(frozen=True)
class YamlResult:
    """The data read from one file (``None`` when unreadable) and the problems found."""

    data: Any
    problems: tuple[ContentProblem, ...]


def read_yaml(path: Path, root: Path | None = None) -> YamlResult:
    """Read ``path`` as one YAML document, never raising for bad input."""

    def fail(line: int, message: str) -> YamlResult:
        return YamlResult(None, (ContentProblem(path, line, message, root),))

    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return fail(0, "file is missing")
    except IsADirectoryError:
        return fail(0, "is a folder, not a file")
    except OSError as error:
        return fail(0, f"cannot read the file ({error.strerror or error})")
    if len(raw) > MAX_FILE_BYTES:
        return fail(0, f"file is larger than the limit of {MAX_FILE_BYTES // 1024} KB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return fail(
            line,
            f"not valid UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
        )
    text = text.removeprefix("\ufeff")
    return parse_yaml(text, path, root)


def parse_yaml(text: str, path: Path, root: Path | None = None) -> YamlResult:
    """Parse ``text`` (the contents of ``path``) as one YAML document, never raising."""

    def fail(line: int, message: str) -> YamlResult:
        return YamlResult(None, (ContentProblem(path, line, message, root),))

    loader: _ContentLoader | _FastContentLoader
    try:
        # The pure reader's check gives the same message for control characters either way.
        Reader(text)
        fast = _CParser is not None
        loader = _FastContentLoader(text, path, root) if fast else _ContentLoader(text, path, root)
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        return fail(line, f"control character U+{code:04X} is not allowed in a content file")
    try:
        if fast:
            _check_events(text)
        node = loader.get_single_node()
        if node is None:
            return fail(0, "file is empty")
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = int(mark.line) + 1 if mark is not None else 0
        parts = [part for part in (error.context, error.problem) if part]
        if "nesting depth" in (error.problem or ""):  # libyaml's own limit, worded plainly
            parts = [f"the values are nested more than {MAX_DEPTH} levels deep"]
        return fail(line, "YAML error: " + ", ".join(parts))
    except RecursionError:
        return fail(0, "the file is nested too deeply to read")
    finally:
        loader.dispose()
    if data is None:
        return fail(0, "file is empty")
    return YamlResult(data, tuple(loader.duplicates))
