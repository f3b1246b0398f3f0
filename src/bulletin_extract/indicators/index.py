"""Every word of the indicator families in a document, found once and looked up by bisection.

A figure's words lie in its sentence (and the clause its sentence starts in), so the families whose words
hold no sentence mark are looked for in the sentences that hold figures only: scanning from a sentence start
finds the same words as scanning the whole text, since no word runs across the mark before it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence

from ..document.model import DocumentModel
from ..records import Scope
from .catalogue import IndicatorPatterns

Match = tuple[int, int, str]


# The pattern of each word family, by the name the stage asks for it with.
_PATTERNS = {
    "names": "names",
    "flows": "flows",
    "scopes": "scopes",
    "measures": "measure_words",
    "distributive": "distributive",
    "parts": "parts",
    "statements": "statements",
    "successions": "successions",
}


def find(pats: IndicatorPatterns, kind: str, text: str, lo: int, hi: int) -> list[Match]:
    if hi <= lo:
        return []
    pattern: re.Pattern[str] = getattr(pats, _PATTERNS[kind])
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text, lo, hi)]


class Index:
    """Every name, flow, scope and measure word of a document, found in one pass each and looked up by
    bisection, so the figures of a long sentence do not each rescan it.

    The words of one family come from one regex pass, so they do not overlap: sorted by start, they are
    sorted by end too, and the words lying wholly inside a span are a run of them, found by two bisections.
    """

    def __init__(self, text: str, pats: IndicatorPatterns) -> None:
        self.text, self.pats = text, pats
        self.regions: Sequence[tuple[int, int]] | None = None  # see narrow()
        self._joined: tuple[str, list[int], list[int]] | None = None
        self.found: dict[str, list[Match]] = {}
        self._starts: dict[str, list[int]] = {}
        self._ends: dict[str, list[int]] = {}
        self._kinds: dict[str, tuple[list[Match], list[int], list[int]]] = {}  # found, starts and ends by kind
        self.brackets = [m.start() for m in pats.brackets.finditer(text)]
        self._by_value: dict[str, dict[str, tuple[list[int], list[int]]]] = {}

    def narrow(self, regions: Sequence[tuple[int, int]] | None) -> None:
        """Look for the families whose words hold no sentence mark in *regions* only (spans of whole sentences,
        sorted and apart; None: everywhere); before the first look-up."""
        assert not self.found, "narrowed after a look-up"
        self.regions = regions

    def _by(self, kind: str, value_of: Mapping[str, str]) -> dict[str, tuple[list[int], list[int]]]:
        """The starts and ends of the words of *kind*, by the value *value_of* gives each word."""
        by = self._by_value.get(kind)
        if by is None:
            self.starts(kind)
            by = self._by_value[kind] = {}
            for start, end, word in self.found[kind]:
                starts, ends = by.setdefault(value_of[word], ([], []))
                starts.append(start)
                ends.append(end)
        return by

    def scopes_in(self, lo: int, hi: int) -> set[Scope]:
        """The scopes named by the scope words lying wholly inside [lo, hi), without listing the words: a
        paragraph may be a whole one-line document, and every figure asks about its paragraph."""
        if hi <= lo:
            return set()
        out: set[Scope] = set()
        for scope, (starts, ends) in self._by("scopes", self.pats.scope_of).items():
            i = bisect.bisect_left(starts, lo)
            if i < len(starts) and ends[i] <= hi:
                out.add(scope)  # type: ignore[arg-type]
        return out

    def names_value(self, kind: str, value_of: Mapping[str, str], value: str, lo: int, hi: int) -> bool:
        """Some word of *kind* lying wholly inside [lo, hi) has *value* (a measure word of a target)."""
        found = self._by(kind, value_of).get(value)
        if found is None or hi <= lo:
            return False
        starts, ends = found
        i = bisect.bisect_left(starts, lo)
        return i < len(starts) and ends[i] <= hi

    def starts(self, kind: str) -> list[int]:
        """The sorted starts of the words of *kind*; each kind is scanned for once, when first asked for
        (a document whose figures are all left without an indicator never needs the statement marks)."""
        starts = self._starts.get(kind)
        if starts is None:
            if self.regions is None or kind not in self.pats.bound:
                found = find(self.pats, kind, self.text, 0, len(self.text))
            else:
                found = self._scan_regions(kind)
            self.found[kind] = found
            starts = self._starts[kind] = [m[0] for m in found]
            self._ends[kind] = [m[1] for m in found]
        return starts

    def _scan_regions(self, kind: str) -> list[Match]:
        """The words of *kind* in the regions, found in one pass over the regions joined (a word crosses no
        sentence mark, so none crosses from one region into the next), at their offsets in the text."""
        if self._joined is None:
            assert self.regions is not None
            text, ends, shifts, at = self.text, [], [], 0
            for lo, hi in self.regions:
                shifts.append(lo - at)
                at += hi - lo
                ends.append(at)
            self._joined = ("".join([text[lo:hi] for lo, hi in self.regions]), ends, shifts)
        joined, ends, shifts = self._joined
        pattern: re.Pattern[str] = getattr(self.pats, _PATTERNS[kind])
        found: list[Match] = []
        r = 0
        for m in pattern.finditer(joined):
            start, end = m.span()
            while start >= ends[r]:
                r += 1
            found.append((start + shifts[r], end + shifts[r], m.group()))
        return found

    def across(self, kind: str, lo: int, hi: int, doc: DocumentModel) -> Match | None:
        """:meth:`last` for a span that may leave the regions: its sentences scanned on their own."""
        sentences = doc.sentences
        a = sentences.start_of(lo)
        b = sentences.end_of(hi - 1, len(self.text)) + 1 if hi > lo else a
        found = [m for m in find(self.pats, kind, self.text, a, b) if m[0] >= lo and m[1] <= hi]
        return found[-1] if found else None

    def _lists(self, kind: str) -> tuple[list[Match], list[int], list[int]]:
        lists = self._kinds.get(kind)
        if lists is None:
            starts = self.starts(kind)
            lists = self._kinds[kind] = (self.found[kind], starts, self._ends[kind])
        return lists

    def find(self, kind: str, lo: int, hi: int) -> list[Match]:
        """The matches lying wholly inside [lo, hi)."""
        if hi <= lo:
            return []
        found, starts, ends = self._lists(kind)
        i, j = bisect.bisect_left(starts, lo), bisect.bisect_right(ends, hi)
        return found[i:j] if j > i else []

    def last(self, kind: str, lo: int, hi: int) -> Match | None:
        """The last of the matches lying wholly inside [lo, hi), or None."""
        if hi <= lo:
            return None
        lists = self._kinds.get(kind) or self._lists(kind)
        j = bisect.bisect_right(lists[2], hi)
        return lists[0][j - 1] if j and lists[1][j - 1] >= lo else None


def sentence_regions(
    sentences: Iterable[int], doc: DocumentModel, marks: frozenset[str]
) -> list[tuple[int, int]] | None:
    """The spans of whole sentences that hold the words of the figures of *sentences* (their numbers), sorted
    and apart; None when a sentence boundary follows no sentence mark of *marks* (a document built with other
    marks: scan it all)."""
    starts, clauses, folded = doc.sentences.starts, doc.clauses, doc.folded
    spans: list[tuple[int, int]] = []
    for k in sentences:
        if not 0 <= k < len(starts):
            return None
        s0, following = starts[k], starts[k + 1] if k + 1 < len(starts) else len(folded)
        # A figure's words may start in the clause its sentence starts in (a mark that ends the sentence
        # before may end no clause).
        spans.append((starts[bisect.bisect_right(starts, clauses.start_of(s0)) - 1], following))
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    for lo, hi in merged:
        if (lo and folded[lo - 1] not in marks) or (hi < len(folded) and folded[hi - 1] not in marks):
            return None
    return merged
