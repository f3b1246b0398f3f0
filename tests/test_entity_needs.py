"""A rule is skipped over a text only when the text lacks something every match of the rule needs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_extract import default_engine
from bulletin_extract.ner.needs import Presence, needs
from bulletin_extract.ner.template import markers_of, mask


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("ab(?:c|de)", [{"ab"}, {"c", "de"}]),
        ("(?:记者|实习记者|通讯员)\\s+", [{"记者", "通讯员"}]),  # a word holding another one adds nothing
        ("[（(]x?(?=y)", [{"（", "("}, {"y"}]),  # a lookahead's text is text too; an optional part needs nothing
        ("(?<=z)(?<!w)(?!v)[^u]", [{"z"}]),  # negative lookarounds and negated classes need nothing
        ("a|b*", []),  # a branch that needs nothing
        ("(?:ab)+(?:cd)*", [{"ab"}]),
        ("(?i)ab", []),  # case folded: the literals do not say which characters
        ("(?i:ab)c", [{"c"}]),
        ("[\u4e00-\u9fff]{2}[0-5]", [set("012345")]),  # a wide range needs nothing
        ("(?:a|b|c|d|e|f|g|h|ij)", []),  # too many choices to be worth a test
        ("(?<=(?:^|\\p{P})x)", [{"x"}]),
        ("(?P<n", []),  # does not parse: the rule always runs
        ("ab[[:digit:]]", []),  # syntax the two parsers read differently: the rule always runs
        ("(?:ab){e<=1}", []),
        ("ab{2}c{1,3}", [{"a"}, {"b"}, {"c"}]),
    ],
)
def test_needs_of_a_pattern(pattern, expected):
    assert [set(s) for s in needs(pattern)] == expected


def _presence(masked: str, text: str | None = None, spans=()) -> Presence:
    presence = Presence(masked if text is None else text)
    presence.update(masked, markers_of(spans) if text is not None else frozenset())
    return presence


def test_presence_reads_characters_and_words():
    need = (frozenset({"（", "("}), frozenset({"记者", "通讯员"}))
    assert _presence("（记者 王某）").holds(need)
    assert not _presence("记者王某").holds(need)
    assert not _presence("（记 者）").holds(need)


def test_presence_reads_markers_from_the_spans_and_words_from_the_text():
    text = "江西省委书记"
    spans = [(0, 2, "LOC", "g"), (2, 3, "ORG", "r")]
    presence = _presence(mask(text, [s[:3] for s in spans]), text, spans)
    loc, loc_cont, org, org_cont = (mask("ab", [(0, 2, label)]) for label in ("LOC", "LOC", "ORG", "ORG"))
    assert presence.holds((frozenset({loc[0]}),)) and presence.holds((frozenset({loc_cont[1]}),))
    assert presence.holds((frozenset({org[0]}),)) and not presence.holds((frozenset({org_cont[1]}),))
    assert presence.holds((frozenset({"书记"}),)) and not presence.holds((frozenset({"市委"}),))
    # A text holding a marker character itself is asked as it is.
    assert _presence(loc + "x", loc + "x").holds((frozenset({loc[0]}),))


_RULES = [r for r in default_engine().entities.rules if r.needs]
# Every character a need names, markers included, and a few others: texts that hold some needs and miss others.
_ALPHABET = sorted({c for r in _RULES for s in r.needs for w in s for c in w} | set("市省县的年第一十"))


@pytest.mark.parametrize("rule", _RULES, ids=lambda r: r.id)
@settings(max_examples=200, deadline=None)
@given(text=st.text(st.sampled_from(_ALPHABET), max_size=30))
def test_a_rule_skipped_over_a_text_has_no_match_in_it(rule, text):
    if not _presence(text).holds(rule.needs):
        assert rule.regex.search(text) is None


def test_every_match_in_the_corpus_holds_what_its_rule_needs(repo_root):
    # Real matches, each in a window of its text: wherever a rule matches, what it needs is there.
    from bulletin_extract.ner.lexicon import NOT_A_NAME
    from bulletin_extract.ner.rules import longest_first

    pats = default_engine().entities
    checked = 0
    for path in sorted((repo_root / "corpus").rglob("*.txt"))[::3]:
        folded = pats.fold(path.read_text(encoding="utf-8"))
        names = [f for f in longest_first(pats.index.find(folded)) if f.label != NOT_A_NAME]
        masked = mask(folded, [(f.start, f.end, f.label) for f in names])
        for rule in _RULES:
            for m in rule.regex.finditer(masked):
                window = masked[max(0, m.start() - 40) : m.end() + 40]
                if rule.regex.search(window):
                    assert _presence(window).holds(rule.needs), (rule.id, window)
                    checked += 1
    assert checked > 500
