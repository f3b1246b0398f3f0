"""jieba's dictionary and part-of-speech table, loaded from one cache in a fraction of jieba's own time.

jieba itself reads its prefix dictionary cache with ``marshal.load(file)``, a few bytes at a time, and
``jieba.posseg`` parses its 350,000-line word-tag table from ``dict.txt`` at import.  This library keeps both
tables in one marshal file, the tag table's words being the dictionary's own string objects, so both load in
about the time the dictionary alone takes and share their memory.  The file is keyed by jieba's version and
the dictionary file's path, size and modification time, and is only read when it belongs to this user and
no one else may write it.  When it is missing it is written from the tables jieba has just loaded itself,
before anything can change them (``jieba.add_word``).

``import jieba`` imports ``pkg_resources`` (about 0.15 s, most of jieba's import) only to open its data
files; jieba opens them by path when that import fails, so it is imported with ``pkg_resources`` blocked.

All of it is used only for jieba's default dictionary and the default tokenizer; anything unexpected (a custom
dictionary, a missing or damaged cache, an unwritable cache folder) falls back to jieba's own loading, so
the tables are always jieba's.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import logging
import marshal
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from ..rules.cache import trusted_file  # the cache sits in a shared temporary folder: only our own file is read

log = logging.getLogger("bulletin_extract")

CACHE_NAME = "bulletin_extract.jieba-tables.cache"
_FORMAT = 1
# The word-tag table read with the dictionary, waiting for jieba.posseg's import (keyed by tokenizer).
_PENDING_TAGS: dict[int, dict[str, str]] = {}


def import_jieba() -> ModuleType:
    """``import jieba``, without the ``pkg_resources`` import jieba makes only to locate its own files."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    spec = importlib.util.find_spec("jieba")
    # jieba's fallback opens its files by path: only for a package installed as plain files.
    if "pkg_resources" in sys.modules or spec is None or not spec.origin or not os.path.isfile(spec.origin):
        return importlib.import_module("jieba")
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # None makes the import raise ImportError
    try:
        return importlib.import_module("jieba")
    except ImportError:  # a jieba that needs pkg_resources after all
        for name in [m for m in sys.modules if m == "jieba" or m.startswith("jieba.")]:
            del sys.modules[name]
    finally:
        if sys.modules.get("pkg_resources", ...) is None:
            del sys.modules["pkg_resources"]
    return importlib.import_module("jieba")


def _cache_dir(jieba: ModuleType) -> Path:
    return Path(jieba.dt.tmp_dir or tempfile.gettempdir())


def _key(jieba: ModuleType) -> tuple[int, str, str, int, int]:
    path = Path(str(jieba.__file__)).parent / jieba.DEFAULT_DICT_NAME
    st = path.stat()
    return (_FORMAT, str(jieba.__version__), str(path), st.st_size, st.st_mtime_ns)


def _read_tables(cache: Path, key: tuple[int, str, str, int, int]) -> tuple[dict[str, int], int, dict[str, str]] | None:
    try:
        with open(cache, "rb") as f:
            if not trusted_file(f.fileno()):
                return None
            stored_key, freq, total, tags = marshal.loads(f.read())
    except (OSError, ValueError, EOFError, TypeError) as e:
        log.debug("jieba tables cache %s unreadable (%s): jieba loads its dictionary itself", cache, e)
        return None
    if tuple(stored_key) != key or not (isinstance(freq, dict) and isinstance(total, int) and isinstance(tags, dict)):
        return None
    return (freq, total, tags) if freq and tags else None


def _write_tables(cache: Path, key: tuple[int, str, str, int, int], dt: Any, tags: dict[str, str]) -> None:
    """Write the cache atomically: a reader never sees half a file, and two writers leave one whole file."""
    words = {w: w for w in dt.FREQ}
    flags: dict[str, str] = {}
    # The same objects as the dictionary's keys (and one object per tag): marshal writes them once.
    shared = {words.get(w, w): flags.setdefault(t, t) for w, t in tags.items()}
    try:
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name + ".")
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps((key, dt.FREQ, dt.total, shared)))
        os.replace(tmp, cache)
    except OSError as e:
        log.debug("jieba tables cache %s not written (%s)", cache, e)


def _read_jiebas_cache(jieba: ModuleType) -> bool:
    """jieba's own dictionary cache, read in one read instead of jieba's many small ones."""
    dt = jieba.dt
    cache = _cache_dir(jieba) / "jieba.cache"
    try:
        freq, total = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError) as e:
        log.debug("jieba cache %s unreadable (%s): jieba loads its dictionary itself", cache, e)
        return False
    if isinstance(freq, dict) and isinstance(total, int) and freq:
        dt.FREQ, dt.total, dt.initialized = freq, total, True
        return True
    return False


def _uses_default_dictionary(jieba: ModuleType) -> bool:
    return bool(jieba.dt.dictionary == jieba.DEFAULT_DICT and not jieba.dt.cache_file)


def load_dictionary(jieba: ModuleType) -> None:
    """Initialise jieba's default tokenizer from this library's cache, else as jieba would, and write the cache."""
    dt = jieba.dt
    if dt.initialized:
        return
    if not _uses_default_dictionary(jieba):
        dt.initialize()
        return
    with dt.lock:
        if dt.initialized:
            return
        try:
            key = _key(jieba)
        except OSError:
            dt.initialize()
            return
        cache = _cache_dir(jieba) / CACHE_NAME
        tables = _read_tables(cache, key)
        if tables is not None:
            dt.FREQ, dt.total, dt.initialized = tables[0], tables[1], True
            _PENDING_TAGS[id(dt)] = tables[2]
            return
        if not _read_jiebas_cache(jieba):
            dt.initialize()
        if "jieba.posseg" not in sys.modules:
            # Both tables as jieba just made them, nothing has run in between: the cache is written from them.
            posseg = importlib.import_module("jieba.posseg")
            _write_tables(cache, key, dt, posseg.dt.word_tag_tab)


def load_posseg(jieba: ModuleType) -> Any:
    """``jieba.posseg``, its word-tag table the one read with the dictionary when that came from the cache."""
    dt = jieba.dt
    # Under the tokenizer's lock: a second thread must not see posseg before its table is handed over.
    with dt.lock:
        tags = _PENDING_TAGS.pop(id(dt), None)
        if "jieba.posseg" in sys.modules or tags is None:
            return importlib.import_module("jieba.posseg")
        # posseg parses dict.txt while it is imported (POSTokenizer(jieba.dt) at module level): give it an
        # empty file for that one import, then hand it the cached table.
        dt.get_dict_file = lambda: io.BytesIO(b"")
        try:
            posseg = importlib.import_module("jieba.posseg")
        finally:
            del dt.get_dict_file
        posseg.dt.word_tag_tab.update(tags)
        return posseg
