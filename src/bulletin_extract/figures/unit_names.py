"""A unit word written after a number names no entity: 100新加坡元 holds no place, 200瑞士法郎 no country."""

from __future__ import annotations

from ..document.model import DocumentModel
from ..records import Entity
from .find import FigurePatterns

_NAMED = frozenset({"LOC", "ORG"})


def outside_unit_words(ents: list[Entity], doc: DocumentModel, pats: FigurePatterns) -> list[Entity]:
    """*ents* without the places and bodies that begin a unit word right after a numeral (a currency name)."""
    folded = doc.folded
    keep = []
    for e in ents:
        if e.type in _NAMED and e.start > 0 and folded[e.start - 1] in pats.numeral_chars:
            m = pats.unit_at.match(folded, e.start)
            if m is not None and m.end() >= e.end:
                continue
        keep.append(e)
    return keep
