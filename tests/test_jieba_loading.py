"""jieba's tables loaded from caches are jieba's own: with no cache, a fresh one, or a damaged one.

Each case runs in a child process (jieba's tokenizer and jieba.posseg are process-wide) with jieba's
cache folder pointed at a temporary directory.
"""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

from bulletin_extract.ner.jieba_loading import CACHE_NAME

CHILD = r"""
import json, sys
from bulletin_extract.ner import jieba_loading
already = "pkg_resources" in sys.modules  # then jieba is imported as usual
jieba = jieba_loading.import_jieba()
no_pkg_resources = already or "pkg_resources" not in sys.modules
jieba.dt.tmp_dir = sys.argv[1]
jieba.setLogLevel(60)
jieba_loading.load_dictionary(jieba)
posseg = jieba_loading.load_posseg(jieba)
fresh_freq, fresh_total = jieba.Tokenizer.gen_pfdict(jieba.dt.get_dict_file())
tags = {}
for line in jieba.dt.get_dict_file():
    word, _, tag = line.strip().decode("utf-8").split(" ")
    tags[word] = tag
print(json.dumps({
    "freq": jieba.dt.FREQ == fresh_freq and jieba.dt.total == fresh_total,
    "tags": posseg.dt.word_tag_tab == tags,
    "cut": [(p.word, p.flag) for p in posseg.cut("国务院总理李克强今天在北京")],
    "no_pkg_resources": no_pkg_resources,
}))
"""


def _child(cache: Path) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(cache)], capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


def _assert_jiebas(result: dict[str, object]) -> None:
    assert result["freq"] is True
    assert result["tags"] is True
    assert ["李克强", "nr"] in result["cut"]


def test_tables_equal_jiebas_with_no_fresh_and_damaged_caches(tmp_path: Path) -> None:
    first = _child(tmp_path)  # no cache: jieba builds its own, this library writes its tables'
    assert (tmp_path / "jieba.cache").is_file()
    assert (tmp_path / CACHE_NAME).is_file()
    second = _child(tmp_path)  # read from this library's cache
    (tmp_path / CACHE_NAME).write_bytes(b"not marshal data")
    damaged = _child(tmp_path)  # unreadable: jieba's cache, and the tables' cache written again
    assert marshal.loads((tmp_path / CACHE_NAME).read_bytes())[0][0] == 1
    (tmp_path / CACHE_NAME).write_bytes(b"\x00garbage")
    (tmp_path / "jieba.cache").write_bytes(b"\x00garbage")
    both_damaged = _child(tmp_path)  # jieba's own loading
    for result in (first, second, damaged, both_damaged):
        _assert_jiebas(result)
    assert first["no_pkg_resources"] is True


def test_a_cache_of_another_dictionary_file_is_not_used(tmp_path: Path) -> None:
    _child(tmp_path)
    cache = tmp_path / CACHE_NAME
    key, freq, total, table = marshal.loads(cache.read_bytes())
    stale = (*key[:3], key[3] + 1, key[4])  # the dictionary file changed size since
    cache.write_bytes(marshal.dumps((stale, {**freq, "李克强": 0}, total, {**table, "李克强": "x"})))
    _assert_jiebas(_child(tmp_path))


def test_a_cache_others_may_write_is_not_used(tmp_path: Path) -> None:
    _child(tmp_path)
    cache = tmp_path / CACHE_NAME
    key, freq, total, table = marshal.loads(cache.read_bytes())
    cache.write_bytes(marshal.dumps((key, freq, total, {**table, "李克强": "x"})))
    os.chmod(cache, 0o666)
    _assert_jiebas(_child(tmp_path))
    cache.write_bytes(marshal.dumps((key, freq, total, {**table, "李克强": "x"})))  # a planted table is read...
    os.chmod(cache, 0o600)
    assert ["李克强", "x"] in _child(tmp_path)["cut"]  # ...when it is the user's own: the check is what refused it


LAZY = r"""
import json, sys
from bulletin_extract import extract
before = extract("Total: 3 cases, 12% up.")
loaded_before = "jieba" in sys.modules
names = [m.text for m in extract(sys.argv[1]) if m.type in ("PER", "ORG", "LOC", "DOC")]
print(json.dumps({"loaded_before": loaded_before, "loaded_after": "jieba.posseg" in sys.modules, "names": names}))
"""


def test_jieba_is_loaded_by_the_first_check_that_needs_it(seed_text: str) -> None:
    out = subprocess.run([sys.executable, "-c", LAZY, seed_text], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    assert result["loaded_before"] is False  # entities were asked for, but no name needed jieba
    assert result["loaded_after"] is True
    assert result["names"]


def test_warm_loads_jieba_so_forked_workers_inherit_it() -> None:
    code = "import sys; from bulletin_extract.batch.local import warm; warm((), True); print('jieba.posseg' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
