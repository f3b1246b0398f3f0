"""The time candidate: a date or period found in the text with its resolved ISO value."""

from __future__ import annotations

from typing import NamedTuple

from ..records import TimeType


class TimeCandidate(NamedTuple):
    """A time expression found in the text, resolved to an ISO value (immutable; ``_replace`` makes a new one)."""

    start: int
    end: int
    type: TimeType
    value: str
    rule: str
    reported: bool = False  # True when it names the reporting period (can govern later bare times)
    in_zones: bool = False  # True when it stands in an excluded zone yet counts (“十三五”时期 is quoted)
    moves: bool = False  # True when the text reports on it from here on (set by the scan: the period moved)
