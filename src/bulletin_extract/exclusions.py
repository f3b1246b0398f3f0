"""Zones of text that hold no figures (ANNOTATION.md §2): titles, short quotes, codes, idioms.

The zone regexes and phrases come from ``patterns/exclusions.yaml``; this
module only compiles them and tests spans against them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from .ruleset import Ruleset


def compile_patterns(rs: "Ruleset") -> dict[str, regex.Pattern[str]]:
    """One regex per zone (separate passes are faster than one alternation), plus phrases and short quotes."""
    ex = rs.exclusions
    out = {f"zone:{z.id}": regex.compile(z.regex) for z in ex.zones}
    if ex.phrases:
        first = regex.escape("".join(sorted({p[0] for p in ex.phrases})))
        out["zone:phrases"] = regex.compile(f"(?=[{first}])(?:{rs.alternation(ex.phrases)})")
    n = ex.quote_max_chars
    if n:
        out["zone:quotes"] = regex.compile(f"“[^“”\\n]{{1,{n}}}”|\"[^\"\\n]{{1,{n}}}\"|「[^「」\\n]{{1,{n}}}」|‘[^‘’\\n]{{1,{n}}}’")
    return out


class Zones:
    """The excluded spans of one text, for fast overlap tests."""

    def __init__(self, folded: str, rs: "Ruleset") -> None:
        mask = bytearray(len(folded))
        for name, pat in rs.compiled.items():
            if name.startswith("zone:"):
                for m in pat.finditer(folded):
                    mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        self._mask = mask

    def hits(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps an excluded zone."""
        return self._mask.find(1, start, end) >= 0

    def mask_copy(self) -> bytearray:
        """A copy of the zone mask (1 = excluded character), for callers that add spans of their own."""
        return bytearray(self._mask)
