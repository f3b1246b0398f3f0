"""Page layout: which line breaks are the page running out of width (a wrap) rather than the end of a paragraph.

A PDF text layer or a scraped page breaks lines mid-sentence (``增长⏎6.1%``, ``512.30⏎亿元``).  Such a
break does not end the sentence or the clause (ANNOTATION §3.1); the stored text keeps the newline, so
spans that cross it keep it too.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..rules.ruleset import Ruleset

# A line counts as full when it reaches this share of the text's typical long line (the length at this rank).
_FULL_SHARE, _TYPICAL_RANK = 0.85, 0.75
PAGE_BREAK = "\n\f\n"
"""What separates two pages of a document (the PDF reader writes it): a form feed on a line of its own."""


@dataclass(frozen=True, eq=False)
class WrapPatterns:
    """What makes a line break hard: the mark that ends the line, a short line, a paragraph start after it."""

    hard_ends: frozenset[str]
    open_ends: frozenset[str]
    min_chars: int
    paragraph_start: re.Pattern[str]

    @classmethod
    def compile(cls, rs: Ruleset) -> WrapPatterns:
        g = rs.grammar
        return cls(
            frozenset(g.hard_line_ends),
            frozenset(g.open_line_ends),
            g.wrap_min_chars,
            re.compile(g.paragraph_start or "(?!)"),
        )


def _on_number(folded: str, line_starts: Sequence[int], k: int, open_ends: frozenset[str]) -> bool:
    """Line *k* is running text (a comma in it, unlike a table cell or a heading) that stops on a number."""
    return folded[line_starts[k + 1] - 2].isdigit() and any(
        ch in open_ends for ch in folded[line_starts[k] : line_starts[k + 1]]
    )


def soft_breaks(folded: str, line_starts: Sequence[int], pats: WrapPatterns) -> frozenset[int]:
    """Offsets of the newlines of *folded* that wrap a line inside a sentence.

    A wrapped line is as full as the page is wide: at least *min_chars* and nearly as long as the text's
    typical long line (so the short heading of a text whose paragraphs are single long lines never wraps).
    A line that ends mid-clause (on a comma: 一季度，) wraps whatever its length, and so does a line of running
    text of at least *min_chars* that stops on a number: a PDF text layer of paragraphs joined into long lines
    has no typical width to go by.
    A line that opens a paragraph itself (一、, a title) is a heading, never wrapped text.
    """
    if not pats.min_chars or len(line_starts) < 2:
        return frozenset()
    # Line lengths at C speed: most lines are not candidates, and a text can have hundreds of thousands.
    lengths = list(map(operator.sub, line_starts[1:], line_starts[:-1]))
    long = sorted(n - 1 for n in lengths if n > pats.min_chars)
    # With no long line, only a line cut on a comma can wrap.
    full = max(pats.min_chars, int(_FULL_SHARE * long[int(len(long) * _TYPICAL_RANK)])) if long else len(folded) + 1
    out = []
    open_ends = pats.open_ends
    for i in (  # never the title line
        k
        for k, n in enumerate(lengths)
        if k > 0
        and (
            folded[line_starts[k + 1] - 2] in open_ends
            or (n > pats.min_chars and (n - 1 >= full or _on_number(folded, line_starts, k, open_ends)))
        )
    ):
        s, nl = line_starts[i], line_starts[i + 1] - 1
        line = folded[s:nl].strip()
        if not line or line[-1] in pats.hard_ends or "\t" in line or pats.paragraph_start.match(folded, s):
            continue
        nxt = nl + 1
        if nxt >= len(folded) or folded[nxt] == "\n" or pats.paragraph_start.match(folded, nxt):
            continue
        out.append(nl)
    return frozenset([*out, *_page_wraps(folded, pats)])


def _page_wraps(folded: str, pats: WrapPatterns) -> list[int]:
    """Both newlines of each page break inside a sentence (授予发明专利权76⏎\f⏎件): the page ran out, not the
    paragraph, when the line before it ends open and the line after it opens no paragraph."""
    out: list[int] = []
    at = folded.find(PAGE_BREAK)
    while at >= 0:
        line = folded[folded.rfind("\n", 0, at) + 1 : at].strip()
        after = at + len(PAGE_BREAK)
        opens = after >= len(folded) or folded[after] in "\n\f" or pats.paragraph_start.match(folded, after)
        if line and line[-1] not in pats.hard_ends and "\t" not in line and not opens:
            out += [at, at + len(PAGE_BREAK) - 1]
        at = folded.find(PAGE_BREAK, after)
    return out
