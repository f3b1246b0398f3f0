"""Qualifier and direction of a figure from the words around it (ANNOTATION.md §3).

The word lists are ``patterns/qualifiers.yaml`` and ``patterns/directions.yaml``;
here is only the policy: a qualifier word must touch the figure, a direction
word must stand just before it in the same clause and not state a level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from .figures import Candidate
    from .ruleset import Ruleset

# Characters that may stand between a direction word and its figure (增长了, 提高约, 分别下降).
_GAP_OK = regex.compile(r"(?:了|约|近|分别|达|逾|超过|超|将近|接近|大约|\s)*")
# Characters that join the items of a list, whose later items share the first item's direction.
_LIST_JOIN = regex.compile(r"\s*(?:和|与|及|、|，|,|以及)\s*")


def compile_patterns(rs: "Ruleset") -> dict[str, regex.Pattern[str]]:
    """Regexes of qualifier words (anchored at the figure's edges) and direction words."""
    d = rs.directions
    words = [*d.up, *d.down]
    return {
        "qual_before": regex.compile(f"(?:{rs.alternation(rs.qualifiers_before)})$" if rs.qualifiers_before else "(?!)"),
        "qual_after": regex.compile(rs.alternation(rs.qualifiers_after) or "(?!)"),
        "direction": regex.compile(rs.alternation(words) or "(?!)"),
    }


def qualifier(c: "Candidate", folded: str, rs: "Ruleset") -> str:
    """exact / approx / over / under for candidate *c*."""
    if c.inside:
        return rs.qualifiers_inside[c.inside]
    m = rs.compiled["qual_after"].match(folded, c.end)
    if m:
        return rs.qualifiers_after[m.group()]
    lo = max(0, c.start - 6)
    m = rs.compiled["qual_before"].search(folded, lo, c.start)
    if m:
        return rs.qualifiers_before[m.group()]
    return "exact"


def direction(c: "Candidate", folded: str, rs: "Ruleset", floor: int) -> str | None:
    """up / down when *c* is the size of a change; None for levels. *floor*: no word before it counts."""
    d = rs.directions
    lo = max(floor, c.start - d.window)
    best = None
    for m in rs.compiled["direction"].finditer(folded, lo, c.start, overlapped=True):
        if best is None or m.end() > best.end() or (m.end() == best.end() and m.start() < best.start()):
            best = m
    if best is None:
        return None
    gap = folded[best.end() : c.start]
    if not _GAP_OK.fullmatch(gap):
        return None
    after = folded[best.end() : best.end() + 2]
    if any(after.startswith(w) for w in d.level_after):
        return None
    if any(folded.endswith(w, 0, best.start()) for w in d.not_after):
        return None
    return "up" if best.group() in d.up else "down"


def is_list_continuation(prev_end: int, start: int, folded: str) -> bool:
    """True when only a list joiner (和, 、) stands between the previous figure and this one."""
    return _LIST_JOIN.fullmatch(folded, prev_end, start) is not None
