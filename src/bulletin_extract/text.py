"""Length-preserving text views and sentence boundaries.

Every stage works on the *folded* text (full-width digits made ASCII, one
character for one) so regexes stay simple, and reports offsets that are valid
in the original text because folding never changes the length.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

# A sentence ends at 。！？ or a line break (ANNOTATION.md §3, as_of rule).
_SENT_END = regex.compile(r"[。！？!?\n]+")


@dataclass(frozen=True)
class Sentences:
    """Sentence start offsets of a text, for finding the sentence that holds an offset."""

    starts: tuple[int, ...]
    length: int

    @classmethod
    def of(cls, text: str) -> "Sentences":
        starts = [0]
        for m in _SENT_END.finditer(text):
            starts.append(m.end())
        if starts[-1] >= len(text) and len(starts) > 1:
            starts.pop()
        return cls(tuple(starts), len(text))

    def index(self, offset: int) -> int:
        """Number of the sentence holding *offset*."""
        return bisect.bisect_right(self.starts, offset) - 1

    def bounds(self, offset: int) -> tuple[int, int]:
        """``[start, end)`` of the sentence holding *offset*."""
        i = self.index(offset)
        end = self.starts[i + 1] if i + 1 < len(self.starts) else self.length
        return self.starts[i], end


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    """True when half-open spans [a0, a1) and [b0, b1) share a character."""
    return a0 < b1 and b0 < a1
