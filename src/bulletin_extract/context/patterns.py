"""The compiled context words of a ruleset (``patterns/context.yaml``): subjects, comparisons, 由A增加到B."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

import regex

from ..rules.grammar import alternation, alternation_or_never, char_class, trie_alternation
from ..rules.ruleset import Ruleset
from ..rules.schema import ContextFile


def _led(pattern: str, words: Collection[str]) -> str:
    """*pattern*, which matches only where one of *words* starts, led by a class of their first characters:
    the standard library then fails at most positions with one test instead of trying every branch."""
    if not words or not all(words):
        return pattern
    return f"(?={char_class({w[0] for w in words})})(?:{pattern})"


def _starts_of(words: Collection[str]) -> str:
    """A class of the characters *words* start with: where none stands, none of them does (an empty word
    stands everywhere)."""
    return char_class({w[0] for w in words}) if all(words) else ""


def _stops(c: ContextFile) -> str:
    """Subject stop words; a word holding one (在院 for 在) matches first as group ``word`` and is no stop."""
    stops = trie_alternation(c.subject_stop)
    inside = trie_alternation(c.subject_stop_words_inside) if c.subject_stop_words_inside else ""
    return _led(f"(?P<word>{inside})|{stops}" if inside else stops, [*c.subject_stop, *c.subject_stop_words_inside])


def _markers(c: ContextFile) -> str:
    """Comparison markers; those that need a base compare only before a comparison word or a year's digits."""
    weak = set(c.comparison_needs_base)
    # A base that begins with such a marker (同期) is one itself.
    own = [w for w in c.comparison_words if any(w.startswith(m) for m in weak)]
    strong_words = [*(w for w in c.comparison_bases if w not in weak), *own]
    strong = alternation(strong_words)
    if not weak:
        return _led(f"(?:{strong})", strong_words)
    after = f"(?:{alternation(c.comparison_words)}|[0-9])" if c.comparison_words else "[0-9]"
    weak_re = f"(?:{alternation(weak)})(?={after})"
    return _led(f"(?:{strong}|{weak_re})" if strong else weak_re, [*strong_words, *weak])


@dataclass(frozen=True, eq=False)
class ContextPatterns:
    """Regexes and word tables the context stage reads."""

    words: ContextFile
    subj_stop: re.Pattern[str]
    subj_right_stop: regex.Pattern[str]
    distributive: re.Pattern[str]
    list_joiner: re.Pattern[str]
    list_mark: re.Pattern[str]
    list_chars: re.Pattern[str]  # a character that starts a distributive word or is a list mark
    open_bracket: re.Pattern[str]
    list_splits: tuple[regex.Pattern[str], ...]
    compare_marker: re.Pattern[str]
    compare: re.Pattern[str]
    compare_before: re.Pattern[str]
    strip_suffix: re.Pattern[str]
    strip_prefix: re.Pattern[str]
    suffix_ends: frozenset[str]
    prefix_starts: frozenset[str]
    qualifiers_after: tuple[str, ...]
    aside: regex.Pattern[str]
    condition: regex.Pattern[str]
    to_last_clause_mark: regex.Pattern[str]
    noun_heads: tuple[str, ...]
    brackets: str

    @classmethod
    def compile(cls, rs: Ruleset) -> ContextPatterns:
        c = rs.context
        g = rs.grammar
        bases = alternation(c.comparison_bases)
        base_trie = trie_alternation(c.comparison_bases)
        false_friends = f"(?!{alternation(c.comparison_false_friends)})" if c.comparison_false_friends else ""
        # Direction words (回升, 加快) and qualifiers before a number (不到, 超过) also link a subject to its figure.
        suffixes = [*c.subject_strip_suffix, *rs.directions.up, *rs.directions.down, *rs.qualifiers_before]
        reversed_suffixes = [w[::-1] for w in suffixes]
        # 由2476元增加到4140元: a change or level verb after a figure starts no head noun; one-character
        # direction words (增, 降) are left out, as they begin nouns too (增值税).
        right_stops = [*c.subject_right_stop, *c.to_words]
        right_stops += [w for w in (*rs.directions.up, *rs.directions.down) if len(w) > 1]
        # The joiners that are punctuation (、) and those that are words (和, 及): a word may join inside an item.
        marks = [j for j in g.list_joiners if j in g.clause_marks]
        words = [j for j in g.list_joiners if j not in g.clause_marks]
        mark_re = alternation_or_never(marks)
        return cls(
            words=c,
            # Word lists (no user regex) as tries on the standard library, which runs them faster here.
            subj_stop=re.compile(_stops(c)),
            subj_right_stop=regex.compile(r"[^\p{Han}]" + (f"|{alternation(right_stops)}" if right_stops else "")),
            distributive=re.compile(_led(trie_alternation(c.distributive_words), c.distributive_words)),
            list_joiner=re.compile(_led(trie_alternation(g.list_joiners), g.list_joiners)),
            # Character classes of punctuation, built here (no user regex): the standard library runs them faster.
            list_mark=re.compile(char_class(marks)),
            list_chars=re.compile(_starts_of([*c.distributive_words, *marks])),
            open_bracket=re.compile(char_class(g.open_brackets)),
            list_splits=(
                regex.compile(alternation_or_never(g.list_joiners)),
                regex.compile(f"{alternation_or_never(marks)}|(?:{alternation_or_never(words)})(?!.*(?:{mark_re}))"),
                regex.compile(mark_re),
            ),
            compare_marker=re.compile(false_friends + _markers(c) if bases else "(?!)"),
            compare=re.compile(
                _led(f"(?P<marker>{base_trie})(?P<base>{trie_alternation(c.comparison_words)})?", c.comparison_bases)
                if bases and c.comparison_words
                else "(?!)"
            ),
            compare_before=re.compile(_led(f"(?:{base_trie})$", c.comparison_bases) if bases else "(?!)"),
            # Matched on the reversed word: one anchored try for the longest linking word at its end.
            strip_suffix=re.compile(_led(trie_alternation(reversed_suffixes), reversed_suffixes)),
            strip_prefix=re.compile(_led(trie_alternation(c.subject_strip_prefix), c.subject_strip_prefix)),
            suffix_ends=frozenset(w[-1] for w in suffixes if w),
            prefix_starts=frozenset(w[0] for w in c.subject_strip_prefix if w),
            qualifiers_after=tuple(rs.qualifiers_after),
            aside=regex.compile(c.subject_aside or "(?!)"),
            condition=regex.compile(c.subject_condition or "(?!)"),
            to_last_clause_mark=regex.compile(f"^.*{char_class(g.clause_marks)}", regex.DOTALL),
            noun_heads=tuple(rs.noun_heads),
            brackets="".join([*g.open_brackets, *g.close_brackets]) + " ",
        )
