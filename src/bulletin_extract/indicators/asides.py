"""Clause starts and bracketed asides: where a figure's words may begin, and which figure an aside qualifies.

A bracketed aside right after a figure states parts or outcomes of it (昆明市53例（治愈出院53例）, 915例
（境外输入724例）): a figure inside the aside joins the figure before the bracket, and the next figure after
the bracket continues that figure, not the aside's.
"""

from __future__ import annotations

from ..document.model import DocumentModel
from .catalogue import IndicatorPatterns

_ASIDE_CHARS = 20  # how far back a clause mark may be inside a bracketed aside (（不含农户，下同）)
_ASIDE_SPAN = 40  # how long a bracketed aside holding figures may be


def clause_start(pos: int, doc: DocumentModel, pats: IndicatorPatterns) -> int:
    """The start of *pos*'s clause, a clause mark inside a bracketed aside not counting:
    固定资产投资（不含农户，下同）比上年下降7.5% names its indicator before the bracket."""
    start = doc.clauses.start_of(pos)
    folded = doc.folded
    lo = max(doc.sentences.start_of(pos), start - _ASIDE_CHARS)
    for i in range(start - 1, lo - 1, -1):
        if folded[i] in pats.close_brackets:
            return start
        if folded[i] in pats.open_brackets:
            return doc.clauses.start_of(i)
    return start


def aside_open(pos: int, doc: DocumentModel, pats: IndicatorPatterns) -> int | None:
    """The open bracket of the aside *pos* stands in, or None when it stands in none."""
    folded = doc.folded
    for i in range(pos - 1, max(doc.sentences.start_of(pos), pos - _ASIDE_SPAN) - 1, -1):
        if folded[i] in pats.close_brackets:
            return None
        if folded[i] in pats.open_brackets:
            return i
    return None


def past_aside(pos: int, doc: DocumentModel, pats: IndicatorPatterns) -> int:
    """*pos*, or the end of the bracketed aside that opens at *pos* (the bracket closed within the sentence)."""
    folded = doc.folded
    if pos >= len(folded) or folded[pos] not in pats.open_brackets:
        return pos
    hi = min(doc.sentences.end_of(pos, len(folded)), pos + _ASIDE_SPAN)
    for i in range(pos + 1, hi):
        if folded[i] in pats.close_brackets:
            return i + 1
        if folded[i] in pats.open_brackets:
            return pos
    return pos
