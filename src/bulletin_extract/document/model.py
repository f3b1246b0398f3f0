"""The document model every stage reads: the text, its fold, and its lines, blocks, sentences and clauses.

Built once per document by :meth:`DocumentModel.build`; stages take it and
return new values, never edit it.  Every offset is a Python string index into
the text as given: folding is one character for one, so spans found in the
folded text are spans of the original.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Literal

from ..rules.grammar import char_class
from ..rules.ruleset import Ruleset
from .fold import Folding
from .layout import WrapPatterns, soft_breaks

_NEWLINE = re.compile("\n")
_TAB = re.compile("\t")


@dataclass(frozen=True)
class Boundaries:
    """Start offsets of consecutive segments (lines, sentences, clauses) of a text."""

    starts: tuple[int, ...]

    def index(self, offset: int) -> int:
        """Number of the segment holding *offset*."""
        return bisect.bisect_right(self.starts, offset) - 1

    def start_of(self, offset: int) -> int:
        """Start of the segment holding *offset*."""
        return self.starts[bisect.bisect_right(self.starts, offset) - 1]

    def end_of(self, offset: int, length: int) -> int:
        """End of the segment holding *offset*: the position of the mark that closes it (*length* for the last)."""
        i = bisect.bisect_right(self.starts, offset)
        return self.starts[i] - 1 if i < len(self.starts) else length


@dataclass(frozen=True)
class Block:
    """A paragraph of the document (tables and layout breaks come with the document readers)."""

    start: int
    end: int
    kind: Literal["paragraph"] = "paragraph"


@dataclass(frozen=True)
class LayoutPatterns:
    """The regexes that cut a text into sentences and clauses (``patterns/grammar.yaml``)."""

    sentence_end: re.Pattern[str]
    clause_end: re.Pattern[str]
    list_clause_end: re.Pattern[str]
    wraps: WrapPatterns

    @classmethod
    def compile(cls, rs: Ruleset) -> LayoutPatterns:
        g = rs.grammar
        return cls(
            sentence_end=re.compile("(" + char_class(g.sentence_end) + "+)"),  # a group: split keeps the marks
            clause_end=re.compile(char_class(g.clause_marks)),
            # A list of subjects (甲、乙和丙分别为) is one clause although its joiners are clause marks.
            list_clause_end=re.compile(char_class(set(g.clause_marks) - set(g.list_joiners))),
            wraps=WrapPatterns.compile(rs),
        )


def _run_starts(pattern: re.Pattern[str], text: str) -> tuple[int, ...]:
    """0 and the offset after every run that *pattern* (one capturing group) matches, at C speed.

    ``split`` gives text, mark, text, mark ...: the running length after each mark is a start.  A start
    at the very end of the text begins nothing and is left out.
    """
    ends = list(accumulate(map(len, pattern.split(text))))[1::2]
    if ends and ends[-1] >= len(text):
        ends.pop()
    return (0, *ends)


def _without(starts: tuple[int, ...], breaks: frozenset[int]) -> tuple[int, ...]:
    """*starts* without those that follow a soft line break (the segment goes on across the wrap)."""
    if not breaks:
        return starts
    out = list(starts)
    # Few breaks, many starts: delete each by bisection instead of filtering every start.
    for b in sorted(breaks, reverse=True):
        i = bisect.bisect_left(out, b + 1)
        if i < len(out) and out[i] == b + 1:
            del out[i]
    return tuple(out)


def _char_starts(pattern: re.Pattern[str], text: str) -> tuple[int, ...]:
    """0 and the offset after every one-character match of *pattern*, computed at C speed.

    Clause marks are frequent (every comma): splitting and summing the piece lengths avoids one
    Python-level match object per mark.  The mark after piece k stands at len(p0..pk) + k.
    """
    pieces = pattern.split(text)
    return (0, *map(operator.add, accumulate(map(len, pieces)), range(1, len(pieces))))


@dataclass(frozen=True)
class DocumentModel:
    """One document as the stages see it."""

    text: str
    folded: str
    lines: Boundaries
    sentences: Boundaries
    clauses: Boundaries
    tab_lines: frozenset[int]
    soft_breaks: frozenset[int]
    layout: LayoutPatterns

    @classmethod
    def build(cls, text: str, folding: Folding, layout: LayoutPatterns) -> DocumentModel:
        folded = folding(text)
        line_starts = _char_starts(_NEWLINE, folded)
        soft = soft_breaks(folded, line_starts, layout.wraps)
        return cls(
            text=text,
            folded=folded,
            lines=Boundaries(line_starts),
            sentences=Boundaries(_without(_run_starts(layout.sentence_end, folded), soft)),
            clauses=Boundaries(_without(_char_starts(layout.clause_end, folded), soft)),
            tab_lines=frozenset(bisect.bisect_right(line_starts, m.start()) - 1 for m in _TAB.finditer(folded)),
            soft_breaks=soft,
            layout=layout,
        )

    @functools.cached_property
    def blocks(self) -> tuple[Block, ...]:
        """The paragraphs: one per non-empty line (tables and layout-joined paragraphs come with the readers)."""
        starts = self.lines.starts
        ends = [*(x - 1 for x in starts[1:]), len(self.folded)]
        return tuple(Block(s, e) for s, e in zip(starts, ends, strict=True) if self.folded[s:e].strip())

    @functools.cached_property
    def list_clauses(self) -> Boundaries:
        """Clauses that a list joiner (、) does not end: a list of subjects is one clause (only 分别 lists need it)."""
        return Boundaries(_without(_char_starts(self.layout.list_clause_end, self.folded), self.soft_breaks))

    def line_bounds(self, offset: int) -> tuple[int, int]:
        """``[start, end)`` of the line holding *offset* (the end excludes the line break)."""
        return self.lines.start_of(offset), self.lines.end_of(offset, len(self.folded))

    def in_table_line(self, offset: int) -> bool:
        """True when the line holding *offset* has tab-separated cells."""
        return self.lines.index(offset) in self.tab_lines
