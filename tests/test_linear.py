"""Every stage's cost per match stays the same as a document grows (issue 13 item 1, issue 14 item 2).

Costs are counted, not timed (``tests/steps.py``): four times the text must cost about four times the
steps.  benchmarks/bench_scaling.py shows the same in microseconds per character.
"""

from __future__ import annotations

import pytest
from steps import growth

from bulletin_extract import default_engine, extract, extract_document
from bulletin_extract.ner.rules import Found, apply_rules
from bulletin_extract.ner.segmentation import CHECKS

pytestmark = pytest.mark.issue(13)
# A clause that gives the gazetteer and the rules work: places, and a body built on one (a rule match).
_ENTITY_CLAUSE = "黄冈市卫健委通报，渭南市新增3例。"
_LINEAR = 1.15


def _non_overlapping(found: list[Found]) -> list[Found]:
    out: list[Found] = []
    for f in sorted(found):
        if not out or f.start >= out[-1].end:
            out.append(f)
    return out


def _entity_rules(repeat: int) -> None:
    pats = default_engine().entities
    text = _ENTITY_CLAUSE * repeat
    found = _non_overlapping([f for f in pats.index.find(text) if f.label != "O"])
    apply_rules(text, found, pats.rules, CHECKS)


def test_linear_entity_rules():
    assert growth(_entity_rules, 50) <= _LINEAR


def _dated_tables(repeat: int) -> None:
    # Each block: a dated sentence, then a table whose rows below the first leave their label cell empty
    # (merged), so every cell asks the times of the document and the labels of the rows above it.
    block = "2020年1月1日，全市情况如下。\n指标\t2020年1月\t2020年2月\n产量\t12\t13\n" + "\t14\t15\n" * 3 + "\n"
    extract(block * repeat, entities=False)


def _long_table(rows: int) -> None:
    extract("2020年主要指标\n指标\t数量\t增长\n产量\t12\t3.5\n" + "\t14\t1.5\n" * rows, entities=False)


@pytest.mark.parametrize("build", [_dated_tables, _long_table])
def test_linear_table_cells(build):
    assert growth(build, 20) <= _LINEAR


def _case_lists(repeat: int) -> None:
    # Each block: a headline figure and a case-ID list that it breaks down: every list asks for its headline
    # among all the figures before it.
    block = "2022年4月1日，新增本土确诊病例3例。病例1—病例3，居住于浦东新区。"
    doc = extract_document(block * repeat, entities=False, published="2022-04-03", region="上海市")
    assert [d.value for d in doc.derived] == [3 * repeat]


def _zero_statements(repeat: int) -> None:
    # Every zero statement (无新增…) asks for its time among all the times before it.
    block = "4月2日，无新增本土确诊病例。"
    doc = extract_document(block * repeat, entities=False, published="2022-04-03", region="上海市")
    assert len(doc.derived) == repeat


@pytest.mark.parametrize("build", [_case_lists, _zero_statements])
def test_linear_derived_counts(build):
    assert growth(build, 50) <= _LINEAR


def _one_line_scopes(repeat: int) -> None:
    # One paragraph (no line break) of sentences whose figures name no scope: each asks its paragraph for the
    # scope words before it, and the paragraph is the whole document.
    block = "本土新增确诊病例3例，境外输入2例。累计治愈出院5例。"
    extract(block * repeat, entities=False)


def test_linear_scope_of_a_figure_in_one_long_paragraph():
    assert growth(_one_line_scopes, 50) <= _LINEAR


def _peak_bytes(text: str) -> int:
    import tracemalloc

    tracemalloc.start()
    try:
        extract(text, entities=False)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.issue(14)
@pytest.mark.parametrize("char", ["十", "万", "1"])
def test_linear_runs_of_one_numeral_character_take_little_memory(repo_root, char):
    # Memory is counted by tracemalloc, not timed: a run of one numeral character must not cost more than
    # ordinary text of the same length (it cost ten times as much, the regex engine's backtracking entries).
    n = 100_000
    ordinary = (repo_root / "corpus" / "resumption" / "shandong-2020-02-22.txt").read_text(encoding="utf-8")
    extract(char * 10, entities=False)
    assert _peak_bytes(char * n) <= _peak_bytes((ordinary * (n // len(ordinary) + 1))[:n])


def _corpus_text(repo_root, n: int, *, one_line: bool = False) -> str:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((repo_root / "corpus").rglob("*.txt"))[:6])
    if one_line:
        text = text.replace("\n", "")
    return (text * (n // len(text) + 1))[:n]


_ADVERSARIAL = {
    "digits": lambda n: "1" * n,
    "十": lambda n: "十" * n,
    "万": lambda n: "万" * n,
    "《": lambda n: "《" * n,
    "“": lambda n: "“" * n,
    "digit-CJK": lambda n: ("1一" * n)[:n],
    "numbers-names": lambda n: ("3渭南市" * n)[:n],
    "numbers-joiners": lambda n: ("3、" * n)[:n],
    "one-row-table": lambda n: ("3\t" * n)[:n],
    "wide-table": lambda n: "单位：万元\n指标\t" + "增长\t" * (n // 6) + "\n产量\t" + "3\t" * (n // 4),
}


@pytest.mark.slow
@pytest.mark.issue(14)
@pytest.mark.parametrize("entities", [False, True], ids=["plain", "entities"])
@pytest.mark.parametrize("kind", ["ordinary", "one-line", *_ADVERSARIAL])
def test_linear_extract_on_any_input(repo_root, kind, entities):
    def run(n: int) -> None:
        if kind in ("ordinary", "one-line"):
            text = _corpus_text(repo_root, n, one_line=kind == "one-line")
        else:
            text = _ADVERSARIAL[kind](n)
        extract(text, entities=entities)

    assert growth(run, 2000) <= _LINEAR
