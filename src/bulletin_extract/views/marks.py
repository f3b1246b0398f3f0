"""A text with its mentions as ``<mark>`` elements: nested marks for nested mentions, crossing ones split.

Mentions may nest (a date inside a cited document's title) or, rarely, cross.  HTML elements must
nest, so at every boundary the marks that must close are closed and those still running are reopened;
every fragment of one mention carries the same ``data-m`` so hovering any of them finds it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from .page import esc


@dataclass(frozen=True)
class Span:
    """One mention to draw: its index (``data-m``), offsets, CSS classes and tooltip text."""

    index: int
    start: int
    end: int
    classes: str
    tip: str


def _open(s: Span, first: bool) -> str:
    anchor = f' id="m{s.index}"' if first else ""
    return f'<mark class="{esc(s.classes)}" data-m="{s.index}"{anchor} title="{esc(s.tip)}">'


def _boundaries(spans: Sequence[Span], size: int) -> list[int]:
    points = {0, size}
    for s in spans:
        points.add(s.start)
        points.add(s.end)
    return sorted(p for p in points if 0 <= p <= size)


def marked_text(text: str, spans: Sequence[Span]) -> str:
    """*text*, escaped, with every span drawn as one or more ``<mark>`` fragments."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    starts: dict[int, list[Span]] = {}
    for s in spans:
        starts.setdefault(s.start, []).append(s)
    out: list[str] = []
    stack: list[Span] = []
    opened: set[int] = set()
    points = _boundaries(spans, len(text))
    for here, nxt in pairwise(points):
        # Close the lowest mark that ends here and every mark above it; those still running reopen.
        cut = next((i for i, s in enumerate(stack) if s.end <= here), None)
        if cut is not None:
            out.append("</mark>" * (len(stack) - cut))
            running = [s for s in stack[cut:] if s.end > here]
            del stack[cut:]
            for s in running:
                out.append(_open(s, False))
                stack.append(s)
        # Longer mentions outside, so a nested one closes before the one around it.
        for s in sorted(starts.get(here, ()), key=lambda x: (-x.end, x.index)):
            out.append(_open(s, s.index not in opened))
            opened.add(s.index)
            stack.append(s)
        out.append(esc(text[here:nxt]))
    out.append("</mark>" * len(stack))
    return "".join(out)
