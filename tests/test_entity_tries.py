"""The word lists of entity rules compiled as tries match exactly what the longest-first alternations match."""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_extract.ner.template import alternation, expand, trie_alternation

# A small alphabet, so that words share prefixes and suffixes and the texts hold many of them.
_CHARS = "abc-]"
_WORDS = st.lists(st.text(_CHARS, min_size=1, max_size=4), min_size=1, max_size=8)
_TEXTS = st.text(_CHARS + "x", max_size=24)


def _matches(pattern: re.Pattern[str] | regex.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(pattern.groups + 1)) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(words=_WORDS, text=_TEXTS)
def test_trie_alternation_tries_the_words_in_the_same_order(words, text):
    # Groups after the list and a repetition of it show the order the words are tried in, not only the set.
    for template in ("({0})(a?b?)", "(?:{0})+?(c|ab|a)", "(?>{0})(.?)"):
        flat = template.format(alternation(words))
        trie = template.format(trie_alternation(words))
        assert _matches(regex.compile(trie), text) == _matches(regex.compile(flat), text)
        assert _matches(re.compile(trie), text) == _matches(re.compile(flat), text)


@settings(max_examples=300, deadline=None)
@given(words=_WORDS, text=_TEXTS)
def test_expand_with_tries_matches_as_without(words, text):
    # The regex module reads a lookbehind backwards: there the list keeps its alternation when words end alike.
    lists = {"w": words}
    for template in ("(?<=(?P<n>{w})(?P<m>a?))b?", "(?<=(?=(?P<n>{w}))..)", "(?<!{w})(?P<n>{w}+)", "(?<=x(?P<n>{w}))"):
        flat = regex.compile(expand(template, lists))
        trie = regex.compile(expand(template, lists, trie=True))
        assert _matches(trie, text) == _matches(flat, text)


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{a}", "(?:(?:abc|b[cd])|[ab])"),  # a trie of the longer words ('bc' and 'bd' share a class), then the rest
        ("(?<={a})", "(?<=(?:abc|bc|bd|[ab]))"),  # 'bc' ends 'abc': backwards a trie would try them in another order
        ("(?<=(?!{a}).)", "(?<=(?!(?:(?:abc|b[cd])|[ab])).)"),  # a lookahead inside a lookbehind reads forwards
        ("(?<=x{b})", "(?<=x(?:a[bc]))"),  # no word ends another: a trie even backwards
        ("(?<=[(]){a}", "(?<=[(])(?:(?:abc|b[cd])|[ab])"),  # a bracket in a class opens no group
    ],
)
def test_expand_with_tries_keeps_alternations_where_a_trie_would_differ(template, expected):
    assert expand(template, {"a": ["abc", "a", "b", "bc", "bd"], "b": ["ab", "ac"]}, trie=True) == expected
