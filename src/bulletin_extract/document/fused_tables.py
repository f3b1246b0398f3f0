"""Tables whose cells a conversion to text ran together with nothing between them ("fused" tables).

A page saved as text can lose every separator of a table: ``产品名称单位绝对数比上年±%茶叶万吨12.3-4.5柑橘万吨
301.210.8…``.  Such a table opens with a row-label header and a unit column (产品名称单位), or a unit line (单位：亿元),
then one header cell per value column (绝对数, 2005年, 比上年±%); each row is a label, the row's unit where the table
has a unit column, and a run of digits holding one value per column.  A run such as ``301.210.8`` splits in
several ways: each column keeps the count of decimals most rows agree on, and a row the split leaves ambiguous is
not read (a value lost is better than a value wrong).  The rows come back as a :class:`StackedTable`, which
:mod:`bulletin_extract.figures.fused` types like the cells of any table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..rules.ruleset import Ruleset
from .model import DocumentModel
from .stacked_tables import StackedRow, StackedTable
from .tables import Cell

_VALUE = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_MAX_COLUMNS = 6
_MAX_UNIT_CHARS = 6
_MAX_CELL_CHARS = 16  # a run longer than this per column is no row of values (and would cost quadratic splitting)
_MIN_ROWS = 2  # one row after a header is as likely a sentence that happens to look like one


@dataclass(frozen=True)
class FusedTable:
    """A fused table's rows, and the digit runs of all its rows (those no split could read included)."""

    table: StackedTable
    runs: tuple[tuple[int, int], ...]


@dataclass(frozen=True, eq=False)
class FusedPatterns:
    """The header of a fused table (lead words and header cells) and its rows, compiled from ``tables.yaml``."""

    header: re.Pattern[str]
    head: re.Pattern[str]
    row: re.Pattern[str]
    sentence_marks: frozenset[str]
    caption_max: int

    @classmethod
    def compile(cls, rs: Ruleset) -> FusedPatterns:
        t, g = rs.tables, rs.grammar
        gap = r"[^\S\n]*"  # spaces, never a line break: a table printed one cell per line is a stacked one
        labels = "|".join(gap.join(map(re.escape, w)) for w in sorted(t.label_headers, key=len, reverse=True))
        units = "|".join(gap.join(map(re.escape, w)) for w in sorted(t.unit_columns, key=len, reverse=True))
        values = "|".join(map(re.escape, sorted(t.value_headers, key=len, reverse=True)))
        head = "|".join(p for p in (t.fused_head, values) if p)
        if not (labels and units and head):
            never = re.compile("(?!)")
            return cls(never, never, never, frozenset(), t.caption_max_chars)
        unit_line = t.unit_line or "(?!)"
        lead = f"(?:(?:{labels}){gap}(?:{units})|{unit_line}(?:{gap}(?:{labels}))?){gap}"
        heads = f"(?P<heads>(?:(?:{head}){gap}){{1,{_MAX_COLUMNS}}})"
        stops = "".join(sorted(set(g.clause_marks) - set(t.label_marks) - {"\n"}))
        label = f"[^\\s0-9{re.escape(stops)}.%-]{{1,{t.cell_max_chars}}}"
        return cls(
            header=re.compile(f"(?P<lead>{lead}){heads}"),
            head=re.compile(f"(?:{head})"),
            row=re.compile(f"{gap}(?P<label>{label}){gap}(?P<run>-?[0-9][0-9.-]*[0-9])"),
            sentence_marks=frozenset(g.sentence_end) | {"\n"},
            caption_max=t.caption_max_chars,
        )


def find_fused(doc: DocumentModel, pats: FusedPatterns, is_unit: Callable[[str], bool]) -> tuple[FusedTable, ...]:
    """Every fused table of *doc*: a header the patterns know, then at least two rows of label and digits."""
    if doc.tab_lines:
        return ()  # a text with tab-separated rows lays its tables out (document/tables.py)
    folded = doc.folded
    out: list[FusedTable] = []
    named_unit = "unit" in pats.header.groupindex
    for m in pats.header.finditer(folded):
        if out and m.start() < out[-1].table.end:
            continue
        unit_column = not (named_unit and m.group("unit"))  # a unit line states the unit; else each row its own
        heads = [Cell(h.start(), h.end(), k, h.group()) for k, h in enumerate(pats.head.finditer(folded, *m.span("heads")))]  # fmt: skip
        rows, runs, end = _rows(folded, m.end(), len(heads), unit_column, pats, is_unit)
        if len(runs) < _MIN_ROWS or not rows:
            continue
        caption = _caption_start(folded, m.start(), out[-1].table.end if out else 0, pats)
        top = ((caption, m.start()), m.span("lead"), *((h.start, h.end) for h in heads))
        table = StackedTable(caption, end, tuple(s for s in top if s[0] < s[1]), tuple(heads), tuple(rows))
        out.append(FusedTable(table, runs))
    return tuple(out)


def _caption_start(folded: str, start: int, floor: int, pats: FusedPatterns) -> int:
    """Where the caption before a header begins: after the last sentence end within ``caption_max`` characters."""
    low = max(floor, start - pats.caption_max)
    for i in range(start - 1, low - 1, -1):
        if folded[i] in pats.sentence_marks:
            return i + 1
    return low


def _rows(folded: str, pos: int, width: int, unit_column: bool, pats: FusedPatterns,
          is_unit: Callable[[str], bool]) -> tuple[list[StackedRow], tuple[tuple[int, int], ...], int]:  # fmt: skip
    """The rows read from *pos* on, up to the first text that is no row; every row's digit run; the table's end."""
    parsed: list[tuple[Cell, Cell | None, list[tuple[str, ...]], int]] = []
    runs: list[tuple[int, int]] = []
    end = pos
    while (m := pats.row.match(folded, end)) is not None:
        label, unit = _label_unit(m.start("label"), m.group("label"), unit_column, is_unit)
        if unit_column and unit is None:
            break  # a table with a unit column gives every row a unit: this is running text
        parsed.append((label, unit, _splits(m.group("run"), width), m.start("run")))
        runs.append(m.span("run"))
        end = m.end()
    decimals = _usual_decimals([o for _, _, o, _ in parsed])
    rows: list[StackedRow] = []
    for label, unit, options, at in parsed:
        pieces = _best(options, decimals)
        if pieces is None:
            continue
        cells: list[Cell] = []
        s = at
        for k, p in enumerate(pieces):
            cells.append(Cell(s, s + len(p), k, p))
            s += len(p)
        rows.append(StackedRow(len(rows), label, unit, tuple(cells)))
    return rows, tuple(runs), end


def _label_unit(start: int, text: str, unit_column: bool, is_unit: Callable[[str], bool]) -> tuple[Cell, Cell | None]:
    """The row label and, in a table with a unit column, the unit cell it ends with (磷矿石|万吨)."""
    if unit_column:
        for n in range(min(_MAX_UNIT_CHARS, len(text) - 1), 0, -1):
            if is_unit(text[-n:]):
                cut = len(text) - n
                return Cell(start, start + cut, -1, text[:cut]), Cell(start + cut, start + len(text), -1, text[cut:])
    return Cell(start, start + len(text), -1, text), None


def _splits(run: str, width: int) -> list[tuple[str, ...]]:
    """Every way to cut *run* into *width* values that each read as a number."""
    if len(run) > width * _MAX_CELL_CHARS:
        return []
    if width == 1:
        return [(run,)] if _VALUE.fullmatch(run) else []
    out: list[tuple[str, ...]] = []
    for cut in range(1, len(run)):
        head = run[:cut]
        if run[cut] != "." and _VALUE.fullmatch(head):
            out.extend((head, *rest) for rest in _splits(run[cut:], width - 1))
    return out


def _decimals(piece: str) -> int:
    return len(piece) - piece.index(".") - 1 if "." in piece else 0


def _usual_decimals(options: Sequence[Sequence[tuple[str, ...]]]) -> tuple[int, ...] | None:
    """The counts of decimals per column that the most rows can be split into (None for a table of no row)."""
    votes = Counter(p for row in options for p in {tuple(_decimals(v) for v in o) for o in row})
    return votes.most_common(1)[0][0] if votes else None


def _best(options: Sequence[tuple[str, ...]], decimals: tuple[int, ...] | None) -> tuple[str, ...] | None:
    """The split whose columns keep the usual decimals best; None when none exists or two fit equally well."""
    if len(options) == 1:
        return options[0]
    if not options or decimals is None:
        return None
    scored = sorted(
        ((sum(_decimals(p) == d for p, d in zip(o, decimals, strict=True)), o) for o in options), reverse=True
    )
    return None if scored[0][0] == scored[1][0] else scored[0][1]
