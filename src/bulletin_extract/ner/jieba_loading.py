"""jieba's dictionary and part-of-speech table, loaded from caches in a fraction of jieba's own time.

jieba reads its prefix dictionary cache with ``marshal.load(file)``, which reads the 9 MB file a few bytes
at a time (about 0.45 s); ``marshal.loads`` on the whole file takes about 0.15 s.  ``jieba.posseg`` parses
its 350,000-line word-tag table from ``dict.txt`` at import (about 0.15 s); a marshal cache of that table,
keyed by the dictionary file's path, size and modification time and jieba's version, loads in about a third.

Both are used only for jieba's default dictionary and the default tokenizer; anything unexpected (a custom
dictionary, a missing or damaged cache, an unwritable cache folder) falls back to jieba's own loading, so
the tables are always jieba's.
"""

from __future__ import annotations

import importlib
import io
import logging
import marshal
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

log = logging.getLogger("bulletin_extract")

_TAGS_CACHE = "bulletin_extract.jieba-tags.cache"


def _cache_dir(jieba: ModuleType) -> Path:
    return Path(jieba.dt.tmp_dir or tempfile.gettempdir())


def load_dictionary(jieba: ModuleType) -> None:
    """Initialise jieba's default tokenizer, reading jieba's own cache file in one read when it exists."""
    dt = jieba.dt
    if dt.initialized:
        return
    cache = _cache_dir(jieba) / "jieba.cache"
    if dt.dictionary == jieba.DEFAULT_DICT and not dt.cache_file and cache.is_file():
        with dt.lock:
            if dt.initialized:
                return
            try:
                freq, total = marshal.loads(cache.read_bytes())
            except (OSError, ValueError, EOFError, TypeError) as e:
                log.debug("jieba cache %s unreadable (%s): jieba loads its dictionary itself", cache, e)
            else:
                if isinstance(freq, dict) and isinstance(total, int) and freq:
                    dt.FREQ, dt.total, dt.initialized = freq, total, True
                    return
    dt.initialize()


def _tags_key(jieba: ModuleType) -> tuple[str, str, int, int]:
    path = Path(str(jieba.__file__)).parent / jieba.DEFAULT_DICT_NAME
    st = path.stat()
    return (str(jieba.__version__), str(path), st.st_size, st.st_mtime_ns)


def _cached_tags(cache: Path, key: tuple[str, str, int, int]) -> dict[str, str] | None:
    try:
        stored_key, table = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if tuple(stored_key) != key or not isinstance(table, dict) or not table:
        return None
    return table


def _write_tags(cache: Path, key: tuple[str, str, int, int], table: dict[str, str]) -> None:
    """Write the cache atomically: a reader never sees half a file, and two writers leave one whole file."""
    try:
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name + ".")
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps((key, table)))
        os.replace(tmp, cache)
    except OSError as e:
        log.debug("jieba word-tag cache %s not written (%s)", cache, e)


def load_posseg(jieba: ModuleType) -> Any:
    """``jieba.posseg``, its word-tag table read from this library's cache when the default dictionary is used."""
    if "jieba.posseg" in sys.modules or jieba.dt.dictionary != jieba.DEFAULT_DICT:
        return importlib.import_module("jieba.posseg")
    try:
        key = _tags_key(jieba)
    except OSError:
        return importlib.import_module("jieba.posseg")
    cache = _cache_dir(jieba) / _TAGS_CACHE
    table = _cached_tags(cache, key)
    if table is None:
        posseg = importlib.import_module("jieba.posseg")
        _write_tags(cache, key, posseg.dt.word_tag_tab)
        return posseg
    # posseg parses dict.txt while it is imported (POSTokenizer(jieba.dt) at module level): give it an empty
    # file for that one import, then hand it the cached table.
    dt = jieba.dt
    with dt.lock:
        dt.get_dict_file = lambda: io.BytesIO(b"")
        try:
            posseg = importlib.import_module("jieba.posseg")
        finally:
            del dt.get_dict_file
    posseg.dt.word_tag_tab.update(table)
    return posseg
