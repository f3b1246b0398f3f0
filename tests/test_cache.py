"""The on-disk engine cache (rules/cache.py): an engine read back extracts what a built one does, and a stale,
damaged or foreign entry is never used but rebuilt."""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin_extract import Engine, Ruleset
from bulletin_extract.rules import cache
from bulletin_extract.rules.pickling import dumps
from bulletin_extract.rules.ruleset import pattern_paths

UNITS = """kind: units
type: quantity
units:
  {unit}: {unit}
"""


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _units_file(tmp_path: Path, unit: str) -> Path:
    f = tmp_path / "patterns" / "my_units.yaml"
    f.parent.mkdir(exist_ok=True)
    f.write_text(UNITS.format(unit=unit), encoding="utf-8")
    return f


def _store(paths: list[Path]) -> cache.Entries:
    store = cache.entries(paths)
    assert store is not None
    return store


def test_an_entry_is_built_once_then_read(folder: Path, tmp_path: Path) -> None:
    paths = [_units_file(tmp_path, "标准煤吨")]
    built: list[int] = []
    assert _store(paths).get("x", lambda: built.append(1) or [1, 2], list) == [1, 2]
    assert _store(paths).get("x", lambda: built.append(2) or [3], list) == [1, 2]
    assert built == [1]


def test_a_changed_pattern_file_or_data_file_is_a_new_key(folder: Path, tmp_path: Path) -> None:
    f = _units_file(tmp_path, "标准煤吨")
    _store([f]).get("x", lambda: "old", str)
    _units_file(tmp_path, "标准立方米")
    assert _store([f]).get("x", lambda: "new", str) == "new"
    (f.parent / "names.tsv").write_text("name\n", encoding="utf-8")  # data_file names a TSV beside the file
    assert _store([f]).get("x", lambda: "with data", str) == "with data"


def test_a_changed_module_is_a_new_key(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "package"
    package.mkdir()
    (package / "stage.py").write_text("A = 1\n")
    monkeypatch.setattr(cache, "_PACKAGE", package)
    paths = [_units_file(tmp_path, "标准煤吨")]
    before = cache.key(paths)
    stat = (package / "stage.py").stat()
    (package / "stage.py").write_text("A = 2\n")
    os.utime(package / "stage.py", ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    assert cache.key(paths) != before


def test_damaged_stale_and_foreign_entries_are_rebuilt(folder: Path, tmp_path: Path) -> None:
    paths = [_units_file(tmp_path, "标准煤吨")]
    store = _store(paths)
    store.get("x", lambda: "good", str)
    entry = store.path("x")
    header = store._header()  # the magic line and the key
    entry.write_bytes(header + b"\x80\x05garbage")  # the right key, a damaged pickle
    assert _store(paths).get("x", lambda: "rebuilt", str) == "rebuilt"
    assert _store(paths).get("x", lambda: "again", str) == "rebuilt"  # and written back whole
    entry.write_bytes(b"not a cache entry at all")
    assert _store(paths).get("x", lambda: "rebuilt 2", str) == "rebuilt 2"
    entry.write_bytes(header.replace(store.key.encode(), b"0" * len(store.key)) + pickle.dumps("stale"))
    assert _store(paths).get("x", lambda: "rebuilt 3", str) == "rebuilt 3"  # another key: never unpickled
    entry.write_bytes(header + pickle.dumps(42))
    assert _store(paths).get("x", lambda: "rebuilt 4", str) == "rebuilt 4"  # an int where a str belongs
    entry.write_bytes(header + pickle.dumps("planted"))
    os.chmod(entry, 0o666)  # anyone may have written it
    assert _store(paths).get("x", lambda: "rebuilt 5", str) == "rebuilt 5"
    entry.write_bytes(header + pickle.dumps("the user's own"))
    os.chmod(entry, 0o600)
    assert _store(paths).get("x", lambda: "unused", str) == "the user's own"  # the mode was what refused it


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, "off")
    assert cache.entries([_units_file(tmp_path, "标准煤吨")]) is None


def test_old_entries_are_pruned(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for i in range(5):
        f = tmp_path / f"p{i}.yaml"
        f.write_text(UNITS.format(unit=f"单位{i}"), encoding="utf-8")
        _store([f]).get("x", lambda i=i: i, int)
    assert len(list(folder.glob("*.pickle"))) == 3


def test_standard_library_patterns_load_without_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    patterns = [
        re.compile(r"(?P<n>[0-9]+(?:\.[0-9]+)?)\s*(万|亿)?(?P<u>元|吨)"),
        re.compile(r"(?i)abc|d(?=e)|(?<!x)y{2,5}?"),
        re.compile(r"^\w+$", re.MULTILINE | re.ASCII),
        re.compile(rb"\x00+".decode("latin-1")),
    ]
    data = dumps(patterns)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    re.purge()
    monkeypatch.setattr(re._compiler, "compile", refuse)  # type: ignore[attr-defined]
    loaded = pickle.loads(data)
    monkeypatch.undo()
    assert loaded == patterns
    for a, b in zip(loaded, patterns, strict=True):
        assert (a.groupindex, a.groups, a.flags) == (b.groupindex, b.groups, b.flags)
    assert loaded[0].search("产值3.5万元").group("n", "u") == ("3.5", "元")


def test_an_engine_read_back_extracts_what_a_built_one_does(folder: Path, seed_text: str) -> None:
    built = Engine.build(Ruleset.load())
    store = _store(pattern_paths())
    store.get("engine", lambda: built, Engine)
    store.get("entities", lambda: built.entities, type(built.entities))
    read = _store(pattern_paths()).get("engine", lambda: pytest.fail("not read"), Engine)  # type: ignore[no-any-return]
    assert read is not built
    ents = _store(pattern_paths()).get("entities", lambda: pytest.fail("not read"), type(built.entities))  # type: ignore[no-any-return]
    object.__setattr__(read, "entities", ents)  # what Engine.entities would read from the cache
    for entities in (False, True):
        kw = dict(published=None, region=None, doc_id=None, entities=entities, checks=True)
        assert read.run(seed_text, **kw).model_dump() == built.run(seed_text, **kw).model_dump()


CHILD = """
import json, sys
from bulletin_extract import extract_document
doc = extract_document(open(sys.argv[1], encoding="utf-8").read())
print(json.dumps(doc.model_dump(mode="json"), ensure_ascii=False))
"""


def test_default_engine_from_the_cache_in_a_new_process(folder: Path, repo_root: Path) -> None:
    text = str(repo_root / "corpus" / "resumption" / "shandong-2020-02-22.txt")

    def run(env_value: str) -> object:
        env = {**os.environ, cache.ENV: env_value}
        out = subprocess.run([sys.executable, "-c", CHILD, text], env=env, capture_output=True, text=True, check=True)
        return json.loads(out.stdout)

    uncached = run("off")
    first = run(str(folder))  # builds and writes the engine and entity entries
    assert sorted(p.name.split("-")[0] for p in folder.glob("*.pickle")) == ["engine", "entities"]
    second = run(str(folder))  # reads them
    assert first == uncached
    assert second == uncached
