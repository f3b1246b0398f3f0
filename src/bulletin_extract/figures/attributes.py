"""Qualifier and direction of each figure from the words around it (ANNOTATION.md §3).

The word lists are ``patterns/qualifiers.yaml`` and ``patterns/directions.yaml``;
here is only the policy: a qualifier word must touch the figure and not be part
of a longer word (节约, 最近); a direction word must stand just before the
figure in the same clause and not state a level; the later items of a list
(分别增长5.1%和6.2%) share the direction of the first.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..document.model import DocumentModel
from ..records import Direction, Qualifier
from ..rules.grammar import alternation, alternation_or_never
from ..rules.ruleset import Ruleset
from ..rules.schema import DirectionsFile
from .candidate import Candidate

_POINTS_RULE = "pp.points"


@dataclass(frozen=True, eq=False)
class AttributePatterns:
    """Qualifier and direction words of a ruleset, compiled."""

    qual_before: regex.Pattern[str]
    qual_after: regex.Pattern[str]
    not_qualifiers: regex.Pattern[str]
    longest_not_qualifier: int
    before: dict[str, Qualifier]
    after: dict[str, Qualifier]
    inside: dict[str, Qualifier]
    direction: regex.Pattern[str]
    gap: regex.Pattern[str]
    list_join: regex.Pattern[str]
    directions: DirectionsFile
    points: tuple[str, ...]  # words of a change in percentage points after a percent (提高17.1点)

    @classmethod
    def compile(cls, rs: Ruleset) -> AttributePatterns:
        d = rs.directions
        g = rs.grammar
        qb = rs.qualifiers_before
        joins = alternation([*g.list_joiners, *g.item_separators])
        spaces = f"[{regex.escape(''.join(g.spaces))}]" if g.spaces else "(?!)"
        return cls(
            qual_before=regex.compile(f"(?:{alternation(qb)})$" if qb else "(?!)"),
            # 5亿元 左右: a space (&nbsp; in a web page) may stand before the qualifier word.
            qual_after=regex.compile(f"(?:{spaces})?(?P<word>{alternation_or_never(rs.qualifiers_after)})"),
            not_qualifiers=regex.compile(alternation_or_never(rs.not_qualifiers)),
            longest_not_qualifier=max(map(len, rs.not_qualifiers), default=0),
            before=qb,
            after=rs.qualifiers_after,
            inside=rs.qualifiers_inside,
            direction=regex.compile(alternation_or_never([*d.up, *d.down])),
            gap=regex.compile(f"(?:{alternation(d.gap_words)}|\\s)*" if d.gap_words else "\\s*"),
            list_join=regex.compile(f"\\s*(?:{joins})\\s*" if joins else "(?!)"),
            directions=d,
            points=tuple(d.point_words),
        )


def with_attributes(cands: list[Candidate], doc: DocumentModel, pats: AttributePatterns) -> list[Candidate]:
    """*cands* with their qualifier and direction set (new candidates, in order)."""
    out: list[Candidate] = []
    folded = doc.folded
    for c in cands:
        prev = out[-1] if out else None
        # A table cell's direction is its column header's (比上年增长), not that of the words in its row.
        d = c.direction if c.cell is not None else direction(c, folded, pats, prev.end if prev is not None else 0)
        if d is None and prev is not None and prev.direction and is_list_continuation(prev.end, c.start, folded, pats):
            d = prev.direction  # 分别增长5.1%和6.2%
        q = qualifier(c, folded, pats)
        # Most figures are exact levels: a new candidate only when something changed (even a tuple costs).
        c = c if q == c.qualifier and d == c.direction else c._replace(qualifier=q, direction=d)
        out.append(_in_points(c, prev, doc, pats) if d is not None and c.type == "number" else c)
    return out


def _in_points(c: Candidate, prev: Candidate | None, doc: DocumentModel, pats: AttributePatterns) -> Candidate:
    """A change written in points right after a percent of its sentence (117.1%，提高17.1点) is a pp."""
    folded = doc.folded
    if prev is None or prev.type != "percent" or not folded.endswith(pats.points, c.start, c.end):
        return c
    if doc.sentences.start_of(prev.start) != doc.sentences.start_of(c.start):
        return c
    return c._replace(type="pp", unit="pp", rule=_POINTS_RULE)


def _inside_word(m: regex.Match[str], folded: str, pats: AttributePatterns) -> bool:
    """True when the qualifier word *m* is part of a longer word that qualifies nothing (节约, 最近, 多样)."""
    n = pats.longest_not_qualifier
    if not n:
        return False
    s, e = m.span()
    return any(w.start() < e and s < w.end() for w in pats.not_qualifiers.finditer(folded, max(0, s - n), e + n))


def qualifier(c: Candidate, folded: str, pats: AttributePatterns) -> Qualifier:
    """exact / approx / over / under for candidate *c*."""
    if c.inside:
        return pats.inside[c.inside]
    m = pats.qual_after.match(folded, c.end)
    if m and not _inside_word(m, folded, pats):
        return pats.after[m.group("word")]
    m = pats.qual_before.search(folded, max(0, c.start - 6), c.start)
    if m and not _inside_word(m, folded, pats):
        return pats.before[m.group()]
    return "exact"


def direction(c: Candidate, folded: str, pats: AttributePatterns, floor: int) -> Direction | None:
    """up / down when *c* is the size of a change; None for levels. *floor*: no word before it counts."""
    d = pats.directions
    lo = max(floor, c.start - d.window)
    best = None
    for m in pats.direction.finditer(folded, lo, c.start, overlapped=True):
        if best is None or m.end() > best.end() or (m.end() == best.end() and m.start() < best.start()):
            best = m
    if best is None:
        return None
    if not pats.gap.fullmatch(folded, best.end(), c.start):
        return None
    after = folded[best.end() : best.end() + 2]
    if any(after.startswith(w) for w in d.level_after):
        return None
    if any(folded.endswith(w, 0, best.start()) for w in d.not_after):
        return None
    return "up" if best.group() in d.up else "down"


def is_list_continuation(prev_end: int, start: int, folded: str, pats: AttributePatterns) -> bool:
    """True when only a list joiner (和, 、, a comma) stands between the previous figure and this one."""
    return pats.list_join.fullmatch(folded, prev_end, start) is not None
