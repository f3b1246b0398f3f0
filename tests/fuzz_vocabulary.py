"""Hypothesis strategies for texts made of the library's own vocabulary (issue 14, property tests).

Texts are drawn piece by piece from the pattern and gazetteer data, so the fuzz lands where the rules
act: gazetteer names whole and cut at the end (渭南 of 渭南市), numerals cut at both ends, units, radical
and compatibility forms (characters.yaml), full-width digits, time words, quote and title marks, and
the awkward characters of real files: lone surrogates, NUL, tabs, and \\n, \\r\\n, \\r mixed.
"""

from __future__ import annotations

import functools

from hypothesis import strategies as st

from bulletin_extract import default_engine

_AWKWARD = ["\ud800", "\udfff", "\x00", "\t", "\n", "\r\n", "\r", " ", "\u3000", "\ufeff", "\u200b", "😀"]
_FULL_WIDTH_DIGITS = [chr(0xFF10 + i) for i in range(10)]


@functools.lru_cache(maxsize=1)
def _vocabulary() -> dict[str, list[str]]:
    engine = default_engine()
    rs = engine.rules
    names = sorted({p["pattern"] for p in engine.entities.phrases if p["pattern"]})
    table = rs.numerals
    numerals = [*table.digits, *table.small_units, *table.big_units, table.decimal_point, *"0123456789.%"]
    g = rs.grammar
    marks = [*g.clause_marks, *g.sentence_end, *g.open_brackets, *g.close_brackets, *g.range_joiners, "《", "》"]
    words = [*rs.time_words.relative, *rs.qualifiers_before, *rs.qualifiers_after, *rs.context.bare_number_after]
    return {
        "names": names,
        "units": sorted(rs.units),
        "numerals": sorted(set(numerals)),
        "radicals": sorted(rs.fold_map)[:400],
        "marks": sorted(set(marks)),
        "words": sorted(set(words)),
    }


def _cut(words: list[str]) -> st.SearchStrategy[str]:
    """A word, or the word cut at its end or its start (a name running off the end of the text)."""
    return st.sampled_from(words).flatmap(
        lambda w: st.integers(0, len(w)).flatmap(
            lambda k: st.sampled_from([w, w[:k] or w, w[k:] or w]),
        )
    )


@st.composite
def _numeral(draw: st.DrawFn) -> str:
    chars = _vocabulary()["numerals"]
    return "".join(draw(st.lists(st.sampled_from([*chars, *_FULL_WIDTH_DIGITS]), min_size=1, max_size=8)))


def pieces() -> st.SearchStrategy[str]:
    """One piece of a text."""
    v = _vocabulary()
    return st.one_of(
        _cut(v["names"]),
        _numeral(),
        st.sampled_from(v["units"]),
        st.sampled_from(v["radicals"]),
        st.sampled_from(v["marks"]),
        st.sampled_from(v["words"]),
        st.sampled_from(_AWKWARD),
        st.text(max_size=3),
    )


def _ending() -> st.SearchStrategy[str]:
    """How a text ends: often with a name cut short (渭南 of 渭南市), where a lookup can run past the end."""
    names = _vocabulary()["names"]
    return st.one_of(st.just(""), _cut(names), st.sampled_from(names).map(lambda w: w[:-1]), _numeral())


def texts(max_pieces: int = 24) -> st.SearchStrategy[str]:
    """A text of up to *max_pieces* pieces and an ending."""
    return st.tuples(st.lists(pieces(), max_size=max_pieces), _ending()).map(lambda t: "".join(t[0]) + t[1])
