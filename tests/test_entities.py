"""Named entities: gazetteer and rule examples, an invented bulletin, the rule engine, bad gazetteer files, laziness."""

from __future__ import annotations

import functools
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin_extract import PatternFileError, Ruleset, default_ruleset, extract, extract_document
from bulletin_extract.ner.rules import Found, apply_rules, longer_wins, longest_first
from bulletin_extract.ner.segmentation import distinctive_name, on_word_boundaries, person_span, place_name
from bulletin_extract.ner.template import expand, mask, remask
from bulletin_extract.rules.examples import run_example
from bulletin_extract.rules.schema import GazetteerFile

_RS = default_ruleset()
# An invented bulletin with the forms a provincial bulletin has (no gold sentence or name: gold is scored, not
# tested on).
_BULLETIN = (
    "江西省委书记王建国同志作出批示，省委副书记、省长李明远任指挥长。省政府常务会议研究部署：省财政厅等三部门下发"
    "《关于支持小微企业纾困发展的若干措施》，市委防汛抗旱保障指挥部、国务院安委会消防安全协调组向省政府致函，"
    "省政府办公厅印发《江西省对口支援湖南省岳阳市防汛救灾工作方案》。认真落实党中央决策部署，外省来赣车辆有序通行。"
    "新京报记者钟晓燕报道，荆门市和沙洋县、湖南、江西均有通报。"
)


@functools.lru_cache(maxsize=1)
def _bulletin_entities() -> tuple:
    return tuple(m for m in extract(_BULLETIN, published="2021-07-10") if m.type in ("PER", "ORG", "LOC", "DOC"))


_GAZETTEER_EXAMPLES = [
    pytest.param(
        ex,
        id=f"{Path(f.path).name}[{ex.input[:24]}]",
        marks=[pytest.mark.xfail(reason=ex.xfail, strict=True)] if ex.xfail else [],
    )
    for f in _RS.files
    if isinstance(f.spec, GazetteerFile)
    for ex in f.spec.examples
]


@pytest.mark.parametrize("example", _GAZETTEER_EXAMPLES)
def test_entities_gazetteer_example(example):
    assert run_example(example, _RS) == []


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("王建国", "PER"),
        ("李明远", "PER"),
        ("钟晓燕", "PER"),
        ("省财政厅", "ORG"),
        ("国务院安委会消防安全协调组", "ORG"),
        ("市委防汛抗旱保障指挥部", "ORG"),
        ("省政府", "ORG"),
        ("省政府办公厅", "ORG"),
        ("新京报", "ORG"),
        ("党中央", "ORG"),
        ("荆门市", "LOC"),
        ("沙洋县", "LOC"),
        ("湖南", "LOC"),
        ("江西", "LOC"),
        ("赣", "LOC"),
        ("关于支持小微企业纾困发展的若干措施", "DOC"),
        ("江西省对口支援湖南省岳阳市防汛救灾工作方案", "DOC"),
    ],
)
def test_entities_bulletin_has(text, etype):
    assert (text, etype) in {(e.text, e.type) for e in _bulletin_entities()}


def test_entities_meeting_is_its_body():
    # Guideline v1.3 (ANNOTATION §3.2): a meeting is not ORG; the body holding it is (省政府|常务会议).
    at = _BULLETIN.index("省政府常务会议")
    assert [(e.start, e.end, e.type) for e in _bulletin_entities() if e.start == at] == [(at, at + 3, "ORG")]


def test_entities_bulletin_spans_are_exact():
    ents = _bulletin_entities()
    assert ents and all(_BULLETIN[e.start : e.end] == e.text for e in ents)


@pytest.mark.parametrize(
    ("context", "not_tagged"),
    [
        ("省委书记王建国", "省委"),  # a body inside a person's title
        ("省委副书记、省长李明远", "省委"),
        ("外省来赣车辆", "外省"),  # deictic
        ("《江西省对口支援湖南省岳阳市", "湖南省"),  # a place inside a document title
    ],
)
def test_entities_convention_not_tagged(context, not_tagged):
    at = _BULLETIN.index(context) + context.index(not_tagged)
    assert not [e for e in _bulletin_entities() if e.start == at and e.text == not_tagged]


@pytest.mark.parametrize(
    ("text", "place"),
    [("七台河市新增确诊病例2例", "七台河市"), ("三门峡市新增确诊病例1例", "三门峡市")],
)
def test_entities_place_names_remove_false_figures(text, place):
    mentions = extract(text, published="2020-02-10")
    assert (place, "LOC") in {(m.text, m.type) for m in mentions}
    figures = [m for m in mentions if m.type not in ("PER", "ORG", "LOC", "DOC", "date", "period")]
    assert all(m.start >= len(place) for m in figures)


def test_entities_off_does_not_import_spacy():
    code = (
        "import sys\nimport bulletin_extract\n"
        "bulletin_extract.extract('截至2月20日，湖北省复工率84.1%', entities=False)\n"
        "print('spacy' in sys.modules, 'jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


@pytest.mark.parametrize(
    ("overlapped", "new", "wins"),
    [
        # longer wins over what it covers
        ([Found(0, 2, "LOC", "gazetteer.x")], Found(0, 5, "ORG", "org.r"), True),
        # shorter loses
        ([Found(0, 5, "ORG", "org.r")], Found(1, 3, "LOC", "loc.r"), False),
        # equal length: a rule beats a bare gazetteer match ...
        ([Found(2, 4, "LOC", "gazetteer.x")], Found(3, 5, "PER", "per.r"), True),
        # ... but not an earlier rule
        ([Found(2, 4, "ORG", "org.r")], Found(3, 5, "PER", "per.r"), False),
        # it must beat each span it overlaps
        ([Found(0, 2, "LOC", "gazetteer.x"), Found(2, 6, "ORG", "org.r")], Found(1, 5, "PER", "per.r"), False),
        # nothing overlapped: kept
        ([], Found(0, 2, "LOC", "loc.r"), True),
    ],
)
def test_entities_rules_longer_wins(overlapped, new, wins):
    assert longer_wins(overlapped, new) is wins


def test_entities_rules_longest_first_drops_nested_matches():
    matches = [Found(0, 2, "LOC", "g"), Found(0, 3, "LOC", "g"), Found(2, 4, "LOC", "g"), Found(5, 6, "LOC", "g")]
    assert longest_first(matches) == [Found(0, 3, "LOC", "g"), Found(5, 6, "LOC", "g")]


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{a}x", "(?:bb|[c])x"),
        ("\\p{Han}{1,2}", "\\p{Han}{1,2}"),  # property and quantifier braces are not references
        ("{LOC}", "(?:\ue004\ue005*+)"),
    ],
)
def test_entities_template_expand(template, expected):
    assert expand(template, {"a": ["bb", "c"]}) == expected


def test_entities_template_mask_keeps_length():
    text = "江西省委书记"
    masked = mask(text, [(0, 3, "LOC")])
    assert len(masked) == len(text) and masked[3:] == text[3:] and masked[:3] != text[:3]


@pytest.mark.parametrize(
    ("old", "new", "dirty"),
    [
        ([(0, 3, "LOC", "g")], [(0, 6, "ORG", "r")], [(0, 6)]),  # a longer span over a shorter one
        ([(0, 3, "LOC", "g")], [(2, 6, "ORG", "r")], [(0, 6)]),  # the replaced span sticks out: its text returns
        ([(0, 3, "LOC", "g"), (6, 9, "PER", "g")], [(6, 9, "PER", "g")], [(0, 3)]),  # dropped
        ([(6, 9, "PER", "g")], [(0, 3, "LOC", "r"), (6, 9, "PER", "g")], [(0, 3)]),  # added before a kept one
    ],
)
def test_entities_template_remask_equals_mask(old, new, dirty):
    text = "江西省委书记王建国说"
    masked = mask(text, [f[:3] for f in old])
    assert remask(text, masked, new, dirty) == mask(text, [f[:3] for f in new])


def test_entities_rules_compose_with_earlier_entities():
    from bulletin_extract import default_engine
    from bulletin_extract.ner.segmentation import CHECKS

    text = "荆门市卫健委通报"
    found = apply_rules(text, [Found(0, 3, "LOC", "gazetteer.divisions")], default_engine().entities.rules, CHECKS)
    assert [(text[f.start : f.end], f.label) for f in found] == [("荆门市卫健委", "ORG")]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("财政部副部长武建明介绍", "长武", False),  # cut out of two words
        ("面临复杂多变的局面", "杂多", False),  # inside an idiom
        ("飞抵上海虹桥国际机场", "上海", True),  # begins a longer name
        ("喀什、伊犁、哈密", "伊犁", True),  # between punctuation
    ],
)
def test_entities_segmentation_word_boundaries(text, name, expected):
    start = text.index(name)
    assert on_word_boundaries(text, start, start + len(name)) is expected


@pytest.mark.parametrize(
    ("text", "candidate", "name"),
    [
        ("公司财务经理韩磊这两天", "韩磊这", "韩磊"),
        ("省委书记张志刚同志", "张志刚", "张志刚"),
        ("商务部表示", "商务部", None),
    ],
)
def test_entities_segmentation_person_span(text, candidate, name):
    s = text.index(candidate)
    got = person_span(text, s, s + len(candidate))
    assert (text[got[0] : got[1]] if got else None) == name


_BAD_GAZETTEERS = [
    ("kind: gazetteer\nlabel: LOC\nnames: [' 山东']\n", "names", "surrounding spaces"),
    ("kind: gazetteer\nlabel: PLACE\nnames: [山东]\n", "label", "Input should be"),
    (
        "kind: gazetteer\nlabel: ORG\nrules:\n  - {id: org.x, pattern: '{nothing}部'}\n",
        "rules",
        "unknown list {nothing}",
    ),
    ("kind: gazetteer\nlabel: ORG\nrules:\n  - {id: org.x, pattern: '(unclosed'}\n", "rules", "does not compile"),
    ("kind: gazetteer\nlabel: ORG\nlists: {LOC: [x]}\n", "lists", "reserved"),
    (
        "kind: gazetteer\nlabel: ORG\nrules:\n  - {id: org.x, pattern: a}\n  - {id: org.x, pattern: b}\n",
        "rules",
        "defined twice",
    ),
]


@pytest.mark.parametrize(("body", "entry", "reason"), _BAD_GAZETTEERS)
def test_entities_bad_gazetteer_fails_at_load(tmp_path: Path, body, entry, reason):
    f = tmp_path / "bad.yaml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(PatternFileError) as info:
        Ruleset.load([f])
    msg = str(info.value)
    assert str(f) in msg and entry in msg and reason in msg


@pytest.mark.parametrize(
    ("tsv", "reason"),
    [
        ("# comment\nname\tforms\n山东省\t山东\textra\n", "3 tab-separated cells"),
        ("name\tforms\n \t山东\n", "empty or has surrounding spaces"),
        ("code\tforms\n1\t山东\n", "no 'name' column"),
    ],
)
def test_entities_bad_data_file_row_names_file_and_line(tmp_path: Path, tsv, reason):
    (tmp_path / "places.tsv").write_text(tsv, encoding="utf-8")
    f = tmp_path / "places.yaml"
    f.write_text("kind: gazetteer\nlabel: LOC\ndata_file: places.tsv\n", encoding="utf-8")
    with pytest.raises(PatternFileError) as info:
        Ruleset.load([f])
    msg = str(info.value)
    assert "places.tsv" in msg and reason in msg


def test_entities_user_gazetteer_adds_names(tmp_path: Path):
    f = tmp_path / "mine.yaml"
    f.write_text("kind: gazetteer\nlabel: ORG\nnames: [星火合作社]\n", encoding="utf-8")
    got = {(m.text, m.type) for m in extract("星火合作社今天开业", patterns=[f])}
    assert ("星火合作社", "ORG") in got


def _script():
    path = Path(__file__).resolve().parent.parent / "scripts" / "make_gazetteer_divisions.py"
    spec = importlib.util.spec_from_file_location("make_gazetteer_divisions", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("荆门市", ["荆门"]),
        ("湘西土家族苗族自治州", ["湘西", "湘西州"]),
        ("博尔塔拉蒙古自治州", ["博尔塔拉", "博尔塔拉州"]),
        ("两江新区", ["两江"]),
        ("广西壮族自治区", ["广西"]),
        ("和县", []),  # one character left: no short form
    ],
)
def test_entities_divisions_script_short_forms(name, forms):
    mod = _script()
    assert mod.short_forms(name, ["土家族", "苗族", "蒙古族"]) == forms


def test_entities_divisions_file_records_provenance():
    tsv = (
        Path(__file__).resolve().parent.parent
        / "src"
        / "bulletin_extract"
        / "patterns"
        / "gazetteers"
        / "divisions.tsv"
    )
    header = [line for line in tsv.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any("cpca==" in line and "sha256" in "".join(header) for line in header)
    assert any("scripts/make_gazetteer_divisions.py" in line for line in header)


@pytest.mark.parametrize(
    "name",
    [
        "resumption/shandong-2020-02-22.txt",
        "statistics/sta-deyang2014-01-x1.txt",
        "workreport/wrk-gwr2025xizang-01-x1.txt",
        "epidemic/epi-sh20220217-01.txt",
    ],
)
def test_entities_fast_path_agrees_with_spacy_pipeline(repo_root, name):
    from bulletin_extract import default_engine
    from bulletin_extract.integrations.spacy import build_nlp
    from bulletin_extract.ner.pipeline import ENTITIES_KEY, found_entities

    engine = default_engine()
    text = engine.fold((repo_root / "corpus" / name).read_text(encoding="utf-8"))
    doc = build_nlp(engine.entities, "char", annotate=False)(text)
    assert found_entities(text, engine.entities) == doc.user_data[ENTITIES_KEY]


@pytest.mark.issue(14)
@pytest.mark.parametrize("text", ["渭南", "公报说渭南", "黄冈", "山东"])
def test_entities_name_at_end_of_text_ends_within_it(text):
    # 渭南 is the short form of 渭南市: the three-character lookup must not run past the end of the text.
    from bulletin_extract import default_engine

    found = default_engine().entities.index.find(text)
    assert found and all(f.end <= len(text) and f.end - f.start == len(text[f.start : f.end]) for f in found)
    ents = [m for m in extract(text) if m.type == "LOC"]
    assert ents and all(m.text == text[m.start : m.end] for m in ents)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("推进鸿达集团", "推进鸿达", "鸿达"),  # the verb opening the clause is trimmed
        ("一家服装公司", "一家服装", None),  # a numeral and an ordinary word: a kind of company, not one
        ("交通集团", "交通", None),  # ordinary vocabulary only
        ("公立医院", "公立", None),  # a kind word (the rule's check_words)
        ("鑫垚集团", "鑫垚", "鑫垚"),  # jieba knows no word here: a distinctive name
    ],
)
def test_entities_segmentation_distinctive_name(text, name, expected):
    got = distinctive_name(text, 0, len(name), frozenset({"公立"}))
    assert (text[got[0] : got[1]] if got else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("汾河", "汾河"),  # one word, tagged a place, rare
        ("檀木河", "檀木河"),  # the head cut off: the name before it is distinctive
        ("江山", None),  # one word, but ordinary vocabulary
        ("运河", None),  # the name before the head is a kind word
        ("淞南四村", "淞南四村"),  # cut without the HMM the lone characters are not lead words to trim
        ("美乡村", None),  # a word crosses the end (乡村)
    ],
)
def test_entities_segmentation_place_name(text, expected):
    name_end = 1 if text == "美乡村" else len(text) - 1  # the head is the one character after the name
    got = place_name(text, 0, name_end, frozenset({"运"}))
    assert (text[got[0] : got[1] + 1] if got else None) == expected


def test_a_level_word_below_the_documents_division_names_no_one_body() -> None:
    """县委 is the county's own body in a county's bulletin, any county's in a province's; 省委 is one body in both."""
    text = "县委、县政府召开会议，省委作出部署。"

    def orgs(region: str | None) -> list[str]:
        doc = extract_document(text, published="2024-03-01", region=region)
        return [m.text for m in doc.mentions if m.type == "ORG"]

    assert orgs("贵州省遵义市湄潭县") == ["县委", "县政府", "省委"]
    assert orgs("贵州省") == ["省委"]
    assert orgs(None) == ["县委", "县政府", "省委"]
