"""Checked content remembered between starts, so a normal start skips the YAML parser and checks.

Checking the content folder (parsing the YAML, validating every key, reading the diagrams) is a
large part of start-up, and the folder rarely changes. After a successful check the result is
kept in the data folder under a fingerprint: a SHA-256 of everything the check read (every file
in ``content/``, and the diagrams and logo those files name), the folder's own path and the
source of the code that checks it. A later start uses the kept result only when the fingerprint
is identical, so any change to a content file, a diagram, the logo, or the app itself means a
full check again, exactly as if there were no cache.

The file is authenticated with an HMAC-SHA256 under a key kept outside the data folder (in the
user's own configuration folder, created readable by its owner only on first use), so whoever
can write the data folder cannot replace the kept content with forged clinic details or doses:
a file whose tag does not match is ignored and the content fully checked. Only then is it read,
with an unpickler that builds only the content's own types, dates and paths, so it cannot run
code. Enum members are written as their class and value (never through ``getattr``, which some
Python builds' pickling uses and the unpickler refuses), so the file reads back on any CPython
3.11 or newer. A damaged, foreign, forged or out-of-date file is ignored and replaced. Failing
to write it or the key (a full disk, a read-only folder) only means the next start checks the
folder again.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import hmac
import io
import json
import os
import pickle
import secrets
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from consult_app.bundled import bundled_resource
from consult_app.content import diagram as diagram_module
from consult_app.content import models as models_module
from consult_app.content import models_common, models_help, models_info, models_screening
from consult_app.content.diagram import Diagram, load_diagram
from consult_app.content.loader import ContentError, check_content
from consult_app.content.models import Content, DiagramView
from consult_app.paths import APP_NAME, write_private_file

__all__ = [
    "CACHE_FILE",
    "KEY_FILE",
    "MAGIC",
    "LoadedContent",
    "cache_key",
    "content_pickle",
    "default_key_file",
    "fingerprint",
    "load_checked_content",
    "referenced_files",
]

#: The cache file, inside the folder given to :func:`load_checked_content`. It holds
#: :data:`MAGIC`, the fingerprint, an HMAC-SHA256 of everything else in the file under the key
#: (see :func:`default_key_file`), a JSON line naming the files outside content/ that the
#: fingerprint covers, and the pickle.
CACHE_FILE = "content.cache"
MAGIC = b"consult-app content cache 2\n"
#: The key's file name, in the user's configuration folder (never beside the cache).
KEY_FILE = "content-cache.key"
_KEY_SIZE = 32
_DIGEST_SIZE = hashlib.sha256().digest_size

LoadedContent = tuple[Content, dict[DiagramView, Diagram]]

_ALLOWED_MODULES = {
    module.__name__: module
    for module in (
        models_module,
        models_common,
        models_info,
        models_screening,
        models_help,
        diagram_module,
    )
}
_ALLOWED_GLOBALS = {("pathlib", "PosixPath"), ("pathlib", "WindowsPath"), ("datetime", "date")}


def default_key_file() -> Path:
    """Return where the cache's key is kept: the user's configuration folder for the app."""
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / KEY_FILE


def load_checked_content(
    content_dir: Path | None, cache_dir: Path | None, key_file: Path | None = None
) -> LoadedContent:
    """Return the checked content of ``content_dir`` (bundled when ``None``) and its diagrams.

    With ``cache_dir`` the result of an earlier check of identical files is used when there is
    one and its tag matches the key in ``key_file`` (by default :func:`default_key_file`), and
    a new check is kept there for next time. Raises
    :class:`~consult_app.content.loader.ContentError` listing every problem found.
    """
    root = bundled_resource() if content_dir is None else content_dir
    secret: bytes | None = None
    if cache_dir is not None:
        secret = cache_key(default_key_file() if key_file is None else key_file)
    if cache_dir is not None and secret is not None:
        kept = _read(cache_dir / CACHE_FILE, root, secret)
        if kept is not None:
            return kept
    content, problems = check_content(root)
    if content is None:
        raise ContentError(problems)
    loaded = content, {view: load_diagram(path) for view, path in content.diagrams.items()}
    if cache_dir is not None and secret is not None:
        files = referenced_files(content)
        key = fingerprint(root, files)
        if key is not None:
            _write(cache_dir / CACHE_FILE, key, files, loaded, secret)
    return loaded


def cache_key(path: Path) -> bytes | None:
    """Return the secret key in ``path``, creating it (owner-only) if there is none.

    A key that others could have read or replaced (a file or folder open to the group or to
    everyone, another owner, a link) is not trusted and is replaced. ``None`` when no key can
    be kept (a read-only home folder): then nothing is cached and every start checks in full.
    """
    try:
        found = _read_private_key(path)
        if found is not None:
            return found
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private(path.parent.stat(), folder=True):
            return None  # others could swap the key file for their own
        key = secrets.token_bytes(_KEY_SIZE)
        write_private_file(path, key)
    except OSError:
        return None
    return key


def _read_private_key(path: Path) -> bytes | None:
    """Return the key in ``path`` if it is whole and only its owner (this user) could touch it."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None  # none yet, a link, or unreadable: a new key is made
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        data = handle.read(_KEY_SIZE + 1)
    if not (stat.S_ISREG(info.st_mode) and _private(info, folder=False)):
        return None
    if not _private(path.parent.stat(), folder=True) or len(data) != _KEY_SIZE:
        return None
    return data


def _private(info: os.stat_result, *, folder: bool) -> bool:
    """Return whether a file (or folder) is this user's, and no one else may change (or read) it.

    A folder may be readable by others (a home's config folder often is) but not writable.
    """
    if os.name != "posix":
        return True  # the user's own profile folder; Windows has no mode bits to check
    closed = stat.S_IMODE(info.st_mode) & (0o022 if folder else 0o077) == 0
    return closed and info.st_uid == os.getuid()


def referenced_files(content: Content) -> tuple[str, ...]:
    """Return every file outside ``content/`` that the content names (diagrams, logo), sorted."""
    found: set[str] = set()
    _collect_paths(content, found)
    found.discard(str(content.source_dir))
    return tuple(sorted(found))


def _collect_paths(value: object, found: set[str]) -> None:
    """Add every path in the (acyclic) content tree under ``value`` to ``found``."""
    if isinstance(value, Path):
        found.add(str(value))
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            _collect_paths(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            _collect_paths(item, found)
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            _collect_paths(getattr(value, item.name), found)


def fingerprint(root: Path, files: Iterable[str]) -> bytes | None:
    """Return a digest of everything a check of ``root`` depends on, or ``None`` if unreadable.

    It covers the folder's resolved path, the name, link target and bytes of every file in its
    ``content/`` folder and of ``files`` (the files the content names; a missing one counts as
    missing), the Python version and the source of the content package's own modules.
    """
    digest = hashlib.sha256()
    digest.update(f"{sys.version_info[:2]}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    try:
        if not _add_tree(digest, Path(__file__).parent, suffixes=(".py",)):
            return None  # no source to tell one version of the checks from another
        digest.update(b"\0content\0" + os.fsencode(root.resolve()))
        _add_tree(digest, root / "content", suffixes=None)
        for name in files:
            path = Path(name)
            data = path.read_bytes() if path.is_file() else b"\0missing"
            _add_record(digest, path, Path(path.anchor), data)
    except (OSError, ValueError):
        return None
    return digest.digest()


def _add_tree(digest: Any, root: Path, suffixes: tuple[str, ...] | None) -> int:
    """Add the files under ``root`` (those ending in ``suffixes``) to ``digest``; count them."""
    count = 0
    for folder, dirs, names in os.walk(root, onerror=_raise):
        here = Path(folder)
        dirs[:] = sorted(name for name in dirs if name != "__pycache__")
        for name in dirs:  # a linked folder is not followed, only its link recorded
            if (here / name).is_symlink():
                _add_record(digest, here / name, root, b"link")
        for name in sorted(names):
            if suffixes is None or name.endswith(suffixes):
                _add_record(digest, here / name, root, (here / name).read_bytes())
                count += 1
    return count


def _add_record(digest: Any, path: Path, root: Path, data: bytes) -> None:
    relative = os.fsencode(path.relative_to(root))
    link = os.fsencode(path.readlink()) if path.is_symlink() else b""
    for part in (relative, link, data):
        digest.update(b"%d:" % len(part))
        digest.update(part)


def _raise(error: OSError) -> None:
    raise error


class _ContentPickler(pickle.Pickler):
    """Writes enum members as ``Class(value)``, which the content unpickler can rebuild."""

    def reducer_override(self, obj: Any) -> Any:
        """Reduce an enum member to its class and value; leave anything else to pickle."""
        if isinstance(obj, enum.Enum):
            return type(obj), (obj.value,)
        return NotImplemented


def content_pickle(loaded: LoadedContent) -> bytes:
    """Return ``loaded`` pickled so that only the content's own classes, dates and paths load."""
    out = io.BytesIO()
    _ContentPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(loaded)
    return out.getvalue()


def _tag(secret: bytes, key: bytes, rest: bytes) -> bytes:
    """Return the file's HMAC-SHA256 under ``secret`` over its magic, fingerprint and body."""
    return hmac.new(secret, MAGIC + key + rest, hashlib.sha256).digest()


class _ContentUnpickler(pickle.Unpickler):
    """Builds only the content's own classes, dates and paths; anything else is refused."""

    def find_class(self, module: str, name: str) -> Any:
        owner = _ALLOWED_MODULES.get(module)
        if owner is not None:
            found = getattr(owner, name, None)
            if isinstance(found, type) and found.__module__ == module:
                return found
        elif (module, name) in _ALLOWED_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of the content")


def _read(path: Path, root: Path, secret: bytes) -> LoadedContent | None:
    """Return the kept content when ``path`` holds it for ``root`` as it is now; else ``None``.

    Nothing in the file is used, nor unpickled, unless its tag proves it was written with
    ``secret``.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    start = len(MAGIC) + 2 * _DIGEST_SIZE
    if not data.startswith(MAGIC) or len(data) < start:
        return None
    key, tag, rest = (
        data[len(MAGIC) : start - _DIGEST_SIZE],
        data[start - _DIGEST_SIZE : start],
        data[start:],
    )
    if not hmac.compare_digest(_tag(secret, key, rest), tag):
        return None
    try:
        files_json, payload = rest.split(b"\n", 1)
        files = json.loads(files_json)
        if not (isinstance(files, list) and all(isinstance(name, str) for name in files)):
            return None
        if fingerprint(root, files) != key:
            return None
        loaded = _ContentUnpickler(io.BytesIO(payload)).load()
    except Exception:  # any damage means "check the folder again"
        return None
    if (
        isinstance(loaded, tuple)
        and len(loaded) == 2
        and isinstance(loaded[0], Content)
        and isinstance(loaded[1], dict)
        and all(
            isinstance(view, DiagramView) and isinstance(diagram, Diagram)
            for view, diagram in loaded[1].items()
        )
        and set(loaded[1]) == set(loaded[0].diagrams)
    ):
        return loaded[0], loaded[1]
    return None


def _write(
    path: Path, key: bytes, files: tuple[str, ...], loaded: LoadedContent, secret: bytes
) -> None:
    """Keep ``loaded`` under ``key``, tagged with ``secret``, all or nothing and owner-only.

    Never raises: a cache that cannot be written only means a full check next time.
    """
    try:
        rest = json.dumps(list(files)).encode() + b"\n" + content_pickle(loaded)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_private_file(path, MAGIC + key + _tag(secret, key, rest) + rest)
    except (OSError, pickle.PicklingError):
        pass
