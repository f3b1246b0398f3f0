"""The indicator stage's word index: the families looked for in the sentences holding figures only find there
what a scan of the whole text finds."""

from __future__ import annotations

from bulletin_extract import default_engine, extract
from bulletin_extract.indicators.catalogue import _bound
from bulletin_extract.indicators.index import Index, sentence_regions
from bulletin_extract.records import Figure

TEXT = (
    "全省新增确诊病例3例。各地分别加强防控，新增无症状感染者和确诊病例的密切接触者。其中本土病例2例，境外输入1例；"
    "现有确诊病例5例!累计治愈出院10例。今年以来其中分别累计新增。\n地区生产总值从3.16万亿元增加到8.31万亿元，占比62%。"
)


def _figures(text: str) -> list[Figure]:
    return [m for m in extract(text, entities=False) if isinstance(m, Figure)]


def _sentences(figs: list[Figure], doc) -> set[int]:
    return {doc.sentences.index(f.start) for f in figs}


def test_index_regions_find_what_the_whole_text_holds_there():
    engine = default_engine()
    pats, doc = engine.indicators, engine.model(TEXT)
    figs = _figures(TEXT)
    regions = sentence_regions(_sentences(figs, doc), doc, pats.sentence_marks)
    assert regions is not None
    assert all(any(lo <= f.start < hi for lo, hi in regions) for f in figs)
    # Some text holds no figure (今年以来…), so the regions leave it out.
    assert sum(hi - lo for lo, hi in regions) < len(TEXT)
    whole, parts = Index(doc.folded, pats), Index(doc.folded, pats)
    parts.narrow(regions)
    assert pats.bound >= {"names", "flows", "measures", "parts", "distributive", "statements", "successions"}
    left_out = set()
    for kind in sorted(pats.bound):
        every = whole.find(kind, 0, len(TEXT))
        inside = [m for m in every if any(lo <= m[0] and m[1] <= hi for lo, hi in regions)]
        assert parts.find(kind, 0, len(TEXT)) == inside, kind
        assert parts.starts(kind) == [m[0] for m in inside], kind
        if len(inside) < len(every):
            left_out.add(kind)
    # 分别 and 新增 of the sentence without figures are not looked for; the words of the figures' sentences are.
    assert {"distributive", "flows"} <= left_out
    assert parts.last("names", 0, TEXT.index("3例")) == whole.last("names", 0, TEXT.index("3例")) is not None


def test_index_across_reads_a_span_that_leaves_the_regions():
    engine = default_engine()
    pats, doc = engine.indicators, engine.model(TEXT)
    first = TEXT.index("。") + 1
    parts = Index(doc.folded, pats)
    parts.narrow([(0, first)])
    # 新增 after the first sentence lies in no region: a look-up inside the regions misses it, one across finds it.
    lo, hi = first - 3, TEXT.index("无症状")
    assert parts.last("flows", lo, hi) is None
    found = parts.across("flows", lo, hi, doc)
    whole = Index(doc.folded, pats).last("flows", lo, hi)
    assert found == whole and found is not None


def test_index_regions_need_sentence_marks_before_them():
    engine = default_engine()
    doc = engine.model(TEXT)
    figs = _figures(TEXT)
    assert sentence_regions(_sentences(figs, doc), doc, engine.indicators.sentence_marks) is not None
    # A document whose sentences end at marks the patterns do not know is scanned whole.
    assert sentence_regions(_sentences(figs, doc), doc, frozenset()) is None
    assert sentence_regions([], doc, frozenset()) == []


def test_bound_families_hold_no_sentence_mark():
    marks = frozenset("。\n")
    families = {"a": {"新增", "累计"}, "b": {"新增。"}, "c": {""}, "d": set()}
    assert _bound(families, marks) == {"a", "d"}
