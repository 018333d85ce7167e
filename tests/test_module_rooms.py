"""Each job in its own module: the store knows nothing of the command line or the demo.

No module grows past about 400 lines.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import consult_app
from consult_app.bundled import bundled_resource

PACKAGE = Path(consult_app.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_command_line_does_not_load_the_app() -> None:
    script = (
        "import json, sys\n"
        "import consult_app.cli, consult_app.commands, consult_app.demo, consult_app.terminal\n"
        "print(json.dumps('consult_app.app' in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) is False
    for path in sorted(PACKAGE.glob("commands*.py")):
        assert "consult_app.app" not in _imported_modules(path), path.name


#: What the store may build on: itself, the pure rules, the content and the data folder.
STORE_MAY_IMPORT = (
    "consult_app.store",
    "consult_app.domain",
    "consult_app.content",
    "consult_app.paths",
)


def test_the_store_holds_no_command_line_printing_or_demo() -> None:
    assert not (PACKAGE / "store" / "commands.py").exists()
    for path in sorted((PACKAGE / "store").glob("*.py")):
        ours = {m for m in _imported_modules(path) if m.startswith("consult_app.")}
        outside = {m for m in ours if not m.startswith(STORE_MAY_IMPORT)}
        assert not outside, f"store/{path.name} imports {sorted(outside)}"


def test_bundled_files_are_found_by_one_locator() -> None:
    assert (bundled_resource("content") / "clinic.yaml").is_file()
    assert bundled_resource("fonts", "NotoSans-Regular.ttf").is_file()
    assert bundled_resource("pictures", "how_it_works.svg").is_file()
    others = [
        path.relative_to(PACKAGE).as_posix()
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "bundled.py"
        and "resources" not in path.relative_to(PACKAGE).parts[:1]
        and (
            "importlib.resources" in path.read_text(encoding="utf-8")
            or '"consult_app.resources"' in path.read_text(encoding="utf-8")
        )
    ]
    assert others == [], "bundled files are looked up outside consult_app/bundled.py"


#: About 400 lines: a module that grows past this has more than one job and is split by job.
MAX_MODULE_LINES = 420


def test_every_module_stays_small_enough_to_read_whole() -> None:
    sizes = {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(PACKAGE.rglob("*.py"))
    }
    assert len(sizes) > 50  # the walk found the package
    too_long = {name: lines for name, lines in sizes.items() if lines > MAX_MODULE_LINES}
    assert not too_long, f"split these modules by job (lines): {too_long}"
