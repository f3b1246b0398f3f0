"""The figure candidate: a span with its resolved value, before context gives it a subject and a time."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..records import Direction, FigureType, Qualifier


@dataclass(frozen=True, slots=True)
class Candidate:
    """A figure found in the text; later stages return new candidates (``dataclasses.replace``)."""

    start: int
    end: int
    type: FigureType
    value: Decimal
    unit: str
    rule: str
    inside: str | None = None  # the qualifier word between number and unit (600多辆), inside the span
    qualifier: Qualifier = "exact"
    direction: Direction | None = None
