"""Choose the help numbers for the clinic's country and state from help.yaml.

A clinic whose country (or, where the advice line depends on it, state) help.yaml does not
cover is a content problem that names the file, the line, the country and the keys to add:
patients must never be given another country's numbers, nor none at all, by default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from consult_app.content.models import AdviceLine, Clinic, CountryHelp, LocalHelp
from consult_app.content.problems import ContentProblem
from consult_app.content.validate import INVALID, did_you_mean
from consult_app.content.yamlsafe import YamlList, YamlMap

__all__ = ["choose_local_help"]

_COUNTRY_KEYS = (
    "emergency (phone, source, checked), regulator (name, source, checked) and, where there "
    "is one, advice_lines (name, phone, source, checked and states where it depends on them)"
)


class _Chooser:
    """Collects the problems found while choosing; paths are shown relative to ``root``."""

    def __init__(self, root: Path, folder: Path) -> None:
        self.root = root
        self.clinic_path = folder / "clinic.yaml"
        self.help_path = folder / "help.yaml"
        self.problems: list[ContentProblem] = []

    def add(self, path: Path, line: int, message: str) -> None:
        """Record one problem."""
        self.problems.append(ContentProblem(path, line, message, self.root))

    def where(self, path: Path, line: int) -> str:
        """Name a place in another file, as the problems print it."""
        return str(ContentProblem(path, line, "", self.root)).removesuffix(": ")

    def lines_by_state(self, entry: CountryHelp, raw: YamlMap | None) -> dict[str, AdviceLine]:
        """Map each state to its advice line; report a state served by 2 lines."""
        by_state: dict[str, AdviceLine] = {}
        line = _line(raw, "advice_lines")
        unkeyed = [advice for advice in entry.advice_lines if not advice.states]
        if unkeyed and len(unkeyed) != len(entry.advice_lines):
            self.add(
                self.help_path,
                line,
                f"the advice lines of {entry.country} must all list 'states', or be one line "
                f"for the whole country; '{unkeyed[0].name}' lists none",
            )
        elif len(unkeyed) > 1:
            self.add(
                self.help_path,
                line,
                f"{entry.country} has {len(unkeyed)} advice lines for the whole country; "
                "keep one, or give each its 'states'",
            )
        for advice in entry.advice_lines:
            for state in advice.states:
                if state in by_state:
                    self.add(
                        self.help_path,
                        line,
                        f"state '{state}' of {entry.country} is served by both "
                        f"'{by_state[state].name}' and '{advice.name}'; keep one",
                    )
                by_state.setdefault(state, advice)
        return by_state

    def choose(self, clinic: Clinic, raw_clinic: Any, countries: Any, raw_help: Any) -> Any:
        """Return the clinic's :class:`LocalHelp`, or ``INVALID`` after recording why not."""
        entries: tuple[CountryHelp, ...] = countries["countries"]
        raw_entries = _raw_entries(raw_help)
        country_line = _line(raw_clinic, "country")
        entry = next((e for e in entries if e.country is clinic.country), None)
        if entry is None:
            self.add(
                self.help_path,
                _line(raw_help, "countries"),
                f"no help numbers for the clinic's country {clinic.country} "
                f"({self.where(self.clinic_path, country_line)}); add an item to 'countries' "
                f"with country: {clinic.country}, {_COUNTRY_KEYS}",
            )
            return INVALID
        raw_entry = raw_entries.get(entry.country.value)
        by_state = self.lines_by_state(entry, raw_entry)
        count = len(self.problems)
        advice = self.advice_line(clinic, entry, by_state, raw_clinic, raw_entry)
        if advice is INVALID or len(self.problems) > count:
            return INVALID
        return LocalHelp(entry.country, entry.emergency, entry.regulator, advice)

    def advice_line(
        self,
        clinic: Clinic,
        entry: CountryHelp,
        by_state: dict[str, AdviceLine],
        raw_clinic: Any,
        raw_entry: YamlMap | None,
    ) -> Any:
        """Return the advice line for the clinic's state (or the country's only line)."""
        if not by_state:
            return entry.advice_lines[0] if entry.advice_lines else None
        states = ", ".join(sorted(by_state))
        lines_at = self.where(self.help_path, _line(raw_entry, "advice_lines"))
        if clinic.state is None:
            self.add(
                self.clinic_path,
                _line(raw_clinic, "country"),
                f"the clinic is in {entry.country}, where the health advice line depends on "
                f"the state; add 'state:' with one of: {states} (as in {lines_at})",
            )
            return INVALID
        advice = by_state.get(clinic.state)
        if advice is None:
            hint = did_you_mean(clinic.state.upper(), list(by_state))
            self.add(
                self.clinic_path,
                _line(raw_clinic, "state"),
                f"no health advice line for state '{clinic.state}' of {entry.country} in "
                f"{lines_at}{hint}; use one of: {states}, or add an advice line with name, "
                f"phone, states: [{clinic.state}], source and checked",
            )
            return INVALID
        return advice


def choose_local_help(
    root: Path, folder: Path, clinic: Any, raw_clinic: Any, countries: Any, raw_help: Any
) -> tuple[LocalHelp | None, list[ContentProblem]]:
    """Return the help for ``clinic``'s country and state from help.yaml, or the problems.

    ``clinic`` and ``countries`` are the validated files (``INVALID`` when they have
    problems of their own, already reported: nothing more is said then).
    """
    if clinic is INVALID or countries is INVALID:
        return None, []
    chooser = _Chooser(root, folder)
    local = chooser.choose(clinic, raw_clinic, countries, raw_help)
    if local is INVALID:
        return None, chooser.problems
    return local, chooser.problems


def _line(raw: Any, key: str) -> int:
    """Return the line of ``key`` in a raw mapping (its own line, or 1, without it)."""
    if isinstance(raw, YamlMap):
        return raw.line_of(key) if key in raw else raw.line
    return 1


def _raw_entries(raw_help: Any) -> dict[str, YamlMap]:
    """Return the raw 'countries' items by their country code."""
    if not isinstance(raw_help, YamlMap) or not isinstance(raw_help.get("countries"), YamlList):
        return {}
    return {
        item["country"]: item
        for item in raw_help["countries"]
        if isinstance(item, YamlMap) and isinstance(item.get("country"), str)
    }
