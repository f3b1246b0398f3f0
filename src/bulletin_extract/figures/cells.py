"""Table cells as figures (ANNOTATION §3.1): the unit, type and scale their table states, the row label as
subject, the caption's or header's time as as_of, and the header's direction for a column of changes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import regex

from ..document.model import DocumentModel
from ..document.tables import Cell, Row, Table
from ..rules.grammar import alternation_or_never
from ..rules.ruleset import Ruleset
from ..times.candidate import TimeCandidate
from .candidate import Candidate, CellContext
from .find import FigurePatterns, clean, read_unit


class Span(Protocol):
    """Anything with a half-open span (a mention record)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(frozen=True, eq=False)
class CellPatterns:
    """The table words of ``patterns/tables.yaml`` and the direction words a change header may hold."""

    header_unit: re.Pattern[str]
    unit_line: re.Pattern[str]
    unit_columns: frozenset[str]
    label_prefixes: tuple[str, ...]
    change: regex.Pattern[str]
    up: regex.Pattern[str]
    down: regex.Pattern[str]

    @classmethod
    def compile(cls, rs: Ruleset) -> CellPatterns:
        t, d = rs.tables, rs.directions
        return cls(
            header_unit=re.compile(t.header_unit or "(?!)"),
            unit_line=re.compile(t.unit_line or "(?!)"),
            unit_columns=frozenset(t.unit_columns),
            label_prefixes=tuple(sorted(t.label_prefixes, key=len, reverse=True)),
            change=regex.compile(alternation_or_never(t.change_headers)),
            up=regex.compile(alternation_or_never(d.up)),
            down=regex.compile(alternation_or_never(d.down)),
        )


def _label(table: Table, row: Row, column: int, pats: CellPatterns) -> str | None:
    """The row label of a cell: the last non-numeric cell before it (加拿大 in 境外输入人员|加拿大|26), units aside."""
    for cell in reversed(row.cells[:column]):
        head = table.column_header(cell.column)
        if head is not None and head.text in pats.unit_columns:
            continue
        text = cell.text
        for p in pats.label_prefixes:
            text = text.removeprefix(p)
        text = text.strip()
        if text and not cell.numeric:
            return text
    return None


def _time_in(span: tuple[int, int] | Cell | None, times: Sequence[TimeCandidate]) -> str | None:
    if span is None:
        return None
    s, e = (span.start, span.end) if isinstance(span, Cell) else span
    return next((t.value for t in times if s <= t.start and t.end <= e), None)


def _column_unit(
    table: Table, row: Row, column: int, doc: DocumentModel, pats: CellPatterns, change: bool
) -> str | None:
    """The unit a cell's column header states, else its row's unit cell, else the table's unit line.

    A column of changes (比上年增长) states its own unit or is in percent: the table's unit is the levels'.
    """
    header = table.column_header(column)
    if header is not None:
        m = pats.header_unit.search(header.text)
        if m:
            return m.group("unit").strip()
    if change:
        return None
    for cell in row.cells:
        head = table.column_header(cell.column)
        if head is not None and head.text in pats.unit_columns and cell.text:
            return cell.text
    for span in (table.unit_line, table.caption):
        if span is not None:
            m = pats.unit_line.search(doc.folded, *span)
            if m:
                return m.group("unit")
    return None


def _typed(c: Candidate, unit: Candidate | None, change: bool) -> Candidate:
    """*c* with the type, unit and scale of its column (a percent when the column is a change without a unit)."""
    if unit is None:
        if not change:
            return c
        return c._replace(type="percent", unit="%", rule="table.cell")
    return c._replace(type=unit.type, unit=unit.unit, value=clean(c.value * unit.value), rule="table.cell")


def resolve_cells(
    cands: list[Candidate],
    doc: DocumentModel,
    tables: Sequence[Table],
    times: Sequence[TimeCandidate],
    pats: CellPatterns,
    figures: FigurePatterns,
) -> list[Candidate]:
    """*cands* with every figure in a table cell given its table's context (unit-less cells typed by it).

    *times* are the governing times (comparison bases such as the 上年 of 比上年增长 name no as_of).
    """
    if not tables:
        return cands
    rows = {doc.lines.index(r.start): (t, r) for t in tables for r in t.rows}  # data rows by line number
    out = []
    for c in cands:
        found = rows.get(doc.lines.index(c.start))
        cell = (
            None if found is None else next((x for x in found[1].cells if x.start <= c.start and c.end <= x.end), None)
        )
        if found is None or cell is None:
            out.append(c)
            continue
        table, row = found
        header = table.column_header(cell.column)
        head_text = header.text if header is not None else None
        change = bool(head_text and pats.change.search(head_text))
        if c.unit == "" and cell.start == c.start and cell.end == c.end:
            raw = _column_unit(table, row, cell.column, doc, pats, change)
            c = _typed(c, read_unit(raw, figures) if raw else None, change)
        direction = c.direction
        if change and head_text:
            direction = "down" if pats.down.search(head_text) and not pats.up.search(head_text) else "up"
        as_of = _time_in(header, times) or _time_in(table.caption, times) or _time_in(table.unit_line, times)
        label = _label(table, row, cell.column, pats)
        if label is None:  # an empty label cell under a merged one: the label of the rows above
            above = [r for r in table.rows if r.index < row.index]
            label = next((x for r in reversed(above) if (x := _label(table, r, cell.column, pats))), None)
        ctx = CellContext(row.index, cell.column, label, head_text, as_of)
        out.append(c._replace(direction=direction, cell=ctx))
    return out


def unread_cells(mentions: Sequence[Span], tables: Sequence[Table], zones: bytes = b"") -> list[Cell]:
    """The numeric data cells of *tables* that no mention overlaps: numbers the extraction left unread.

    A cell inside a zone (*zones*: nonzero bytes, see :mod:`.zones`) is left out on purpose (a phone number,
    a code) and is not reported."""
    cells = [c for t in tables for r in t.rows for c in r.cells if c.numeric]
    size = max((c.end for c in cells), default=0)
    covered = bytearray(size)
    for m in mentions:
        if m.start < size:
            end = min(m.end, size)
            covered[m.start : end] = b"\x01" * (end - m.start)
    return [c for c in cells if not any(covered[c.start : c.end]) and not any(zones[c.start : c.end])]
