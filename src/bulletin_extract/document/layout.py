"""Page layout: which line breaks are the page running out of width (a wrap) rather than the end of a paragraph.

A PDF text layer or a scraped page breaks lines mid-sentence (``增长⏎6.1%``, ``512.30⏎亿元``).  Such a
break does not end the sentence or the clause (ANNOTATION §3.1); the stored text keeps the newline, so
spans that cross it keep it too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..rules.ruleset import Ruleset


@dataclass(frozen=True, eq=False)
class WrapPatterns:
    """What makes a line break hard: the mark that ends the line, a short line, a paragraph start after it."""

    hard_ends: frozenset[str]
    min_chars: int
    paragraph_start: re.Pattern[str]

    @classmethod
    def compile(cls, rs: Ruleset) -> WrapPatterns:
        g = rs.grammar
        return cls(frozenset(g.hard_line_ends), g.wrap_min_chars, re.compile(g.paragraph_start or "(?!)"))


def soft_breaks(folded: str, line_starts: Sequence[int], pats: WrapPatterns) -> frozenset[int]:
    """Offsets of the newlines of *folded* that wrap a line inside a sentence."""
    if not pats.min_chars or len(line_starts) < 2:
        return frozenset()
    out = []
    for i in range(1, len(line_starts)):
        nl = line_starts[i] - 1  # the newline that ends line i-1
        line = folded[line_starts[i - 1] : nl].strip()
        if len(line) < pats.min_chars or line[-1] in pats.hard_ends or "\t" in line:
            continue
        nxt = line_starts[i]
        if nxt >= len(folded) or folded[nxt] == "\n" or pats.paragraph_start.match(folded, nxt):
            continue
        out.append(nl)
    return frozenset(out)
