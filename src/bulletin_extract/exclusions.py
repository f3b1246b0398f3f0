"""Zones of text that hold no figures (ANNOTATION.md §2): titles, short quotes, codes, idioms.

The zone regexes and phrases come from ``patterns/exclusions.yaml``; this
module only compiles them and tests spans against them.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from .ruleset import Ruleset


def compile_patterns(rs: "Ruleset") -> dict[str, regex.Pattern[str]]:
    """One regex for every zone and phrase, plus the short-quote rule."""
    ex = rs.exclusions
    parts = [f"(?:{z.regex})" for z in ex.zones]
    if ex.phrases:
        parts.append(f"(?:{rs.alternation(ex.phrases)})")
    n = ex.quote_max_chars
    if n:
        parts.append(f"“[^“”\\n]{{1,{n}}}”|\"[^\"\\n]{{1,{n}}}\"|「[^「」\\n]{{1,{n}}}」|‘[^‘’\\n]{{1,{n}}}’")
    return {"zones": regex.compile("|".join(parts) or "(?!)")}


class Zones:
    """The excluded spans of one text, for fast overlap tests."""

    def __init__(self, folded: str, rs: "Ruleset") -> None:
        spans = [m.span() for m in rs.compiled["zones"].finditer(folded, overlapped=False)]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def hits(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps an excluded zone."""
        i = bisect.bisect_left(self._ends, start + 1)
        return i < len(self._starts) and self._starts[i] < end
