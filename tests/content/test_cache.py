"""Checked content kept between starts: used only for identical files, never trusted blindly."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import stat
from pathlib import Path

import pytest

from consult_app.content import ContentError, load_content, load_diagram
from consult_app.content import checks as checks_module
from consult_app.content.cache import CACHE_FILE, MAGIC, fingerprint, load_checked_content


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


def _with_checksum(kept: bytes, payload: bytes) -> bytes:
    """Return ``kept`` with its pickle replaced by ``payload``, under a correct checksum."""
    start = len(MAGIC) + 32
    files_line = kept[start + 32 :].split(b"\n", 1)[0] + b"\n"
    rest = files_line + payload
    return kept[:start] + hashlib.sha256(rest).digest() + rest


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
    path.write_bytes(_with_checksum(path.read_bytes(), payload))
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
