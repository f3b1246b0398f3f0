"""The figure candidate: a span with its resolved value, before context gives it a subject and a time."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from ..records import Direction, FigureType, Qualifier


class CellContext(NamedTuple):
    """What a table states about one of its cells (ANNOTATION §3.1)."""

    row: int | None  # None for a cell whose table the text does not lay out (stacked one per line)
    column: int | None
    subject: str | None  # the row label
    header: str | None  # the column header (比上年增长（%）)
    as_of: str | None  # the time the caption or the column header names


class Candidate(NamedTuple):
    """A figure found in the text; later stages return new candidates (``_replace``).

    A named tuple rather than a frozen dataclass: as immutable, and built several times faster, which
    counts on figure-dense bulletins.
    """

    start: int
    end: int
    type: FigureType
    value: Decimal
    unit: str
    rule: str
    inside: str | None = None  # the qualifier word between number and unit (600多辆), inside the span
    qualifier: Qualifier = "exact"
    direction: Direction | None = None
    cell: CellContext | None = None  # set for a table cell: what its table says about it
