"""Checks that ask jieba: is a candidate a person's name (``person_name``), does a name sit on word boundaries?

jieba is imported on the first check only, and only a short window of text around
the candidate is segmented, so the cost stays small even on long documents.
"""

from __future__ import annotations

import functools
from typing import Any

import regex

from .jieba_loading import import_jieba, load_dictionary, load_posseg

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


def person_span(text: str, start: int, end: int, words: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The longest prefix of ``text[start:end]`` that jieba reads as a person's name, or None.

    The prefix must start on a token boundary with a token tagged as a name, may add
    one-character name-like tokens, and must end on a token boundary.
    """
    lo = max(0, start - _WINDOW)
    stop = _person(text[lo : min(len(text), end + _WINDOW)], start - lo, end - lo)
    return None if stop is None else (start, lo + stop)


@functools.lru_cache(maxsize=8192)
def _person(window: str, start: int, end: int) -> int | None:
    # Cached by window: a bulletin names the same people in the same words (王某某表示) many times.
    pos = 0
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
    return stop if stop - start >= _MIN_CHARS else None


@functools.lru_cache(maxsize=1)
def _jieba() -> Any:
    jieba = import_jieba()
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


# jieba's tags of words that open a clause but never a name: verbs, adverbs, numerals, pronouns, prepositions,
# conjunctions, time and place words, adjectives (推进|吉能集团, 新增|三级医院, 一家|电器公司).
_LEAD_TAGS = frozenset({"v", "vd", "vn", "ad", "d", "m", "mq", "q", "r", "p", "c", "t", "f", "s", "a", "u", "z", "b"})
# Place names are cut without jieba's HMM (unknown words come out as lone characters): with it the check cost more
# than all other entity rules together; company names keep it (fewer calls, and without it verbs hide in them).
# A name is distinctive when one of its words is rare in jieba's dictionary (包钢 29, 华晨 15) or absent from it
# (协鑫); words at least this frequent are ordinary vocabulary (交通 10908, 能源 2232, 平台 3601), and a name made
# only of them says what kind of body it is (交通集团, 能源集团), not which.  Measured on the corpus: 800 keeps
# 之江 (761) and 太行 (353) and drops 森工 (551) only with the kind words.
_ORDINARY_FREQ = 800
# jieba's tags of names: a one-word river or village tagged so is a name (汾河/ns, 柳林镇/nr, 青龙山/ns).
_PLACE_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz"})
_ONE_WORD_PLACE_MAX = 3
_NAME_MIN = 2


def _is_lead(word: str, tag: str) -> bool:
    # Cut without the HMM, lone characters are pieces of words jieba does not know (淞|南): their tags say nothing.
    return len(word) > 1 and tag in _LEAD_TAGS


def distinctive_name(text: str, start: int, end: int, words: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """``text[start:end]``, the name before a company or institution head (华晨|集团), trimmed of the words that
    open its clause, or None when the rest is not a distinctive name: when every word of the trimmed name is
    ordinary vocabulary (交通|集团) or one of *words*, which say what kind of body it is (深化|公立|医院).
    """
    trim = _distinctive(text[start:end], words)
    return None if trim is None else (start + trim, end)


@functools.lru_cache(maxsize=8192)
def _distinctive(name: str, words: frozenset[str]) -> int | None:
    # Cached by string: bulletins repeat their names (and their false friends) many times.
    tokens: list[tuple[int, int, str]] = []
    pos = 0
    # The name alone: with its head jieba often makes one word of both (南开大学/nt), hiding the name's own words.
    for pair in _posseg().cut(name):
        tokens.append((pos, pos + len(pair.word), pair.flag))
        pos += len(pair.word)
    first = 0
    while first < len(tokens) and tokens[first][2] in _LEAD_TAGS:
        first += 1
    rest = tokens[first:]
    if not rest or len(name) - rest[0][0] < _NAME_MIN:
        return None
    freq = _jieba().dt.FREQ
    # Lone characters are jieba's way of not knowing a word (忠|旺): a name of them alone is distinctive, and
    # beside known words (农村|中 of 农村中小学) they add nothing.
    words_of_name = [name[s:e] for s, e, _ in rest if e - s > 1 or name[s:e] in words]
    if words_of_name and all(w in words or (freq.get(w) or 0) >= _ORDINARY_FREQ for w in words_of_name):
        return None
    return rest[0][0]


def _crosses_end(segment: str, end: int) -> bool:
    """Does a word of jieba's cut the end of ``segment[:end]`` off (美|乡村, 青龙|山庄, 布尔津|喀纳斯湖)?"""
    pos = 0
    for word in _jieba().cut(segment, HMM=False):
        pos += len(word)
        if pos >= end:
            return pos > end
    return False


def place_name(text: str, start: int, end: int, words: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """``text[start:end]``, a name before a one-character geographic head (汾|河, 樟木|镇, 小岗|村), or None.

    The span returned ends before the head (the rule's head group adds it).

    When jieba knows the name as one word it must tag it as a name and hold it as rare (汾河/ns 93, 小岗村/nr 21;
    not 江山/ns 1224, 内河/ns 1265, 运河/n); when it cuts the head off, the part before it must be distinctive
    as for :func:`distinctive_name` (桤木|河; not 运|河, with 运 in *words*).  Words before the name are trimmed.
    """
    if end >= len(text):
        return None
    trim = _place(text[start : min(len(text), end + 1 + _BOUNDARY_WINDOW)], end - start, words)
    return None if trim is None else (start + trim, end)


@functools.lru_cache(maxsize=8192)
def _place(segment: str, name_len: int, words: frozenset[str]) -> int | None:
    end = name_len + 1  # the name and its one-character head
    if segment[:name_len] in words or _crosses_end(segment, end):  # a kind word needs no jieba (两|山, 行政|村)
        return None
    pairs = list(_posseg().cut(segment[:end], HMM=False))
    start = 0
    while len(pairs) > 1 and _is_lead(pairs[0].word, pairs[0].flag):
        start += len(pairs.pop(0).word)
    last = pairs[-1].word
    if len(last) > 1:
        if len(pairs) > 1:
            return None  # a word before the last is no lead word: the name would be cut in two
        # Longer one-word "names" are set phrases jieba mistags (绿水青山/nr).
        tag, rare = pairs[-1].flag, (_jieba().dt.FREQ.get(last) or 0) < _ORDINARY_FREQ
        if len(last) > _ONE_WORD_PLACE_MAX or tag not in _PLACE_TAGS or not rare or last[:-1] in words:
            return None
        return end - len(last)
    trim = _distinctive(segment[start:name_len], words)
    return None if trim is None else start + trim


def warm_up() -> None:
    """Load jieba's dictionary and tagger now (about two seconds) rather than inside the first document."""
    _jieba()
    person_span("x", 0, 1)


CHECKS = {"person_name": person_span, "distinctive_name": distinctive_name, "place_name": place_name}
"""The named checks a rule may ask for (``check:`` in a gazetteer rule)."""
