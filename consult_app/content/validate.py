"""Check one file's data against :mod:`consult_app.content.schema` and build its dataclasses.

The :class:`Validator` walks the data read by :mod:`consult_app.content.yamlsafe`, records a
:class:`ContentProblem` (with its line) for everything wrong and keeps going, so one run
reports every problem in the file.
"""

from __future__ import annotations

import datetime
import difflib
import re
from pathlib import Path
from typing import Any, Final

from consult_app.content.models import Text
from consult_app.content.problems import ContentProblem
from consult_app.content.schema import ENUMS, RECORDS, Key, Record
from consult_app.content.yamlsafe import YamlList, YamlMap


class _Invalid:
    """Marks a value that failed validation (its problems are already recorded)."""


INVALID: Final = _Invalid()

_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z")
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?\Z")
_WINDOWS_DRIVE = re.compile(r"[A-Za-z]:[\\/]")

_EXPECTED = {
    "str": "text",
    "id": "an id (lower-case words joined by _)",
    "language": "a language code such as en",
    "int": "a whole number",
    "date": "a date written as YYYY-MM-DD",
    "text": "text",
    "path": "a file path",
}


def describe(value: object) -> str:
    """Name the kind of a YAML value in plain words."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    return f"a YAML {type(value).__name__}"


def did_you_mean(word: str, choices: list[str]) -> str:
    """Return " (did you mean 'x'?)" for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class Validator:
    """Validates the data of one file; :attr:`problems` holds what was found."""

    def __init__(self, path: Path, root: Path, languages: tuple[str, ...]) -> None:
        self.path = path
        self.root = root
        self.languages = languages
        self.problems: list[ContentProblem] = []

    def problem(self, line: int, message: str) -> _Invalid:
        """Record a problem and return :data:`INVALID`."""
        self.problems.append(ContentProblem(self.path, line, message, self.root))
        return INVALID

    def check_file(self, record_name: str, data: Any) -> Any:
        """Validate a whole file holding one record; return the built value or INVALID."""
        if not isinstance(data, YamlMap):
            line = data.line if isinstance(data, YamlList) else 1
            return self.problem(
                line, f"the file must hold 'key: value' lines, but it holds {describe(data)}"
            )
        return self.record(RECORDS[record_name], data, data.line, self.path.name)

    def record(self, record: Record, data: Any, line: int, what: str) -> Any:
        """Validate a mapping against ``record`` and build it."""
        if not isinstance(data, YamlMap):
            return self.problem(line, f"{what} must be a mapping of keys, not {describe(data)}")
        ident = data.get("id")
        if record.key("id") is not None and isinstance(ident, str) and ident:
            what = f"{record.label} '{ident}'"
        names = [key.name for key in record.keys]
        values: dict[str, Any] = {}
        valid = True
        for name, value in data.items():
            key = record.key(name) if isinstance(name, str) else None
            if key is None:
                hint = did_you_mean(name, names) if isinstance(name, str) else ""
                self.problem(data.line_of(name), f"unknown key '{name}' in {what}{hint}")
                valid = False
                continue
            built = self.value(key.type, key, value, data.line_of(name), f"'{name}' in {what}")
            if built is INVALID:
                valid = False
            else:
                values[name] = built
        for key in record.keys:
            if key.name in data:
                continue
            if key.required:
                self.problem(data.line, f"missing key '{key.name}' in {what}")
                valid = False
            elif key.absent_is_none:
                values[key.name] = None
        if not valid:
            return INVALID
        if record.builds is None:
            return values
        return record.builds(**values)

    def value(self, type_name: str, key: Key, value: Any, line: int, what: str) -> Any:
        """Validate one value of type ``type_name``."""
        if type_name.startswith("list["):
            return self.list_value(type_name[5:-1], key, value, line, what)
        if type_name.startswith("pair["):
            return self.pair_value(type_name[5:-1], key, value, line, what)
        if type_name.startswith("enum["):
            return self.enum_value(type_name[5:-1], value, line, what)
        if type_name in RECORDS:
            return self.record(RECORDS[type_name], value, line, what)
        if value is None:
            return self.problem(line, f"{what} is empty")
        if type_name == "text":
            return self.text_value(value, line, what)
        if type_name == "path":
            return self.path_value(value, line, what)
        if type_name == "int":
            return self.int_value(key, value, line, what)
        if type_name == "date":
            return self.date_value(value, line, what)
        return self.word_value(type_name, key, value, line, what)

    def wrong_type(self, type_name: str, value: Any, line: int, what: str) -> _Invalid:
        """Report that ``value`` is not of ``type_name``."""
        expected = _EXPECTED.get(type_name, type_name)
        hint = ""
        if type_name in {"str", "text", "id", "language", "path"} and isinstance(
            value, int | float | datetime.date
        ):
            hint = "; put it in quotes to use it as text"
        return self.problem(line, f"{what} must be {expected}, not {describe(value)}{hint}")

    def word_value(self, type_name: str, key: Key, value: Any, line: int, what: str) -> Any:
        """Validate ``str``, ``id`` and ``language`` values."""
        if not isinstance(value, str):
            return self.wrong_type(type_name, value, line, what)
        text = value.strip()
        if not text:
            return self.problem(line, f"{what} is empty")
        if type_name == "id" and not _ID.match(text):
            return self.problem(
                line, f"{what} is '{text}', but ids are lower-case words joined by _"
            )
        if type_name == "language" and not LANGUAGE_CODE.match(text):
            return self.problem(line, f"{what} is '{text}', which is not a language code")
        if key.choices and text not in key.choices:
            return self.problem(
                line,
                f"{what} is '{text}'; use one of: {', '.join(key.choices)}"
                + did_you_mean(text, list(key.choices)),
            )
        return text

    def int_value(self, key: Key, value: Any, line: int, what: str) -> Any:
        """Validate a whole number, with the key's minimum."""
        if isinstance(value, bool) or not isinstance(value, int):
            return self.wrong_type("int", value, line, what)
        if key.minimum is not None and value < key.minimum:
            return self.problem(line, f"{what} is {value}, but must be at least {key.minimum}")
        return value

    def date_value(self, value: Any, line: int, what: str) -> Any:
        """Validate a date (YAML reads 2026-11-30 as a date already)."""
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        return self.wrong_type("date", value, line, what)

    def enum_value(self, enum_name: str, value: Any, line: int, what: str) -> Any:
        """Validate one value of an enum in the models."""
        enum = ENUMS[enum_name]
        allowed = [member.value for member in enum]
        if isinstance(value, str) and value in allowed:
            return enum(value)
        shown = f"'{value}'" if isinstance(value, str) else describe(value)
        hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
        return self.problem(line, f"{what} is {shown}; use one of: {', '.join(allowed)}{hint}")

    def list_value(self, item_type: str, key: Key, value: Any, line: int, what: str) -> Any:
        """Validate a list whose items are ``item_type``; check unique ids."""
        if not isinstance(value, YamlList):
            return self.problem(line, f"{what} must be a list, not {describe(value)}")
        if len(value) < key.min_items:
            plural = "item" if key.min_items == 1 else "items"
            return self.problem(line, f"{what} needs at least {key.min_items} {plural}")
        items: list[Any] = []
        valid = True
        for index, item in enumerate(value):
            built = self.value(
                item_type, key, item, value.line_of(index), f"item {index + 1} of {what}"
            )
            valid = valid and built is not INVALID
            items.append(built)
        if key.unique and item_type in RECORDS:
            valid = self.check_unique(RECORDS[item_type], key.unique, value) and valid
        return tuple(items) if valid else INVALID

    def check_unique(self, record: Record, unique: str, items: YamlList) -> bool:
        """Report items whose ``unique`` key repeats an earlier item's; return True if none."""
        first_lines: dict[str, int] = {}
        valid = True
        for item in items:
            if not isinstance(item, YamlMap) or not isinstance(item.get(unique), str):
                continue
            ident = item[unique]
            line = item.line_of(unique)
            if ident in first_lines:
                self.problem(
                    line,
                    f"duplicate {record.label} {unique} '{ident}' (first at line "
                    f"{first_lines[ident]})",
                )
                valid = False
            else:
                first_lines[ident] = line
        return valid

    def pair_value(self, item_type: str, key: Key, value: Any, line: int, what: str) -> Any:
        """Validate exactly 2 values of ``item_type``."""
        if not isinstance(value, YamlList) or len(value) != 2:
            return self.problem(line, f"{what} must be a list of 2 values, like [10, 21]")
        first = self.value(item_type, key, value[0], line, f"the first value of {what}")
        second = self.value(item_type, key, value[1], line, f"the second value of {what}")
        if first is INVALID or second is INVALID:
            return INVALID
        return (first, second)

    def text_value(self, value: Any, line: int, what: str) -> Any:
        """Validate patient-facing text: plain (one language) or one entry per language."""
        languages = self.languages
        if isinstance(value, str):
            if not value.strip():
                return self.problem(line, f"{what} is empty")
            if len(languages) != 1:
                return self.problem(
                    line,
                    f"missing translation: {what} is a single text, but clinic.yaml lists "
                    f"{len(languages)} languages; write it as "
                    + "{"
                    + ", ".join(f"{lang}: ..." for lang in languages)
                    + "}",
                )
            return Text(((languages[0], value.strip()),))
        if not isinstance(value, YamlMap):
            return self.wrong_type("text", value, line, what)
        valid = True
        for lang, translated in value.items():
            lang_line = value.line_of(lang)
            if lang not in languages:
                self.problem(
                    lang_line,
                    f"{what} has text in '{lang}', which is not in clinic.yaml languages "
                    f"({', '.join(languages)})" + did_you_mean(str(lang), list(languages)),
                )
                valid = False
            elif translated is None or (isinstance(translated, str) and not translated.strip()):
                self.problem(lang_line, f"the '{lang}' text of {what} is empty")
                valid = False
            elif not isinstance(translated, str):
                self.wrong_type("text", translated, lang_line, f"the '{lang}' text of {what}")
                valid = False
        for lang in languages:
            if lang not in value:
                self.problem(value.line, f"missing translation '{lang}' for {what}")
                valid = False
        if not valid:
            return INVALID
        return Text(tuple((lang, str(value[lang]).strip()) for lang in languages))

    def path_value(self, value: Any, line: int, what: str) -> Any:
        """Validate a file path relative to the content folder that stays inside it."""
        if not isinstance(value, str) or not value.strip():
            return self.wrong_type("path", value, line, what)
        text = value.strip()
        if text.startswith(("/", "\\")) or _WINDOWS_DRIVE.match(text) or Path(text).is_absolute():
            return self.problem(
                line,
                f"{what} is an absolute path ('{text}'); write it relative to the content folder",
            )
        root = self.root.resolve()
        try:
            target = (root / text).resolve()
        except (OSError, RuntimeError) as error:
            return self.problem(line, f"{what} cannot be followed ('{text}'): {error}")
        if not target.is_relative_to(root):
            return self.problem(
                line, f"{what} points outside the content folder ('{text}'); keep files inside it"
            )
        if not target.is_file():
            return self.problem(line, f"{what} names a file that does not exist: '{text}'")
        return target
