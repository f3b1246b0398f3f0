"""The compiled engine kept on disk between runs, so a cold start neither validates nor compiles the patterns.

Validating the thirty-odd pattern files (YAML, pydantic, the regex checks of entity rules, the generated TSV
lists) and compiling every stage's regexes is most of what a short ``bulletin-extract extract`` spends
before its first document; unpickling the result takes a fraction of it (:mod:`.pickling` keeps the
compiled code of the standard library's patterns too).  Only :func:`~bulletin_extract.engine.default_engine`
uses it, with one entry for the engine and one for its entity patterns (loaded only when entities are asked for).

An entry is keyed by everything the result depends on: the content of every pattern file loaded and of the
``*.tsv`` files beside them (``data_file`` can only name one of those), the source of every module of this
package (the validators and the compilers are code), and the versions of Python, pydantic and regex.  The
key is written before the pickle and compared before anything is unpickled, so a stale entry is never
loaded; an unreadable, damaged or foreign entry (not owned by this user, or writable by others) is ignored
and rewritten.  A file that fails validation raises as without the cache and stores nothing.

Where: ``$BULLETIN_EXTRACT_CACHE`` if set (``off`` turns the cache off), else ``$XDG_CACHE_HOME/bulletin-extract``
or ``~/.cache/bulletin-extract``.  Deleting the folder clears it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from .pickling import dumps

log = logging.getLogger("bulletin_extract")

ENV = "BULLETIN_EXTRACT_CACHE"
_OFF = frozenset({"off", "0", "no", "false"})
# Bumped when the layout of an entry changes.
_MAGIC = b"bulletin-extract cache 1\n"
_PACKAGE = Path(__file__).resolve().parent.parent
MAX_ENTRIES = 32

_T = TypeVar("_T")


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    value = os.environ.get(ENV, "").strip()
    if value.lower() in _OFF:
        return None
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "bulletin-extract"


def _code_fingerprint(h: Any) -> None:
    # The source of every module (about 2 ms): a size and mtime check, as Python's bytecode cache makes,
    # would miss an edit that keeps both (reproducible builds pin every mtime).
    import pydantic
    import regex

    h.update(f"{sys.version}\0{pydantic.VERSION}\0{regex.__version__}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    for dirpath, dirnames, filenames in os.walk(_PACKAGE):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith(".py"):
                path = os.path.join(dirpath, name)
                with open(path, "rb") as f:
                    source = f.read()
                h.update(f"{os.path.relpath(path, _PACKAGE)}\0{len(source)}\0".encode())
                h.update(source)


def _add_file(h: Any, path: Path) -> None:
    h.update(f"{path}\0".encode())
    h.update(hashlib.sha256(path.read_bytes()).digest())


def key(paths: Sequence[Path]) -> str:
    """The key of what is built from the pattern files *paths* (in this order); OSError on an unreadable file."""
    h = hashlib.sha256(_MAGIC)
    _code_fingerprint(h)
    folders: dict[Path, None] = {}
    for p in paths:
        _add_file(h, p)
        folders.setdefault(p.parent)
    h.update(b"\0data files\0")
    for folder in folders:
        for tsv in sorted(folder.glob("*.tsv")):
            _add_file(h, tsv)
    return h.hexdigest()


def trusted_file(fd: int) -> bool:
    """Is the open file ours and writable by us alone?  A pickle written by someone else could run code."""
    if not hasattr(os, "getuid"):
        return True
    st = os.fstat(fd)
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


class Entries:
    """The cache entries of one set of pattern files, as they were when :func:`entries` read them."""

    def __init__(self, folder: Path, paths: Sequence[Path], key: str) -> None:
        self.folder = folder
        self.paths = tuple(paths)
        self.key = key
        # One entry per set of pattern paths: editing a file replaces its entries instead of adding some.
        self._stem = hashlib.sha256("\0".join(map(str, self.paths)).encode()).hexdigest()[:24]

    def path(self, name: str) -> Path:
        return self.folder / f"{name}-{self._stem}.pickle"

    def get(self, name: str, build: Callable[[], _T], kind: type[_T]) -> _T:
        """Entry *name*, or what ``build()`` returns, then stored unless a pattern file changed meanwhile."""
        entry = self.path(name)
        obj = self._read(entry, kind)
        if obj is None:
            obj = build()
            try:
                unchanged = key(self.paths) == self.key
            except OSError:
                unchanged = False
            if unchanged:
                self._write(entry, obj)
        return obj

    def _header(self) -> bytes:
        return _MAGIC + self.key.encode() + b"\n"

    def _read(self, entry: Path, kind: type[_T]) -> _T | None:
        header = self._header()
        try:
            with open(entry, "rb") as f:
                if not trusted_file(f.fileno()) or f.read(len(header)) != header:
                    return None
                data = f.read()
        except OSError:
            return None
        try:
            obj = pickle.loads(data)
        except Exception as exc:  # a damaged entry can fail in many ways; it is rebuilt, never trusted
            log.debug("cache entry %s unreadable (%s): rebuilt", entry, exc)
            return None
        return obj if isinstance(obj, kind) else None

    def _write(self, entry: Path, obj: object) -> None:
        """Write atomically: a reader sees the old entry or the new one, never half of one."""
        tmp: str | None = None
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            data = dumps(obj)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=entry.name + ".")
            with os.fdopen(fd, "wb") as f:
                f.write(self._header() + data)
            os.replace(tmp, entry)
            tmp = None
            _prune(self.folder)
        except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
            log.debug("cache entry %s not written (%s)", entry, exc)
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    """Remove the oldest entries past :data:`MAX_ENTRIES` (each set of user pattern files adds two)."""
    try:
        found = [(e.stat().st_mtime, e) for e in folder.glob("*.pickle")]
    except OSError:
        return
    for _, old in sorted(found, key=lambda x: x[0])[: max(0, len(found) - MAX_ENTRIES)]:
        old.unlink(missing_ok=True)


def entries(paths: Sequence[Path]) -> Entries | None:
    """The cache entries for the pattern files *paths*, or None when the cache is off or a file is unreadable."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return Entries(folder, paths, key(paths))
    except OSError:
        return None  # the loader names the unreadable file
