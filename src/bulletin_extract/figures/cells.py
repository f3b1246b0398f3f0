"""Table cells as figures (ANNOTATION §3.1): the unit, type and scale their table states, the row label as
subject, the caption's or header's time as as_of, and the header's direction for a column of changes."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import regex

from ..document.model import DocumentModel
from ..document.tables import Cell, Row, Table
from ..records import Direction
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
    label_marker: re.Pattern[str]
    change: regex.Pattern[str]
    amount: regex.Pattern[str]
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
            label_marker=re.compile(t.label_marker or "(?!)"),
            change=regex.compile(alternation_or_never(t.change_headers)),
            amount=regex.compile(alternation_or_never(t.amount_changes)),
            up=regex.compile(alternation_or_never(d.up)),
            down=regex.compile(alternation_or_never(d.down)),
        )


def _row_labels(table: Table, row: Row, pats: CellPatterns) -> list[str | None]:
    """For each column, the row label of a cell there: the last non-numeric cell before it (加拿大 in
    境外输入人员|加拿大|26), unit columns aside; one pass over the row, and one more entry for the columns after it."""
    out: list[str | None] = []
    label: str | None = None
    for cell in row.cells:
        out.append(label)
        head = table.column_header(cell.column)
        if head is not None and head.text in pats.unit_columns:
            continue
        text = cell.text
        for p in pats.label_prefixes:
            text = text.removeprefix(p)
        text = text.strip()
        if text and not cell.numeric:
            label = text
    out.append(label)
    return out


class _Times:
    """The governing times by start, so a header or caption finds the first time inside it by bisection."""

    def __init__(self, times: Sequence[TimeCandidate]) -> None:
        self.times = sorted(times, key=lambda t: t.start)
        self.starts = [t.start for t in self.times]

    def first_in(self, span: tuple[int, int] | Cell | None) -> str | None:
        if span is None:
            return None
        s, e = (span.start, span.end) if isinstance(span, Cell) else span
        for i in range(bisect.bisect_left(self.starts, s), bisect.bisect_left(self.starts, e)):
            if self.times[i].end <= e:
                return self.times[i].value
        return None


class _Rows:
    """What each row says about its cells, worked out once per row: labels by column, the unit cell."""

    def __init__(self, pats: CellPatterns) -> None:
        self.pats = pats
        self.labels: dict[tuple[int, int], list[str | None]] = {}
        self.units: dict[tuple[int, int], str | None] = {}
        self.inherited: dict[tuple[int, int, int], str | None] = {}
        self.tables: dict[int, str | None] = {}

    def _own(self, table: Table, row: Row, column: int) -> str | None:
        key = (table.start, row.index)
        if key not in self.labels:
            self.labels[key] = _row_labels(table, row, self.pats)
        return self.labels[key][min(column, len(row.cells))]

    def label(self, table: Table, row: Row, column: int) -> str | None:
        """The row label of a cell; an empty one under a merged cell takes the label of the rows above."""
        label = self._own(table, row, column)
        if label is not None:
            return label
        key = (table.start, row.index, column)
        if key not in self.inherited:
            found: str | None = None
            # Data rows are numbered consecutively: the rows above this one are table.rows[:position].
            for r in reversed(table.rows[: row.index - table.rows[0].index]):
                k = (table.start, r.index, column)
                if k in self.inherited:
                    found = self.inherited[k]
                    break
                found = self._own(table, r, column)
                if found is not None:
                    break
            self.inherited[key] = found
        return self.inherited[key]

    def unit_cell(self, table: Table, row: Row) -> str | None:
        """The text of the row's cell in a unit column (单位), if any."""
        key = (table.start, row.index)
        if key not in self.units:
            self.units[key] = next(
                (
                    c.text
                    for c in row.cells
                    if c.text and (h := table.column_header(c.column)) is not None and h.text in self.pats.unit_columns
                ),
                None,
            )
        return self.units[key]

    def table_unit(self, table: Table, doc: DocumentModel) -> str | None:
        """The unit the table's unit line or caption states (searched once per table: the line may be long)."""
        if table.start not in self.tables:
            unit = None
            for span in (table.unit_line, table.caption):
                m = self.pats.unit_line.search(doc.folded, *span) if span is not None else None
                if m:
                    unit = m.group("unit")
                    break
            self.tables[table.start] = unit
        return self.tables[table.start]


def label_unit(label: str | None, pats: CellPatterns, figures: FigurePatterns) -> tuple[str | None, str | None]:
    """A row label that ends on its unit in brackets (地区生产总值（亿元）): the label without it, and the unit.

    A bracket that holds no unit (固定资产投资（不含农户）) stays in the label, and there is no unit.
    """
    m = pats.header_unit.search(label) if label else None
    if m is None or label is None:
        return label, None
    unit = read_unit(m.group("unit").strip(), figures)
    if unit is None or unit.unit.endswith(tuple(h for h, _ in figures.noun_heads)):
        return label, None  # no unit, or a noun phrase that only reads as one (不含农户)
    return label[: m.start()].strip() or label, m.group("unit").strip()


def _column_unit(
    table: Table, row: Row, column: int, doc: DocumentModel, rows: _Rows, change: bool, own: str | None
) -> str | None:
    """The unit a cell's column header states, else its row's unit cell, else the unit its row label ends on
    (*own*), else the table's unit line.

    A column of changes (比上年增长) states its own unit or is in percent: the table's unit is the levels'.
    """
    header = table.column_header(column)
    if header is not None:
        m = rows.pats.header_unit.search(header.text)
        if m:
            return m.group("unit").strip()
    if change:
        return None
    unit_cell = rows.unit_cell(table, row)
    if unit_cell is not None:
        return unit_cell
    return own or rows.table_unit(table, doc)


def typed_cell(c: Candidate, unit: Candidate | None, change: bool) -> Candidate:
    """*c* with the type, unit and scale of its column (a percent when the column is a change without a unit)."""
    if unit is None:
        if not change:
            return c
        return c._replace(type="percent", unit="%", rule="table.cell")
    return c._replace(type=unit.type, unit=unit.unit, value=clean(c.value * unit.value), rule="table.cell")


def change_direction(head: str, pats: CellPatterns) -> Direction:
    """The direction of a cell under a change header: down when the header says so (下降), else up."""
    return "down" if pats.down.search(head) and not pats.up.search(head) else "up"


def time_in(span: tuple[int, int] | Cell | None, times: Sequence[TimeCandidate]) -> str | None:
    """The first of *times* inside *span* (for the few spans of a stacked table; tables use :class:`_Times`)."""
    if span is None:
        return None
    s, e = (span.start, span.end) if isinstance(span, Cell) else span
    return next((t.value for t in times if s <= t.start and t.end <= e), None)


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
    governing, facts = _Times(times), _Rows(pats)
    rows = {doc.lines.index(r.start): (t, r) for t in tables for r in t.rows}  # data rows by line number
    out = []
    for c in cands:
        found = rows.get(doc.lines.index(c.start))
        cell = None if found is None else found[1].cell_around(c.start, c.end)
        if found is None or cell is None:
            out.append(c)
            continue
        table, row = found
        header = table.column_header(cell.column)
        head_text = header.text if header is not None else None
        change = bool(head_text and pats.change.search(head_text))
        percent = change and not (head_text and pats.amount.search(head_text))  # 比年初增减额: the table's unit
        label, own = label_unit(facts.label(table, row, cell.column), pats, figures)
        if c.unit == "" and cell.start == c.start and cell.end == c.end:
            raw = _column_unit(table, row, cell.column, doc, facts, percent, own)
            c = typed_cell(c, read_unit(raw, figures) if raw else None, percent)
        direction = c.direction
        if change and head_text:
            direction = change_direction(head_text, pats)
        as_of = governing.first_in(header) or governing.first_in(table.caption) or governing.first_in(table.unit_line)
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
