"""Tables that a PDF text layer prints one cell per line ("stacked" tables), read back into rows.

A stacked table opens with its caption line (``表3``), then prints its header cells, then its body: row
labels, unit cells and value cells, either row by row (label, unit, values) or column by column in blocks
of equal length (nine labels, nine units, nine values), and often with the labels of some rows printed
after all the values.  The reader pairs cells by position; rows whose label the text prints elsewhere
take the labels left over, in order.  Nothing here types a cell: :mod:`bulletin_extract.figures.stacked`
does, from the column header and the row's unit cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..rules.ruleset import Ruleset
from .model import DocumentModel
from .stacked_rows import Kind, Token, bare, column_pairs, joined, labelled, rows, usual_width
from .tables import Cell

_NUMBER = re.compile(r"[-+]?[0-9][0-9,]*(?:\.[0-9]+)?%?")


@dataclass(frozen=True)
class StackedRow:
    """One row: its label, its unit cell and its value cells (``column`` is the value column)."""

    index: int
    label: Cell | None
    unit: Cell | None
    values: tuple[Cell, ...]


@dataclass(frozen=True)
class StackedTable:
    """The caption and header lines (``top``), the value columns' header cells and the rows."""

    start: int
    end: int
    top: tuple[tuple[int, int], ...]
    heads: tuple[Cell, ...]
    rows: tuple[StackedRow, ...]

    def head(self, column: int) -> Cell | None:
        return next((h for h in self.heads if h.column == column), None)


@dataclass(frozen=True, eq=False)
class StackedPatterns:
    """The stacked-table words of ``patterns/tables.yaml``."""

    caption: re.Pattern[str]
    header_unit: re.Pattern[str]
    change: re.Pattern[str]
    label_headers: frozenset[str]
    value_headers: frozenset[str]
    unit_columns: frozenset[str]
    empty: frozenset[str]
    split: re.Pattern[str]
    marks: frozenset[str]
    clause_marks: frozenset[str]
    cell_max: int
    caption_max: int
    label_prefixes: tuple[str, ...]

    @classmethod
    def compile(cls, rs: Ruleset) -> StackedPatterns:
        t = rs.tables
        change = "|".join(re.escape(w) for w in sorted(t.change_headers, key=len, reverse=True))
        return cls(
            caption=re.compile(t.stacked_caption or "(?!)"),
            header_unit=re.compile(t.header_unit or "(?!)"),
            change=re.compile(change or "(?!)"),
            label_headers=frozenset(t.label_headers),
            value_headers=frozenset(t.value_headers),
            unit_columns=frozenset(t.unit_columns),
            empty=frozenset(t.empty_cells),
            split=re.compile(t.cell_split or "(?!)"),
            marks=frozenset(rs.grammar.clause_marks) - {"\n", *t.label_marks},
            clause_marks=frozenset(rs.grammar.clause_marks) - {"\n"},
            cell_max=t.cell_max_chars,
            caption_max=t.caption_max_chars,
            label_prefixes=tuple(sorted(t.label_prefixes, key=len, reverse=True)),
        )


def _cells(doc: DocumentModel, start: int, end: int, pats: StackedPatterns) -> list[Cell]:
    raw = doc.folded[start:end]
    out, pos = [], 0
    for piece in pats.split.split(raw):
        at = raw.index(piece, pos)
        pos = at + len(piece)
        text = piece.strip()
        if text:
            s = start + at + len(piece) - len(piece.lstrip())
            out.append(Cell(s, s + len(text), -1, text))
    return out


def _is_head(text: str, pats: StackedPatterns) -> bool:
    return (
        text in pats.label_headers
        or text in pats.value_headers
        or text in pats.unit_columns
        or (pats.change.search(text) is not None and not any(ch.isdigit() for ch in text))
        or pats.header_unit.search(text) is not None
    )


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _names_column(text: str, pats: StackedPatterns) -> bool:
    """A header that names a column of its own: a change (比上年增长（%）) or a time (2021 年末（亿元）)."""
    return pats.change.search(text) is not None or any(ch.isdigit() for ch in text)


def _kind(text: str, top: bool, after_label: bool, is_unit: Callable[[str], bool], is_time: Callable[[Cell], bool],
          c: Cell, pats: StackedPatterns) -> Kind:  # fmt: skip
    """What a cell is.  Above the first row a header word wins over a unit (单位 heads a column), except a
    bracketed unit right under a row label (Ⅰ～Ⅲ类水质⏎比例（%）), which is that row's unit."""
    if _NUMBER.fullmatch(text) or text in pats.empty:
        return "value"
    m = pats.header_unit.search(text)
    if (
        m
        and is_unit(m.group("unit"))
        and not _names_column(text, pats)
        and after_label  # under a row label: 比例（%）; a label of its own otherwise: 移动电话（手机）
        and text[: m.start()].strip() not in pats.value_headers
    ):
        return "unit"
    if top and (_is_head(text, pats) or is_time(c)):
        return "head"
    if is_unit(text):
        return "unit"
    if pats.caption.match(text) or (top and any(ch.isdigit() for ch in text)):
        return "caption"
    return "label"


Segment = tuple[list[Token], list[Token]]


def _segments(doc: DocumentModel, first: int, last: int, is_unit: Callable[[str], bool],
              is_time: Callable[[Cell], bool], pats: StackedPatterns) -> list[Segment]:  # fmt: skip
    """The table's header tokens (before its first value or unit cell) and body tokens; a header word that
    heads a column of labels or units (产品名称, 单位) after the body opens a new header (the next table)."""
    starts = doc.lines.starts
    cells = [c for i in range(first, last + 1) for c in _cells(doc, starts[i], doc.lines.end_of(starts[i], len(doc.folded)), pats)]  # fmt: skip
    top: list[Token] = []
    body: list[Token] = []
    out: list[Segment] = []
    for k, c in enumerate(cells):
        if body and (c.text in pats.label_headers or c.text in pats.unit_columns):
            caption = [] if body[-1].kind != "label" or not _has_digit(body[-1].cell.text) else [body.pop()]
            out.append((top, body))
            top, body = [Token("caption", x.cell) for x in caption], []  # the new table's caption
        in_top = not body
        seen = body or top
        after_label = bool(seen) and seen[-1].kind == "label"
        kind = _kind(c.text, in_top, after_label, is_unit, is_time, c, pats)
        if in_top and kind == "value" and c.text in pats.empty:
            continue  # a dash before the first row marks an empty header cell
        if in_top and kind == "unit" and len(c.text) == 1 and k + 1 < len(cells):
            nxt = _kind(cells[k + 1].text, False, False, is_unit, is_time, cells[k + 1], pats)
            kind = kind if nxt in ("value", "unit") else "label"  # 类 (a classifier) over a caption: a piece of a word
        if in_top and kind in ("value", "unit"):
            in_top = False
        (top if in_top else body).append(Token(kind, c))
    out.append((top, body))
    return [(t, _in_labels(b, pats)) for t, b in out]


def _in_labels(body: list[Token], pats: StackedPatterns) -> list[Token]:
    """A word that reads as a unit (城市, whose 市 is a classifier) amid a run of labels is a label."""
    out = list(body)
    for k in range(1, len(body) - 1):
        t = body[k]
        if (
            t.kind == "unit"
            and body[k - 1].kind == body[k + 1].kind == "label"
            and not pats.header_unit.search(t.cell.text)
        ):
            out[k] = Token("label", t.cell)
    return out


def _extent(doc: DocumentModel, line: int, pats: StackedPatterns) -> int:
    """The last line of the stacked table whose caption is on *line*: short lines, up to running text."""
    starts, n = doc.lines.starts, len(doc.lines.starts)
    last = line
    for i in range(line + 1, n):
        s = starts[i]
        text = doc.folded[s : doc.lines.end_of(s, len(doc.folded))].strip()
        if not text:
            continue
        if pats.caption.match(text):
            break
        if any(ch in pats.marks for ch in text) or len(text) > max(pats.cell_max, pats.caption_max):
            break  # running text
        last = i
    return last


def find_stacked(
    doc: DocumentModel, pats: StackedPatterns, is_unit: Callable[[str], bool], is_time: Callable[[Cell], bool]
) -> tuple[StackedTable, ...]:
    """Every stacked table of *doc*: from a caption line (``表3``) over the short lines that follow it."""
    if doc.tab_lines:
        return ()  # a text with tab-separated rows lays its tables out (document/tables.py)
    starts = doc.lines.starts
    out: list[StackedTable] = []
    i = 0
    while i < len(starts):
        s = starts[i]
        if not pats.caption.match(doc.folded, s):
            i += 1
            continue
        last = _extent(doc, i, pats)
        end = doc.lines.end_of(starts[last], len(doc.folded))
        for top, body in _segments(doc, i, last, is_unit, is_time, pats):
            if any(t.kind == "value" for t in body):
                table = _table(top, body, pats, (s, end), out[-1] if out else None, is_time)
                out.append(table)
        i = last + 1
    return tuple(out)


def _heads(top: Sequence[Token], pats: StackedPatterns) -> list[Cell]:
    """The value columns' header cells, numbered: header cells that head neither the labels nor the units."""
    heads = [t.cell for t in top if t.kind == "head"]
    values = [h for h in heads if h.text not in pats.label_headers and h.text not in pats.unit_columns]
    return [Cell(h.start, h.end, k, h.text) for k, h in enumerate(values)]


def _table(top: list[Token], body: list[Token], pats: StackedPatterns, span: tuple[int, int],
           before: StackedTable | None, is_time: Callable[[Cell], bool]) -> StackedTable:  # fmt: skip
    heads = _heads(top, pats)
    tops = tuple((t.cell.start, t.cell.end) for t in top if t.kind in ("caption", "head"))
    if not heads:  # the header printed after the body (全年旅客周转量⏎2021 年⏎比上年增长（%）)
        last = max(k for k, t in enumerate(body) if t.kind == "value")
        late = [t for t in body[last:] if t.kind != "value" and (_late_head(t.cell.text, pats) or is_time(t.cell))]
        heads = _heads([Token("head", t.cell) for t in late], pats)
        body = [t for t in body if all(t is not x for x in late)]
    if not heads and before is not None and not any(t.kind == "unit" for t in body):
        heads, tops = list(before.heads), tops + before.top  # rows a page break cut from the table above
    # Pieces of a header word (指⏎标) join among themselves: a piece left over is no row label.
    above = [
        t
        for t in joined([t for t in top if t.kind == "label"], pats.label_prefixes)
        if len(bare(t.cell.text, pats.label_prefixes)) > 1
    ]
    tokens = [t for t in above + body if not _skipped(t, pats)]
    if not heads:
        heads, tokens = column_pairs(tokens)
    width = max(len(heads), usual_width(tokens)) or 1
    table_rows = labelled(*rows(tokens, width, pats.label_prefixes), pats.label_prefixes)
    numbered = []
    for k, (label, unit, values) in enumerate(table_rows):
        shift = (
            min(0, len(heads) - len(values)) if heads else 0
        )  # more values than headers: the headers are over the last ones
        cols = tuple(Cell(v.start, v.end, j + shift, v.text) for j, v in enumerate(values) if v.text not in pats.empty)
        numbered.append(StackedRow(k, label, unit, cols))
    return StackedTable(span[0], span[1], tops, tuple(heads), tuple(numbered))


def _late_head(text: str, pats: StackedPatterns) -> bool:
    return text in pats.value_headers or (pats.change.search(text) is not None and not text[0].isdigit())


def _skipped(t: Token, pats: StackedPatterns) -> bool:
    """A label that is a header word (指标 joined from 指 and 标) or a group heading (在总计中：)."""
    text = t.cell.text
    words = pats.label_headers | pats.value_headers | pats.unit_columns
    return t.kind == "label" and (text in words or text[-1] in pats.clause_marks)
