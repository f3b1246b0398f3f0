"""Table cells that a PDF text layer stacks one per line, typed (ANNOTATION §3.1).

A cell of a stacked table (:mod:`bulletin_extract.document.stacked_tables`) takes the unit, type and scale
of its column header or its row's unit cell, a percent under a change header, the row label as subject and
the column header's or caption's time as as_of.  Outside such a table, a number alone on its line under a
unit alone on its line (``万辆⏎⏎62.1``) is a figure in that unit, the line above the unit its row label.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from ..document.model import DocumentModel
from ..document.stacked_tables import StackedPatterns, StackedRow, StackedTable, find_stacked
from ..document.tables import Cell
from ..times.candidate import TimeCandidate
from .candidate import Candidate, CellContext
from .cells import CellPatterns, change_direction, time_in, typed_cell
from .find import FigurePatterns, clean, read_unit

_MAX_LABEL_CHARS = 24  # a row label is short; a longer line is running text
_TABLE_LINES = 400  # how far up a stacked table's caption may stand


def _line_text(doc: DocumentModel, index: int) -> str:
    start, end = doc.line_bounds(doc.lines.starts[index])
    return doc.folded[start:end].strip()


def _previous(doc: DocumentModel, index: int) -> tuple[int, str]:
    """The nearest non-empty line before line *index* if it is short enough to be a cell: its number and text
    (-1 and "" otherwise).  Lengths come from the line starts, so a paragraph above is never copied."""
    starts = doc.lines.starts
    i = index - 1
    while i >= 0:
        if starts[i + 1] - starts[i] - 1 > _MAX_LABEL_CHARS:
            return -1, ""  # running text, not a cell
        text = _line_text(doc, i)
        if text:
            return i, text
        i -= 1
    return -1, ""


def stacked_cells(
    cands: list[Candidate],
    doc: DocumentModel,
    figures: FigurePatterns,
    governing: Sequence[TimeCandidate],
    cells: CellPatterns,
    stacked: StackedPatterns,
) -> list[Candidate]:
    """*cands* with every number in a stacked table's value cell typed by its table, and every other unit-less
    number alone on its line under a unit alone on its line typed by that unit.

    The latter's as_of is the nearest governing time above it within its table: the stacked lines up to the
    first line of running text (the caption ``表3：2022年…`` or a header ``2022 年（亿元）``).
    """
    if doc.tab_lines:
        return cands  # a text with tab-separated rows lays its tables out: figures/cells.py reads them
    spans = {(t.start, t.end) for t in governing}
    tables = find_stacked(doc, stacked, lambda text: is_unit_cell(text, figures), lambda c: (c.start, c.end) in spans)
    at = {v.start: (t, r, v) for t in tables for r in t.rows for v in r.values}
    folded, n = doc.folded, len(doc.folded)
    out = list(cands)
    for i, c in enumerate(cands):
        found = at.get(c.start)
        if found is not None and found[2].end == c.end:
            out[i] = typed_stacked_cell(c, *found, doc, figures, governing, cells)
        elif (
            c.rule == "number.bare"
            and not any(t.start <= c.start < t.end for t in tables)
            # A number that fills its line (checked on its neighbours first: most bare numbers stand in prose).
            and (c.start == 0 or folded[c.start - 1] == "\n")
            and (c.end == n or folded[c.end] == "\n")
        ):
            out[i] = _typed(c, doc, doc.lines.index(c.start), figures, governing, cells.label_prefixes)
    return out


def is_unit_cell(text: str, figures: FigurePatterns) -> bool:
    """A cell that is a unit alone (万吨, %, 亿千瓦小时): a unit of the lexicon, or a counted word under a magnitude
    (万重量箱); a label that merely ends in a classifier (全市常住人口) is none."""
    if len(text) > _MAX_LABEL_CHARS or any(ch.isdigit() for ch in text):
        return False
    c = read_unit(text, figures)
    return c is not None and (text in figures.units or c.value != 1)


def _unit_text(table: StackedTable, row: StackedRow, head: str | None, change: bool, doc: DocumentModel,
               pats: CellPatterns) -> str | None:  # fmt: skip
    """The unit the column header states, else none for a change (a percent), else the row's unit cell, else a
    unit line among the table's caption and header lines (单位：万吨)."""
    m = pats.header_unit.search(head) if head else None
    if m:
        return m.group("unit").strip()
    if change:
        return None
    if row.unit is not None:
        m = pats.header_unit.search(row.unit.text)
        return m.group("unit").strip() if m else row.unit.text
    for s, e in table.top:
        m = pats.unit_line.search(doc.folded, s, e)
        if m:
            return m.group("unit")
    return None


def typed_stacked_cell(
    c: Candidate,
    table: StackedTable,
    row: StackedRow,
    cell: Cell,
    doc: DocumentModel,
    figures: FigurePatterns,
    governing: Sequence[TimeCandidate],
    pats: CellPatterns,
) -> Candidate:
    """*c*, the value of *cell* in *row* of *table*, typed by its table (unit, scale, direction, subject, as_of)."""
    head = table.head(cell.column)
    head_text = head.text if head is not None else None
    change = bool(head_text and pats.change.search(head_text))
    percent = change and not (head_text and pats.amount.search(head_text))  # 比年初增减额 is in the table's unit
    if c.unit == "":
        raw = _unit_text(table, row, head_text, percent, doc, pats)
        c = typed_cell(c, read_unit(raw, figures) if raw else None, percent)._replace(rule="table.stacked_cell")
    direction = change_direction(head_text, pats) if change and head_text else c.direction
    as_of = time_in(head, governing) or time_in(row.label, governing) or _caption_time(table, governing)
    label = row.label.text if row.label else None
    if (
        row.label is not None
        and head_text
        and any(t.start == row.label.start and t.end == row.label.end for t in governing)
    ):
        label = head_text[: m.start()] if (m := pats.header_unit.search(head_text)) else head_text  # 2019 年: a time
    ctx = CellContext(row.index, cell.column, _subject(label, pats), head_text, as_of)
    return c._replace(direction=direction, cell=ctx)


def _caption_time(table: StackedTable, governing: Sequence[TimeCandidate]) -> str | None:
    """The last time of the first caption or header line that names one (2023年年末… names 2023-12)."""
    for s, e in table.top:
        k = bisect.bisect_left(governing, s, key=lambda t: t.start)
        j = bisect.bisect_right(governing, e, key=lambda t: t.end)
        if j > k:
            return governing[j - 1].value
    return None


def _subject(label: str | None, pats: CellPatterns) -> str | None:
    """The row label without its structuring prefix (其中：, #, 一、) and the letter-spacing of a PDF (水 产 品)."""
    if label is None:
        return None
    text = pats.label_marker.sub("", label)
    for p in pats.label_prefixes:
        text = text.removeprefix(p)
    return "".join(text.split()) or None


def _table_time(doc: DocumentModel, line: int, governing: Sequence[TimeCandidate]) -> str | None:
    """The time of the nearest line above *line* that names one, within the stacked table (its caption included)."""
    i = line - 1
    while i >= max(0, line - _TABLE_LINES):
        start = doc.lines.starts[i]
        end = doc.lines.end_of(start, len(doc.folded))
        k = bisect.bisect_left(governing, start, key=lambda t: t.start)
        j = bisect.bisect_right(governing, end, key=lambda t: t.end)
        if j > k:
            return governing[j - 1].value  # the last time on the line (times are sorted and do not overlap)
        if end - start > _MAX_LABEL_CHARS * 2:
            return None  # running text: the table (and its caption) lie below it
        i -= 1
    return None


def _typed(
    c: Candidate,
    doc: DocumentModel,
    line: int,
    figures: FigurePatterns,
    governing: Sequence[TimeCandidate],
    prefixes: Sequence[str],
) -> Candidate:
    unit_line, unit_text = _previous(doc, line)
    if not unit_text or unit_text[0].isdigit():
        return c  # 62.1 under 7.1 or under nothing: no unit to take
    unit = read_unit(unit_text, figures)
    if unit is None:
        return c
    _, label = _previous(doc, unit_line)
    for p in prefixes:  # 其中：, # (tables.yaml label_prefixes)
        label = label.removeprefix(p)
    subject = label if label and len(label) <= _MAX_LABEL_CHARS and not label[0].isdigit() else None
    ctx = CellContext(None, None, subject, None, _table_time(doc, line, governing))
    value = clean(c.value * unit.value)
    return c._replace(type=unit.type, unit=unit.unit, value=value, rule="table.stacked_cell", cell=ctx)
