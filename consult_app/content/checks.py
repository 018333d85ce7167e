"""Check a content folder and build validated :class:`~consult_app.content.models.Content`.

A content folder holds ``content/*.yaml`` (the files in :data:`schema.FILES`), the SVG diagrams
and the logo. Files it names are relative to the folder and must stay inside it. Loading either
gives a complete, valid :class:`Content` or every problem found, each with its file and line:
the app never runs on half-valid content.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from consult_app.content.diagram import DiagramError, load_diagram
from consult_app.content.local_help import choose_local_help
from consult_app.content.models import Content, DiagramView
from consult_app.content.problems import ContentProblem
from consult_app.content.rules import check_rules
from consult_app.content.schema import FILES
from consult_app.content.validate import INVALID, LANGUAGE_CODE, Validator, did_you_mean
from consult_app.content.yamlsafe import YamlList, YamlMap, read_yaml

__all__ = ["check_folder"]

_VIEWS = frozenset(view.value for view in DiagramView)

#: Languages assumed for checking text when clinic.yaml does not give usable ones.
_FALLBACK_LANGUAGES = ("en",)


def check_folder(root: Path) -> tuple[Content | None, list[ContentProblem]]:
    """Validate the folder ``root``; return the content (``None`` if anything is wrong), problems.

    This is the whole check: :mod:`consult_app.content.loader` is the public way in.
    """
    folder = root / "content"
    if not root.is_dir():
        return None, [ContentProblem(root, 0, "content folder not found")]
    if not folder.is_dir():
        return None, [ContentProblem(folder, 0, "folder 'content' with the YAML files not found")]
    problems: list[ContentProblem] = []
    problems += _unknown_files(folder, root)
    raw: dict[str, Any] = {}
    for name in FILES:
        result = read_yaml(folder / name, root)
        problems += result.problems
        raw[name] = result.data
    languages = _languages(raw["clinic.yaml"])
    built: dict[str, Any] = {}
    for name, record_name in FILES.items():
        if raw[name] is None:
            built[name] = INVALID
            continue
        validator = Validator(folder / name, root, languages)
        built[name] = validator.check_file(record_name, raw[name])
        problems += validator.problems
    checks = _CrossChecks(root, folder, languages)
    checks.languages(raw["clinic.yaml"])
    checks.screening_ids(raw["screening.yaml"])
    checks.screening_topics(raw["screening.yaml"])
    checks.screening_references(raw["screening.yaml"], raw["areas.yaml"], raw["clinic.yaml"])
    diagrams = checks.diagrams(raw["areas.yaml"])
    problems += checks.problems
    problems += check_rules(root, folder, raw)
    local_help, help_problems = choose_local_help(
        root, folder, built["clinic.yaml"], raw["clinic.yaml"], built["help.yaml"], raw["help.yaml"]
    )
    problems += help_problems
    problems.sort(key=lambda problem: (str(problem.path), problem.line))
    if problems or local_help is None or any(value is INVALID for value in built.values()):
        return None, problems
    areas_file, screening_file = built["areas.yaml"], built["screening.yaml"]
    content = Content(
        source_dir=root,
        clinic=built["clinic.yaml"],
        areas=areas_file["areas"],
        info=built["info.yaml"],
        screening=screening_file["questions"],
        derived_checks=screening_file["derived_checks"],
        questionnaire=screening_file.get("questionnaire"),
        timing=built["timing.yaml"],
        wording=built["wording.yaml"],
        local_help=local_help,
        diagrams=diagrams,
    )
    return content, []


def _unknown_files(folder: Path, root: Path) -> list[ContentProblem]:
    """Report YAML files that the schema does not know (often a misspelt name)."""
    problems = []
    for path in sorted(folder.iterdir()):
        if path.suffix in {".yaml", ".yml"} and path.name not in FILES:
            problems.append(
                ContentProblem(
                    path,
                    0,
                    f"unknown content file '{path.name}'"
                    + did_you_mean(path.name, list(FILES))
                    + f"; the content files are {', '.join(FILES)}",
                    root,
                )
            )
    return problems


def _languages(clinic: Any) -> tuple[str, ...]:
    """Return the usable language codes of clinic.yaml, for checking text in every file."""
    if isinstance(clinic, YamlMap) and isinstance(clinic.get("languages"), YamlList):
        codes = [code for code in clinic["languages"] if isinstance(code, str)]
        usable = tuple(dict.fromkeys(code for code in codes if LANGUAGE_CODE.match(code)))
        if usable:
            return usable
    return _FALLBACK_LANGUAGES


class _CrossChecks:
    """Checks that span keys or files; they work on the raw data so they run even when some
    other part of a file is invalid."""

    def __init__(self, root: Path, folder: Path, languages: tuple[str, ...]) -> None:
        self.root = root
        self.folder = folder
        self.language_codes = languages
        self.problems: list[ContentProblem] = []

    def add(self, path: Path, line: int, message: str) -> None:
        """Record one problem."""
        self.problems.append(ContentProblem(path, line, message, self.root))

    def languages(self, clinic: Any) -> None:
        """Report a language listed twice in clinic.yaml."""
        if not isinstance(clinic, YamlMap) or not isinstance(clinic.get("languages"), YamlList):
            return
        codes: YamlList = clinic["languages"]
        seen: set[str] = set()
        for index, code in enumerate(codes):
            if isinstance(code, str) and code in seen:
                self.add(
                    self.folder / "clinic.yaml",
                    codes.line_of(index),
                    f"language '{code}' is listed twice in 'languages'",
                )
            elif isinstance(code, str):
                seen.add(code)

    def screening_ids(self, screening: Any) -> None:
        """Report a derived check whose id is also a question's id (answers share ids)."""
        if not isinstance(screening, YamlMap):
            return
        questions = _items(screening.get("questions"))
        checks = _items(screening.get("derived_checks"))
        question_lines = {
            item["id"]: item.line_of("id") for item in questions if isinstance(item.get("id"), str)
        }
        for item in checks:
            ident = item.get("id")
            if isinstance(ident, str) and ident in question_lines:
                self.add(
                    self.folder / "screening.yaml",
                    item.line_of("id"),
                    f"check id '{ident}' is also a question id (line {question_lines[ident]}); "
                    "ids must be unique",
                )

    def screening_topics(self, screening: Any) -> None:
        """Report a topic whose questions are not next to each other (one group, one place)."""
        if not isinstance(screening, YamlMap):
            return
        ended: set[str] = set()
        previous = ""
        for item in _items(screening.get("questions")):
            topic = item.get("topic")
            topic = topic.strip() if isinstance(topic, str) else ""
            if topic and topic != previous and topic in ended:
                self.add(
                    self.folder / "screening.yaml",
                    item.line_of("topic"),
                    f"topic '{topic}' is used again after other questions; put the questions of "
                    "a topic next to each other",
                )
            if previous and previous != topic:
                ended.add(previous)
            previous = topic

    def screening_references(self, screening: Any, areas: Any, clinic: Any) -> None:
        """Check that the areas and products screening rules name exist and fit their scope."""
        if not isinstance(screening, YamlMap):
            return
        path = self.folder / "screening.yaml"
        area_kinds = {
            item["id"]: item["kind"]
            for item in _items(areas.get("areas") if isinstance(areas, YamlMap) else None)
            if isinstance(item.get("id"), str) and isinstance(item.get("kind"), str)
        }
        products = [
            item["id"]
            for item in _items(clinic.get("products") if isinstance(clinic, YamlMap) else None)
            if isinstance(item.get("id"), str)
        ]
        rules = [*_items(screening.get("questions")), *_items(screening.get("derived_checks"))]
        for check in _items(screening.get("derived_checks")):
            kind, has_value = check.get("kind"), "value" in check
            if kind == "recent_treatment" and has_value:
                self.add(
                    path,
                    check.line_of("value"),
                    f"check '{check.get('id')}' is a recent_treatment check: leave out 'value', "
                    "as each area's own 'min_interval_days' (areas.yaml) is used",
                )
            elif kind in ("minimum_age", "age_at_least") and not has_value:
                self.add(
                    path,
                    check.line,
                    f"check '{check.get('id')}' needs a 'value': the age in years",
                )
        for item in rules:
            what = f"'{item.get('id')}'"
            scope = item.get("applies_to")
            named = item.get("applies_to_areas")
            if not isinstance(named, YamlList):
                named = YamlList(item.line)
            for index, area_id in enumerate(named):
                if not isinstance(area_id, str):
                    continue
                line = named.line_of(index)
                if area_kinds and area_id not in area_kinds:
                    self.add(
                        path,
                        line,
                        f"{what} names area '{area_id}' in 'applies_to_areas', but there is no "
                        f"such area in content/areas.yaml"
                        + did_you_mean(area_id, list(area_kinds)),
                    )
                elif scope in ("cosmetic", "sweating") and area_kinds.get(area_id, scope) != scope:
                    self.add(
                        path,
                        line,
                        f"{what} names area '{area_id}' in 'applies_to_areas', but it is a "
                        f"{area_kinds[area_id]} area and the rule applies to {scope} areas; "
                        "use 'applies_to: all'",
                    )
            listed = item.get("products")
            if not isinstance(listed, YamlList):
                listed = YamlList(item.line)
            for index, product_id in enumerate(listed):
                if isinstance(product_id, str) and products and product_id not in products:
                    self.add(
                        path,
                        listed.line_of(index),
                        f"{what} names product '{product_id}', but clinic.yaml stocks no such "
                        f"product; the products are {', '.join(products)}",
                    )
        questionnaire = screening.get("questionnaire")
        ident = questionnaire.get("id") if isinstance(questionnaire, YamlMap) else None
        if isinstance(questionnaire, YamlMap) and ident in {item.get("id") for item in rules}:
            self.add(
                path,
                questionnaire.line_of("id"),
                f"questionnaire id '{ident}' is also a question or check id; ids must be unique",
            )

    def diagrams(self, raw: Any) -> dict[DiagramView, Path]:
        """Load each diagram; check every area has one shape and every shape one area."""
        if not isinstance(raw, YamlMap):
            return {}
        areas_path = self.folder / "areas.yaml"
        paths = self._diagram_paths(raw.get("diagrams"))
        # (id, view, line) for each area with a usable id and view.
        areas: list[tuple[str, DiagramView, int]] = []
        for item in _items(raw.get("areas")):
            ident, view = item.get("id"), item.get("view")
            if isinstance(ident, str) and isinstance(view, str) and view in _VIEWS:
                areas.append((ident, DiagramView(view), item.line_of("id")))
        shapes: dict[DiagramView, tuple[Path, dict[str, int]]] = {}
        for view, path in paths.items():
            try:
                diagram = load_diagram(path)
            except DiagramError as error:
                self.add(error.path, error.line, error.message)
                continue
            except OSError as error:
                self.add(path, 0, f"cannot read the diagram ({error.strerror or error})")
                continue
            shapes[view] = (path, dict(diagram.area_lines))
        area_views = {ident: view for ident, view, _line in areas}
        for ident, view, line in areas:
            if view not in paths:
                declared = raw.get("diagrams")
                if isinstance(declared, YamlMap) and view.value not in declared:
                    self.add(
                        areas_path,
                        line,
                        f"area '{ident}' is on the {view} view, but 'diagrams' names no "
                        f"{view} file",
                    )
                continue
            if view not in shapes or ident in shapes[view][1]:
                continue
            elsewhere = [
                other for other, (_p, ids) in shapes.items() if other != view and ident in ids
            ]
            where = self._show(shapes[view][0])
            if elsewhere:
                message = (
                    f"area '{ident}' is on the {view} view, but its shape is in "
                    f"{self._show(shapes[elsewhere[0]][0])}, not {where}"
                )
            else:
                message = (
                    f"area '{ident}' has no shape in {where}; add an element with "
                    f'id="{ident}" and class="area"'
                )
            self.add(areas_path, line, message)
        for view, (path, lines) in shapes.items():
            for ident, line in lines.items():
                area_view = area_views.get(ident)
                if area_view is None:
                    self.add(
                        path,
                        line,
                        f"shape '{ident}' has no area in content/areas.yaml; add the area, or "
                        "give line art an id starting with 'art-'",
                    )
                elif area_view != view and area_view in shapes and ident in shapes[area_view][1]:
                    self.add(
                        path,
                        line,
                        f"shape '{ident}' is in {self._show(path)}, but area '{ident}' is on "
                        f"the {area_view} view",
                    )
        return dict(paths)

    def _diagram_paths(self, raw: Any) -> dict[DiagramView, Path]:
        """Return the usable diagram files; the validator reports the unusable ones."""
        if not isinstance(raw, YamlMap):
            return {}
        quiet = Validator(self.folder / "areas.yaml", self.root, self.language_codes)
        paths: dict[DiagramView, Path] = {}
        for view in DiagramView:
            if view.value in raw:
                path = quiet.path_value(raw[view.value], 0, view.value)
                if isinstance(path, Path):
                    paths[view] = path
        return paths

    def _show(self, path: Path) -> str:
        """Show ``path`` relative to the content folder when possible."""
        try:
            return path.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def _items(value: Any) -> Sequence[YamlMap]:
    """Return the mappings in a raw YAML list (nothing for anything else)."""
    if not isinstance(value, YamlList):
        return []
    return [item for item in value if isinstance(item, YamlMap)]
