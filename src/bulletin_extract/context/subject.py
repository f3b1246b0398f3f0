"""What a figure measures, as written nearby: the metric word before it, or the noun counted after it."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import NamedTuple

import regex

from ..document.model import DocumentModel
from ..figures.candidate import Candidate
from .patterns import ContextPatterns

_SUBJ_BAD = regex.compile(r"^[\s\p{P}0-9]*$")
# Ideographs of the basic block are neither space, punctuation nor digits: most subjects start with one.
_IDEOGRAPHS = range(0x4E00, 0xA000)


def _bad(word: str) -> bool:
    """*word* (not empty) holds nothing but spaces, punctuation and digits."""
    return ord(word[0]) not in _IDEOGRAPHS and _SUBJ_BAD.match(word) is not None


# A footnote mark a PDF text layer leaves after a word (生产总值[2]) is no part of the subject.
_FOOTNOTE = regex.compile(r"\[[0-9]{1,2}\]")
# How far a subject may reach: before the figure, after it, and the longest subject kept.
_LEFT_CHARS, _RIGHT_CHARS, _MAX_CHARS, _LIST_CHARS = 24, 12, 16, 40
# The marker of 分别 lists that repeat the subjects of the previous list (分别比上年增长…).
REPEAT = "^"


def strip(word: str, pats: ContextPatterns) -> str:
    """*word* without linking words at its ends (同比增长, 截至 ...), repeatedly, the longer end first.

    The longer first: 截至 is a linking word at the start, while its 至 alone would be one at the end.
    """
    while True:
        # A wrapped line leaves its newline, a PDF text layer its spaces, between the subject and its linking words.
        word = word.strip()
        if not word or (word[-1] not in pats.suffix_ends and word[0] not in pats.prefix_starts):
            return word  # most words: no linking word can end or start them
        t = pats.strip_suffix.match(word[::-1])
        h = pats.strip_prefix.match(word)
        tail = t.end() if t else 0
        head = h.end() if h else 0
        if not (tail or head):
            return word
        word = word[:-tail] if tail >= head else word[head:]


def _left(end: int, doc: DocumentModel, pats: ContextPatterns, floor: int, bracketed: bool = True) -> str:
    """The metric words of the clause before *end* (a figure's start), cut at stop words and comparison markers
    (*bracketed*: the sentence may hold an opening bracket)."""
    folded = doc.folded
    lo = max(floor, end - _LEFT_CHARS)
    starts = doc.clauses.starts
    clause = starts[bisect.bisect_right(starts, end) - 1]
    left = folded[clause if clause > lo else lo : end]
    # Most windows hold no opening bracket, and so no note to look for.
    if bracketed and pats.open_bracket.search(folded, lo, end) and (aside := pats.aside.search(folded, lo, end)):
        # 固定资产投资（不含农户，下同）同比增长: the note goes, and with it the clause mark inside it.
        window = folded[lo:end]
        left = window[: aside.start() - lo] + window[aside.end() - lo :]
        if cut := pats.to_last_clause_mark.match(left):
            left = left[cut.end() :]
    if not left:
        return ""  # a third of the figures: nothing between the floor and the figure
    if "[" in left:
        left = _FOOTNOTE.sub("", left)
    # Cut at the last stop word that leaves something before the number.
    for st in reversed(list(pats.subj_stop.finditer(left))):
        if st.lastgroup == "word":
            continue  # 在院治疗: the stop word is part of a word
        rest = left[st.end() :]
        if rest and strip(rest, pats):
            left = rest
            break
    # 增速比一季度加快, 较上月: what stands before the comparison marker is the subject (maybe nothing).
    cm = pats.compare_marker.search(left)
    if cm:
        left = left[: cm.start()]
    left = strip(left, pats)
    cond = pats.condition.search(left)
    return strip(left[: cond.start()], pats) if cond else left


def _right(c: Candidate, doc: DocumentModel, pats: ContextPatterns, after_de: bool) -> str:
    """The head noun after number + classifier (28369家规模以上工业企业) or after 的 (65%的监测对象)."""
    folded = doc.folded
    j = c.end + (len(pats.words.subject_of_marker) if after_de else 0)
    stop = min(len(folded), j + _RIGHT_CHARS, doc.clauses.end_of(j, len(folded)) if j < len(folded) else j)
    right = folded[j:stop]
    cut = pats.subj_right_stop.search(right)
    if cut:
        right = right[: cut.start()]
    right = right.strip()
    if right.startswith(pats.qualifiers_after):
        return ""  # 17.7亿亩以上: what follows is the qualifier, not the counted thing
    return right


def _shorten(left: str, place: str | None) -> str:
    """A subject too long to keep: what follows the place named in it (the figure's region), else its end."""
    if place and (at := left.rfind(place)) >= 0 and left[at + len(place) :]:
        left = left[at + len(place) :]
    return left[-_MAX_CHARS:]


class Bounds(NamedTuple):
    """What limits the search for a figure's subject on its left.

    *floor*: where the search may start (its sentence, the end of the previous figure).  *time*: the span of a
    time between the floor and the figure: the subject is looked for after it, and before it when nothing but
    linking words follows it (收入由2002年7703元增加到…).  *place*: the place named last before the figure; a
    subject too long to keep starts after it rather than mid-word.
    """

    floor: int
    time: tuple[int, int] | None = None
    place: str | None = None
    after_time: int = 0  # where the search starts when the time is skipped: max(floor, end of time)
    bracketed: bool = True  # an opening bracket stands in the sentence (the floor is in it)


def _listed(start: int, doc: DocumentModel, pats: ContextPatterns) -> bool:
    """A list joiner ends at *start* (2019年、2020年: the time is an item of a list of times)."""
    m = pats.list_joiner.search(doc.folded, max(0, start - 2), start)
    while m is not None and m.end() != start:
        m = pats.list_joiner.search(doc.folded, m.start() + 1, start)
    return m is not None


def subject(c: Candidate, doc: DocumentModel, pats: ContextPatterns, bounds: Bounds) -> str | None:
    """The metric word before the number, else the head noun after number + classifier.

    A count of a noun phrase with no classifier (9748万农村人口) measures that phrase: its unit is its subject.
    """
    if c.type == "count" and c.unit and c.unit.endswith(pats.noun_heads):
        return c.unit
    marker = pats.words.subject_of_marker
    after_de = bool(marker) and doc.folded.startswith(marker, c.end)
    counted = c.type in ("count", "quantity", "money")
    right = _right(c, doc, pats, after_de) if counted else ""
    if len(right) >= 2 and not _bad(right):
        return right  # the head noun wins: what stands before the figure does not matter
    left = _left(c.start, doc, pats, bounds.after_time, bounds.bracketed)
    if (
        not left
        and bounds.time is not None
        and bounds.time[0] >= bounds.floor
        and not _listed(bounds.time[0], doc, pats)
    ):
        left = _left(bounds.time[0], doc, pats, bounds.floor, bounds.bracketed)
    if not counted and after_de and not left:
        right = _right(c, doc, pats, after_de)
        if len(right) >= 2 and not _bad(right):
            return right
    left = _without_place(left.strip(pats.brackets), bounds.place)
    if left and not _bad(left):
        return left if len(left) <= _MAX_CHARS else _shorten(left, bounds.place)
    return None


def _without_place(left: str, place: str | None) -> str:
    """A subject that opens with the place named before the figure (辽宁规模以上工业企业): what follows it, as the
    place is the figure's region."""
    return left[len(place) :] if place and left.startswith(place) and left[len(place) :] else left


def clause_before(c: Candidate, doc: DocumentModel, pats: ContextPatterns, bounds: Bounds) -> str | None:
    """The subject the clause before the figure's clause names, when that clause is after *bounds.floor*."""
    end = doc.list_clauses.start_of(c.start) - 1  # the mark that ends the clause before (a 、 list is one clause)
    if end <= bounds.floor:
        return None
    floor = bounds.after_time if bounds.time and bounds.time[1] <= end else bounds.floor
    left = _left(end, doc, pats, floor, bounds.bracketed)
    return left[-_MAX_CHARS:] if left and not _bad(left) else None


def _items(text: str, pats: ContextPatterns, n: int) -> list[str]:
    """The subjects of a list, split so that there are as many as figures when some split gives that many.

    Split at every joiner first; else at the marks (、) and a joining word after the last mark; else at the marks
    only: 蔬菜及食用菌、中草药材、水果 are three subjects for three figures, the 及 joining inside the first.
    """
    first: list[str] = []
    for way in pats.list_splits:
        items = [strip(w, pats) for w in way.split(text) if w.strip()]
        if len(items) == n:
            return items
        first = first or items
    return first


def distributed(
    c: Candidate, doc: DocumentModel, pats: ContextPatterns, floor: int, run: Callable[[], int]
) -> list[str]:
    """The subjects that a list before the figures hands out to them in order ([] if none).

    甲和乙分别为A、B: a 分别 list; 甲、乙增长A、B: a list of as many subjects as figures, joined by marks.
    *run* counts the figures of the list that starts at *c*.
    """
    if not pats.words.distributive_words:
        return []
    folded = doc.folded
    lo = max(floor, c.start - _LIST_CHARS)
    if pats.list_chars.search(folded, lo, c.start) is None:
        return []  # most figures: neither a distributive word nor a list mark before them
    m = pats.distributive.search(folded, lo, c.start)
    if m is None:
        return _marked_list(c, doc, pats, lo, run)
    left = folded[max(lo, doc.list_clauses.start_of(c.start)) : c.start]
    m = pats.distributive.search(left)
    if m is None:
        return []
    if not strip(left[: m.start()], pats):
        return [REPEAT]  # 分别比上年增长…: a 分别 with no subjects of its own repeats the last list's
    items = _items(left[: m.start()], pats, run())
    return items if len(items) > 1 and all(items) else []


def _marked_list(c: Candidate, doc: DocumentModel, pats: ContextPatterns, lo: int, run: Callable[[], int]) -> list[str]:
    """甲、乙增长A、B without 分别: the subjects only when a list mark joins exactly as many as there are figures."""
    folded = doc.folded
    if pats.list_mark.search(folded, lo, c.start) is None:
        return []  # most figures: no list mark before them, and no need to count
    n = run()
    if n < 2:
        return []
    left = folded[max(lo, doc.list_clauses.start_of(c.start)) : c.start]
    items = _items(left, pats, n)
    return items if len(items) == n and all(items) else []
