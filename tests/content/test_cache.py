"""Checked content kept between starts: used only for identical files, never trusted blindly."""

from __future__ import annotations

import enum
import hashlib
import hmac
import io
import os
import pickle
import pickletools
import shutil
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from consult_app.content import (
    ContentError,
    load_content,
    load_diagram,
    models_common,
    models_help,
    models_info,
    models_screening,
)
from consult_app.content import checks as checks_module
from consult_app.content import diagram as diagram_module
from consult_app.content import models as models_module
from consult_app.content.cache import (
    CACHE_FILE,
    KEY_FILE,
    MAGIC,
    content_pickle,
    default_key_file,
    fingerprint,
    load_checked_content,
)


@pytest.fixture
def checks_run(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Count full checks of a folder."""
    calls: list[Path] = []
    real = checks_module.check_folder

    def counting(root: Path) -> object:
        calls.append(root)
        return real(root)

    monkeypatch.setattr(checks_module, "check_folder", counting)
    return calls


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_second_start_uses_the_kept_result_and_it_equals_a_full_check(
    content_dir: Path, tmp_path: Path, checks_run: list[Path]
) -> None:
    cache = tmp_path / "cache"
    first, first_diagrams = load_checked_content(content_dir, cache)
    assert checks_run == [content_dir]
    assert stat.S_IMODE((cache / CACHE_FILE).stat().st_mode) == 0o600
    second, second_diagrams = load_checked_content(content_dir, cache)
    assert checks_run == [content_dir]  # no second check
    assert second == first == load_content(content_dir)
    assert second_diagrams == first_diagrams
    assert second_diagrams == {v: load_diagram(p) for v, p in second.diagrams.items()}
    area = second.areas[0]
    x, y = second_diagrams[area.view].representative_point(area.id)
    assert second_diagrams[area.view].area_at(x, y) == area.id


def test_an_edited_content_file_is_checked_again_and_its_new_words_used(
    content_dir: Path, tmp_path: Path, checks_run: list[Path]
) -> None:
    cache = tmp_path / "cache"
    load_checked_content(content_dir, cache)
    _edit(content_dir / "content" / "areas.yaml", "name: Frown lines", "name: Frown lines (new)")
    content, _ = load_checked_content(content_dir, cache)
    assert len(checks_run) == 2
    assert content.areas[0].name.get() == "Frown lines (new)"


def test_an_edited_diagram_is_checked_again(
    content_dir: Path, tmp_path: Path, checks_run: list[Path]
) -> None:
    cache = tmp_path / "cache"
    load_checked_content(content_dir, cache)
    svg = content_dir / "diagrams" / "face.svg"
    svg.write_text(svg.read_text(encoding="utf-8") + "\n<!-- redrawn -->\n", encoding="utf-8")
    load_checked_content(content_dir, cache)
    assert len(checks_run) == 2


def test_a_changed_logo_is_checked_again_and_an_unrelated_file_is_not(
    content_dir: Path, tmp_path: Path, checks_run: list[Path]
) -> None:
    cache = tmp_path / "cache"
    content, _ = load_checked_content(content_dir, cache)
    assert content.clinic.logo is not None
    (content_dir / "notes.txt").write_text("not content", encoding="utf-8")
    load_checked_content(content_dir, cache)
    assert len(checks_run) == 1
    content.clinic.logo.unlink()
    with pytest.raises(ContentError, match="does not exist"):
        load_checked_content(content_dir, cache)


def test_content_broken_after_a_good_start_is_refused_not_served_from_the_cache(
    content_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    load_checked_content(content_dir, cache)
    _edit(content_dir / "content" / "areas.yaml", "name: Frown lines", "nmae: Frown lines")
    with pytest.raises(ContentError, match="nmae"):
        load_checked_content(content_dir, cache)


def test_the_same_files_in_another_folder_are_a_different_entry(
    content_dir: Path, tmp_path: Path
) -> None:
    moved = tmp_path / "moved"
    shutil.copytree(content_dir, moved)
    assert fingerprint(content_dir, ()) != fingerprint(moved, ())
    cache = tmp_path / "cache"
    load_checked_content(content_dir, cache)
    content, diagrams = load_checked_content(moved, cache)
    assert content.source_dir == moved
    assert all(moved in diagram.path.parents for diagram in diagrams.values())


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-100],  # cut short (a killed process, a full disk)
        lambda data: data[:60] + b"\0" * 40 + data[100:],  # scrambled fingerprint
        lambda data: b"",
        lambda data: data.replace(b"Frown lines", b"Frown linez"),  # edited by hand
    ],
    ids=["truncated", "wrong-fingerprint", "empty", "edited"],
)
def test_a_damaged_cache_file_is_ignored_and_replaced(
    content_dir: Path, tmp_path: Path, checks_run: list[Path], damage: object
) -> None:
    cache = tmp_path / "cache"
    good, _ = load_checked_content(content_dir, cache)
    path = cache / CACHE_FILE
    data = path.read_bytes()
    path.write_bytes(damage(data))  # type: ignore[operator]
    content, _ = load_checked_content(content_dir, cache)
    assert content == good
    assert len(checks_run) == 2
    assert path.read_bytes() != damage(data)  # type: ignore[operator]
    assert load_checked_content(content_dir, cache)[0] == good
    assert len(checks_run) == 2  # the replacement is used


def _with_tag(kept: bytes, payload: bytes, secret: bytes) -> bytes:
    """Return ``kept`` with its pickle replaced by ``payload``, tagged with ``secret``."""
    start = len(MAGIC) + 32
    files_line = kept[start + 32 :].split(b"\n", 1)[0] + b"\n"
    rest = files_line + payload
    tag = hmac.new(secret, kept[:start] + rest, hashlib.sha256).digest()
    return kept[:start] + tag + rest


class _Planted:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("echo planted > planted.txt",))


def test_a_cache_file_that_would_run_code_is_refused(
    content_dir: Path, tmp_path: Path, checks_run: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / "cache"
    good, _ = load_checked_content(content_dir, cache)
    path = cache / CACHE_FILE
    payload = pickle.dumps((_Planted(), {}))
    # Even a file tagged with the right key (by its owner) builds only content types.
    path.write_bytes(_with_tag(path.read_bytes(), payload, default_key_file().read_bytes()))
    content, _ = load_checked_content(content_dir, cache)
    assert content == good
    assert len(checks_run) == 2
    assert not (tmp_path / "planted.txt").exists()


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    content_dir: Path, tmp_path: Path, checks_run: list[Path]
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    first, _ = load_checked_content(content_dir, blocked)
    second, _ = load_checked_content(content_dir, blocked)
    assert first == second
    assert len(checks_run) == 2
    assert blocked.read_text(encoding="utf-8").startswith("a file")
    assert [p.name for p in tmp_path.iterdir()].count("not-a-folder") == 1
    assert not list(tmp_path.rglob(".content.cache*"))  # no temporary file left behind


def test_without_a_cache_folder_every_load_is_a_full_check(
    content_dir: Path, checks_run: list[Path]
) -> None:
    load_checked_content(content_dir, None)
    load_checked_content(content_dir, None)
    assert len(checks_run) == 2


#: Every module whose classes the content is built from.
_CONTENT_MODULES = (
    models_module,
    models_common,
    models_info,
    models_screening,
    models_help,
    diagram_module,
)


def _content_enums() -> list[type[enum.Enum]]:
    modules = _CONTENT_MODULES
    return [
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, enum.Enum)
        and value.__module__ in {m.__name__ for m in modules}
    ]


@pytest.fixture
def enums_pickled_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pickle enum members as ``getattr(Class, name)``, as Debian 12's Python 3.11.2 does."""

    def by_name(member: enum.Enum, protocol: object) -> tuple[object, tuple[object, str]]:
        return getattr, (type(member), member.name)

    for kind in _content_enums():
        monkeypatch.setattr(kind, "__reduce_ex__", by_name)
    assert b"getattr" in pickle.dumps(models_module.DiagramView.FACE)


def _kept_pickle(path: Path) -> bytes:
    """Return the pickle inside a cache file (after the magic, two digests and the files line)."""
    return path.read_bytes()[len(MAGIC) + 64 :].split(b"\n", 1)[1]


class _RecordingUnpickler(pickle.Unpickler):
    """Loads anything, noting every global the stream asks for."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self.globals: set[tuple[str, str]] = set()

    def find_class(self, module: str, name: str) -> Any:
        self.globals.add((module, name))
        return super().find_class(module, name)


def test_a_cache_hits_where_python_pickles_enums_by_name(
    content_dir: Path, tmp_path: Path, checks_run: list[Path], enums_pickled_by_name: None
) -> None:
    cache = tmp_path / "cache"
    first, _ = load_checked_content(content_dir, cache)
    second, _ = load_checked_content(content_dir, cache)
    assert checks_run == [content_dir]  # the kept result was read back
    assert second == first


def test_the_cache_stream_needs_no_global_beyond_the_content_classes(
    content_dir: Path, tmp_path: Path, enums_pickled_by_name: None
) -> None:
    cache = tmp_path / "cache"
    loaded = load_checked_content(content_dir, cache)
    stream = _kept_pickle(cache / CACHE_FILE)
    assert stream == content_pickle(loaded)
    reader = _RecordingUnpickler(stream)
    assert reader.load() == loaded
    content_modules = {module.__name__ for module in _CONTENT_MODULES}
    assert reader.globals
    for module, name in reader.globals:
        if module in content_modules:
            assert isinstance(getattr(sys.modules[module], name), type), name
        else:
            assert (module, name) in {("pathlib", "PosixPath"), ("datetime", "date")}
    ops = [(op.name, arg) for op, arg, _ in pickletools.genops(stream)]
    assert ("SHORT_BINUNICODE", "getattr") not in ops
    assert not any(arg == "builtins" for _, arg in ops)


def _forged(kept: bytes) -> bytes:
    """Return ``kept`` with the clinic's words changed and its check digest recomputed."""
    start = len(MAGIC) + 32
    rest = kept[start + 32 :].replace(b"Frown lines", b"Frown linez")
    assert rest != kept[start + 32 :]
    return kept[:start] + hashlib.sha256(rest).digest() + rest


def test_a_forged_cache_with_a_recomputed_digest_is_ignored_and_the_content_checked(
    content_dir: Path, tmp_path: Path, checks_run: list[Path]
) -> None:
    cache = tmp_path / "cache"
    good, _ = load_checked_content(content_dir, cache)
    path = cache / CACHE_FILE
    path.write_bytes(_forged(path.read_bytes()))
    content, _ = load_checked_content(content_dir, cache)
    assert content == good
    assert content.areas[0].name.get() == "Frown lines"
    assert len(checks_run) == 2
    # A tag made with a guessed key is no better than a plain digest.
    path.write_bytes(_with_tag(path.read_bytes(), b"", b"\0" * 32))
    assert load_checked_content(content_dir, cache)[0] == good
    assert len(checks_run) == 3


def test_the_key_is_made_owner_only_outside_the_cache_folder_and_a_new_key_voids_the_cache(
    content_dir: Path, tmp_path: Path, checks_run: list[Path]
) -> None:
    cache = tmp_path / "cache"
    key_file = tmp_path / "config" / KEY_FILE
    load_checked_content(content_dir, cache, key_file)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    assert len(key_file.read_bytes()) == 32
    assert not list(cache.glob("*.key"))
    load_checked_content(content_dir, cache, key_file)
    assert len(checks_run) == 1
    key_file.unlink()  # a new key: the file kept under the old one is not trusted
    load_checked_content(content_dir, cache, key_file)
    assert len(checks_run) == 2
    assert key_file.is_file()


def test_a_key_others_could_read_or_write_is_replaced_not_trusted(
    content_dir: Path, tmp_path: Path, checks_run: list[Path]
) -> None:
    cache = tmp_path / "cache"
    key_file = tmp_path / "config" / KEY_FILE
    load_checked_content(content_dir, cache, key_file)
    old = key_file.read_bytes()
    key_file.chmod(0o644)
    load_checked_content(content_dir, cache, key_file)
    assert len(checks_run) == 2
    assert key_file.read_bytes() != old
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_without_a_place_for_the_key_nothing_is_cached(
    content_dir: Path, tmp_path: Path, checks_run: list[Path]
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    cache = tmp_path / "cache"
    first, _ = load_checked_content(content_dir, cache, blocked / KEY_FILE)
    second, _ = load_checked_content(content_dir, cache, blocked / KEY_FILE)
    assert first == second
    assert len(checks_run) == 2
    assert not (cache / CACHE_FILE).exists()


def test_a_key_folder_others_may_write_is_not_used(
    content_dir: Path, tmp_path: Path, checks_run: list[Path]
) -> None:
    folder = tmp_path / "shared-config"
    folder.mkdir()
    folder.chmod(0o777)  # anyone could swap the key file for their own
    cache = tmp_path / "cache"
    load_checked_content(content_dir, cache, folder / KEY_FILE)
    load_checked_content(content_dir, cache, folder / KEY_FILE)
    assert len(checks_run) == 2
    assert not (folder / KEY_FILE).exists()
    assert not (cache / CACHE_FILE).exists()
