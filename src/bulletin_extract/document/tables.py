"""Tables as structure: runs of tab-separated lines with their header rows, caption and unit line.

Built from the document's lines (the readers turn HTML, Word and PDF tables into tab-separated
rows).  Offsets are offsets of the document text; nothing here types a cell, which is
:mod:`bulletin_extract.figures.cells`' job.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from ..rules.ruleset import Ruleset
from .model import DocumentModel

# A cell that holds only a number (signed, with separators, a decimal part, a percent sign).
_NUMERIC = re.compile(r"[-+]?[0-9][0-9,]*(?:\.[0-9]+)?%?")


@dataclass(frozen=True)
class Cell:
    """One cell: its span (spaces trimmed) and its column number."""

    start: int
    end: int
    column: int
    text: str

    @property
    def numeric(self) -> bool:
        return _NUMERIC.fullmatch(self.text) is not None


@dataclass(frozen=True)
class Row:
    """One row of a table (one line of the text).

    ``group`` is the label of a block of rows that a table prints in an extra first column, on the block's
    first row only (本市居住或工作地|浦东|5090, then 黄浦|947): the other cells keep the header's columns.
    """

    start: int
    end: int
    index: int
    cells: tuple[Cell, ...]
    group: Cell | None = None

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [c.start for c in self.cells]

    def cell_around(self, start: int, end: int) -> Cell | None:
        """The cell that holds ``[start, end)``, found by bisection (a row may have thousands of cells)."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and start >= self.cells[i].start and end <= self.cells[i].end:
            return self.cells[i]
        return None


@dataclass(frozen=True)
class Table:
    """Header rows, data rows, and the lines around the table that state what its cells are."""

    start: int
    end: int
    header: tuple[Row, ...]
    rows: tuple[Row, ...]
    caption: tuple[int, int] | None
    unit_line: tuple[int, int] | None

    @functools.cached_property
    def _headers(self) -> dict[int, Cell]:
        out: dict[int, Cell] = {}
        for row in reversed(self.header):
            for c in row.cells:
                if c.text:
                    out.setdefault(c.column, c)
        return out

    def column_header(self, column: int) -> Cell | None:
        """The header cell over *column* (the lowest header row that has one), looked up in one table per table."""
        return self._headers.get(column)


@dataclass(frozen=True, eq=False)
class TablePatterns:
    """The unit line and caption rules of ``patterns/tables.yaml``."""

    unit_line: re.Pattern[str]
    caption_max_chars: int
    sentence_end: frozenset[str]

    @classmethod
    def compile(cls, rs: Ruleset) -> TablePatterns:
        t = rs.tables
        return cls(re.compile(t.unit_line or "(?!)"), t.caption_max_chars, frozenset(rs.grammar.sentence_end))


def _row(doc: DocumentModel, start: int, end: int, index: int) -> Row:
    cells = []
    pos = start
    for col, raw in enumerate(doc.folded[start:end].split("\t")):
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        s = pos + lead
        cells.append(Cell(s, s + len(text), col, text))
        pos += len(raw) + 1
    return Row(start, end, index, tuple(cells))


def _before(
    doc: DocumentModel, line: int, pats: TablePatterns
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The caption and the unit line among the (up to two) non-empty lines before the table's first line."""
    caption = unit = None
    starts = doc.lines.starts
    i = line - 1
    seen = 0
    while i >= 0 and seen < 2 and i not in doc.tab_lines:
        s, e = starts[i], starts[i + 1] - 1
        text = doc.folded[s:e].strip()
        if text:
            seen += 1
            if unit is None and pats.unit_line.search(text):
                unit = (s, e)
            elif caption is None and len(text) <= pats.caption_max_chars and text[-1] not in pats.sentence_end:
                caption = (s, e)
        i -= 1
    return caption, unit


def _grouped(rows: list[Row], width: int) -> list[Row]:
    """Rows with a block label in an extra first column realigned to the header, the label carried down."""
    out: list[Row] = []
    group: Cell | None = None
    for r in rows:
        if width and len(r.cells) == width + 1 and not r.cells[0].numeric and r.cells[0].text:
            group = r.cells[0]
            cells = tuple(Cell(c.start, c.end, c.column - 1, c.text) for c in r.cells[1:])
            r = Row(r.start, r.end, r.index, cells, group)
        elif group is not None and len(r.cells) == width:
            r = Row(r.start, r.end, r.index, r.cells, group)
        else:
            group = None
        out.append(r)
    return out


def find_tables(doc: DocumentModel, pats: TablePatterns) -> tuple[Table, ...]:
    """Every run of consecutive tab-separated lines of *doc*, as a table."""
    if not doc.tab_lines:
        return ()
    starts = doc.lines.starts
    out = []
    lines = sorted(doc.tab_lines)
    run = [lines[0]]
    for ln in [*lines[1:], -2]:
        if ln == run[-1] + 1:
            run.append(ln)
            continue
        rows = [_row(doc, starts[i], doc.lines.end_of(starts[i], len(doc.folded)), k) for k, i in enumerate(run)]
        n_header = next((k for k, r in enumerate(rows) if any(c.numeric for c in r.cells[1:])), len(rows))
        rows = [*rows[:n_header], *_grouped(rows[n_header:], max((len(r.cells) for r in rows[:n_header]), default=0))]
        caption, unit = _before(doc, run[0], pats)
        out.append(Table(rows[0].start, rows[-1].end, tuple(rows[:n_header]), tuple(rows[n_header:]), caption, unit))
        run = [ln]
    return tuple(out)
