"""A rule is skipped over a text only when the text lacks something every match of the rule needs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_extract import default_engine
from bulletin_extract.ner.needs import needs, present


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
    ],
)
def test_needs_of_a_pattern(pattern, expected):
    assert [set(s) for s in needs(pattern)] == expected


def test_present_reads_characters_and_words():
    need = (frozenset({"（", "("}), frozenset({"记者", "通讯员"}))
    assert present(need, "（记者 王某）", set("（记者 王某）"))
    assert not present(need, "记者王某", set("记者王某"))
    assert not present(need, "（记 者）", set("（记 者）"))


_RULES = [r for r in default_engine().entities.rules if r.needs]
# Every character a need names, markers included, and a few others: texts that hold some needs and miss others.
_ALPHABET = sorted({c for r in _RULES for s in r.needs for w in s for c in w} | set("市省县的年第一十"))


@pytest.mark.parametrize("rule", _RULES, ids=lambda r: r.id)
@settings(max_examples=200, deadline=None)
@given(text=st.text(st.sampled_from(_ALPHABET), max_size=30))
def test_a_rule_skipped_over_a_text_has_no_match_in_it(rule, text):
    if not present(rule.needs, text, set(text)):
        assert rule.regex.search(text) is None


def test_every_match_in_the_corpus_holds_what_its_rule_needs(repo_root):
    # Real matches, each in a window of its text: wherever a rule matches, what it needs is there.
    from bulletin_extract.ner.lexicon import NOT_A_NAME
    from bulletin_extract.ner.rules import longest_first
    from bulletin_extract.ner.template import mask

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
                    assert present(rule.needs, window, set(window)), (rule.id, window)
                    checked += 1
    assert checked > 500
