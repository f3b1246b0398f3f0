"""Clause starts and bracketed asides: where a figure's words may begin, and which figure an aside qualifies.

A bracketed aside right after a figure states parts or outcomes of it (昆明市53例（治愈出院53例）, 915例
（境外输入724例）): a figure inside the aside joins the figure before the bracket, and the next figure after
the bracket continues that figure, not the aside's.  *brackets* are the sorted offsets of every bracket of
the document, found once, so no figure rescans the text around it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from ..document.model import DocumentModel
from .catalogue import IndicatorPatterns

_ASIDE_CHARS = 20  # how far back a clause mark may be inside a bracketed aside (（不含农户，下同）)
_ASIDE_SPAN = 40  # how long a bracketed aside holding figures may be


def last_before(starts: Sequence[int], lo: int, hi: int) -> int | None:
    """The last of the sorted offsets *starts* in [lo, hi), by bisection (brackets, marker words)."""
    i = bisect.bisect_left(starts, hi) - 1
    return starts[i] if i >= 0 and starts[i] >= lo else None


def clause_start(clause: int, s0: int, doc: DocumentModel, pats: IndicatorPatterns, brackets: Sequence[int]) -> int:
    """The start of the clause that starts at *clause* (in the sentence that starts at *s0*), a clause mark
    inside a bracketed aside not counting: 固定资产投资（不含农户，下同）比上年下降7.5% names its indicator
    before the bracket."""
    b = last_before(brackets, max(s0, clause - _ASIDE_CHARS), clause)
    return doc.clauses.start_of(b) if b is not None and doc.folded[b] in pats.open_brackets else clause


def aside_open(pos: int, s0: int, doc: DocumentModel, pats: IndicatorPatterns, brackets: Sequence[int]) -> int | None:
    """The open bracket of the aside *pos* stands in (*s0* the start of its sentence), or None when it stands in
    none."""
    b = last_before(brackets, max(s0, pos - _ASIDE_SPAN), pos)
    return b if b is not None and doc.folded[b] in pats.open_brackets else None


def past_aside(pos: int, doc: DocumentModel, pats: IndicatorPatterns, brackets: Sequence[int]) -> int:
    """*pos*, or the end of the bracketed aside that opens at *pos* (the bracket closed within the sentence)."""
    folded = doc.folded
    if pos >= len(folded) or folded[pos] not in pats.open_brackets:
        return pos
    i = bisect.bisect_right(brackets, pos)
    hi = min(doc.sentences.end_of(pos, len(folded)), pos + _ASIDE_SPAN)
    if i < len(brackets) and brackets[i] < hi and folded[brackets[i]] in pats.close_brackets:
        return brackets[i] + 1
    return pos
