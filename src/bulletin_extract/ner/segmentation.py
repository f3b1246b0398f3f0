"""Checks that ask jieba: is a candidate a person's name (``person_name``), does a name sit on word boundaries?

jieba is imported on the first check only, and only a short window of text around
the candidate is segmented, so the cost stays small even on long documents.
"""

from __future__ import annotations

import functools
from typing import Any

import regex

from .jieba_loading import load_dictionary, load_posseg

# jieba's part-of-speech tags for person names (nr; nrfg and nrt are its variants).
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
# A one-character token jieba splits off a three-character name (刘家/nrfg + 义/ng) carries one of these.
_TAIL_TAGS = frozenset({"ng", "nr", "nrfg", "nrt", "nz", "ns", "n"})
# Characters of context on each side that jieba sees when tagging a candidate name.
_WINDOW = 4
_HAN = regex.compile(r"\p{Han}")
# Characters of context on each side for the boundary check (jieba's longest words are about this long).
_BOUNDARY_WINDOW = 5
# jieba's tags of idioms (i) and set phrases (l): a name inside one is an ordinary word (长治久安).
_SET_PHRASE_TAGS = frozenset({"i", "l"})
_MIN_CHARS = 2


@functools.lru_cache(maxsize=1)
def _posseg() -> Any:
    return load_posseg(_jieba())


def person_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The longest prefix of ``text[start:end]`` that jieba reads as a person's name, or None.

    The prefix must start on a token boundary with a token tagged as a name, may add
    one-character name-like tokens, and must end on a token boundary.
    """
    lo = max(0, start - _WINDOW)
    window = text[lo : min(len(text), end + _WINDOW)]
    pos = lo
    tokens: list[tuple[int, int, str]] = []
    for pair in _posseg().cut(window):
        tokens.append((pos, pos + len(pair.word), pair.flag))
        pos += len(pair.word)
    first = next((i for i, t in enumerate(tokens) if t[0] == start), None)
    if first is None or tokens[first][2] not in _NAME_TAGS or tokens[first][1] > end:
        return None
    stop = tokens[first][1]
    for s, e, flag in tokens[first + 1 :]:
        if e > end or e - s != 1 or flag not in _TAIL_TAGS:
            break
        stop = e
    return (start, stop) if stop - start >= _MIN_CHARS else None


@functools.lru_cache(maxsize=1)
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(60)  # jieba logs its dictionary loading at INFO; keep the caller's stderr clean
    load_dictionary(jieba)
    return jieba


def _is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """False when jieba's segmentation cuts ``text[start:end]`` out of other words.

    Fails when a dictionary word crosses an edge of the span (长武 in 副部长|武增) or when
    the word containing it is an idiom or set phrase (杂多 in 复杂多变, 长治 in 长治久安);
    passes inside a longer name (上海 and 浦东 in 上海浦东国际机场).
    """
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if not (before and _is_han(before)) and not (after and _is_han(after)):
        return True  # jieba's words are runs of Han characters: nothing can cross a non-Han neighbour
    lo = max(0, start - _BOUNDARY_WINDOW)
    return _no_word_crosses(text[lo : min(len(text), end + _BOUNDARY_WINDOW)], start - lo, end - lo)


@functools.lru_cache(maxsize=4096)
def _no_word_crosses(window: str, start: int, end: int) -> bool:
    tags = _posseg().dt.word_tag_tab
    pos = 0
    for word in _jieba().cut(window, HMM=False):
        w_start, pos = pos, pos + len(word)
        if (w_start < start < pos < end) or (start < w_start < end < pos):
            return False
        if w_start <= start and end <= pos and len(word) > end - start and tags.get(word) in _SET_PHRASE_TAGS:
            return False
        if pos >= end:
            break
    return True


def warm_up() -> None:
    """Load jieba's dictionary and tagger now (about two seconds) rather than inside the first document."""
    _jieba()
    person_span("x", 0, 1)


CHECKS = {"person_name": person_span}
"""The named checks a rule may ask for (``check:`` in a gazetteer rule)."""
