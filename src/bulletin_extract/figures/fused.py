"""Cells of tables printed without separators (:mod:`bulletin_extract.document.fused_tables`) as figures.

Their digit runs are closed to every other stage (a run such as ``2508.3-13.2`` is two cells, never a date), and
each value read from a run becomes a figure typed as a stacked table's cell is: the row's unit or the table's unit
line, a percent under a change header, the row label as subject, the header's or caption's time as as_of.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..document.fused_tables import FusedTable
from ..document.model import DocumentModel
from ..times.candidate import TimeCandidate
from .candidate import Candidate
from .cells import CellPatterns
from .find import FigurePatterns
from .stacked import typed_stacked_cell


def fused_zones(zones: bytes, tables: Sequence[FusedTable]) -> bytes:
    """*zones* with every digit run of *tables* closed: no time or figure is read inside one."""
    if not tables:
        return zones
    out = bytearray(zones)
    for t in tables:
        for s, e in t.runs:
            out[s:e] = b"\x01" * (e - s)
    return bytes(out)


def fused_cells(
    cands: list[Candidate],
    doc: DocumentModel,
    tables: Sequence[FusedTable],
    figures: FigurePatterns,
    governing: Sequence[TimeCandidate],
    cells: CellPatterns,
) -> list[Candidate]:
    """*cands* and a typed figure for every value of *tables*, in text order."""
    if not tables:
        return cands
    new = []
    for t in tables:
        for row in t.table.rows:
            for v in row.values:
                c = Candidate(v.start, v.end, "number", Decimal(v.text), "", "table.fused_cell")
                typed = typed_stacked_cell(c, t.table, row, v, doc, figures, governing, cells)
                new.append(typed._replace(rule="table.fused_cell"))
    return sorted([*cands, *new], key=lambda c: (c.start, c.end))
