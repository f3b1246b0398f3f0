"""jieba's tables loaded from caches are jieba's own: with no cache, a fresh one, or a damaged one.

Each case runs in a child process (jieba's tokenizer and jieba.posseg are process-wide) with jieba's
cache folder pointed at a temporary directory.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, sys
import jieba
jieba.dt.tmp_dir = sys.argv[1]
from bulletin_extract.ner import jieba_loading
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
}))
"""


def _child(cache: Path) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(cache)], capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


def test_tables_equal_jiebas_with_no_fresh_and_damaged_caches(tmp_path: Path) -> None:
    first = _child(tmp_path)  # no cache: jieba builds its own, this library writes the tag table's
    assert (tmp_path / "jieba.cache").is_file()
    assert (tmp_path / "bulletin_extract.jieba-tags.cache").is_file()
    second = _child(tmp_path)  # both read from the caches
    (tmp_path / "bulletin_extract.jieba-tags.cache").write_bytes(b"not marshal data")
    (tmp_path / "jieba.cache").write_bytes(b"\x00garbage")
    damaged = _child(tmp_path)  # both unreadable: jieba's own loading
    for result in (first, second, damaged):
        assert result["freq"] is True
        assert result["tags"] is True
        assert ["李克强", "nr"] in result["cut"]


def test_a_cache_of_another_dictionary_file_is_not_used(tmp_path: Path) -> None:
    _child(tmp_path)
    import marshal

    cache = tmp_path / "bulletin_extract.jieba-tags.cache"
    key, table = marshal.loads(cache.read_bytes())
    stale = (key[0], key[1], key[2] + 1, key[3])  # the dictionary file changed size since
    cache.write_bytes(marshal.dumps((stale, {**table, "李克强": "x"})))
    assert _child(tmp_path)["tags"] is True
