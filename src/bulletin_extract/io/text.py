"""The layout every reader gives its text: table rows as tab-separated lines, wrapped lines joined.

A table row is one line, its cells joined by ``"\\t"``; a cell never holds a tab or a line break, a
cell covered by a merge from above or from the left is empty (so the columns stay aligned), and
empty cells at the end of a row are dropped.  Lines of one paragraph or one cell are joined with
nothing between Chinese characters (Chinese wraps anywhere, and the break is no space) and one space
between two Latin words or numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_SPACE = re.compile(r"\s+")


def glue(before: str, after: str) -> str:
    """*after* as it continues *before* across a line break: with one space between two Latin words, else as is."""
    both = _ASCII_WORD.fullmatch(before[-1:]) and _ASCII_WORD.fullmatch(after[:1])
    return (" " if both else "") + after


def join_lines(lines: Iterable[str]) -> str:
    """Wrapped lines as one line (see :func:`glue`); whitespace inside each line collapses to one space."""
    out = ""
    for line in lines:
        line = _SPACE.sub(" ", line).strip()
        if line:
            out = out + glue(out, line) if out else line
    return out


def cell_text(text: str | None) -> str:
    """The text of one table cell on one line: its line breaks joined, tabs and runs of spaces made one space."""
    return join_lines(text.splitlines()) if text else ""


def row_line(cells: Sequence[str]) -> str:
    """One table row as a tab-separated line; trailing empty cells dropped ("" for an empty row)."""
    texts = list(cells)
    while texts and not texts[-1]:
        texts.pop()
    return "\t".join(texts)
