"""Calendar helpers of the time stage: numbers, validity, ISO formatting and year inference."""

from __future__ import annotations

import calendar
import datetime as dt

from ..rules.numerals import NumeralTable

# A date up to this many days after publication is read as a plan or schedule (为确保4月底交付), not a past event.
NEAR_FUTURE_DAYS = 75
# A written year further than this after publication is a length of years (距今约3000年), not a date: plans
# and projections reach 2050 or 2100, not 2600.
FAR_FUTURE_YEARS = 100


def num(s: str | None, numerals: NumeralTable) -> int | None:
    """The integer *s* writes, in ASCII or Chinese digits (None when there is none)."""
    if s is None:
        return None
    if s.isdigit() and s.isascii():
        return int(s)
    v = numerals.parse(s)
    return None if v is None else int(v)


def valid(y: int, m: int | None = None, d: int | None = None) -> bool:
    """Whether year *y*, month *m* and day *d* (any may be missing from the right) name a real date."""
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None and (m is None or not 1 <= d <= calendar.monthrange(y, m)[1]):
        return False
    return 1 <= y <= 9999


def fmt(y: int, m: int | None = None, d: int | None = None, h: int | None = None, mi: int | None = None) -> str:
    """The ISO value down to the finest part given: 2020, 2020-02, 2020-02-20, 2020-02-20T12, 2020-02-20T12:30."""
    s = f"{y:04d}"
    if m is not None:
        s += f"-{m:02d}"
        if d is not None:
            s += f"-{d:02d}"
            if h is not None:
                s += f"T{h:02d}"
                if mi is not None:
                    s += f":{mi:02d}"
    return s


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    """Year and month *k* months after *y*-*m*."""
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def infer_year(m: int, d: int | None, pub: dt.date | None, plan: bool) -> int | None:
    """Publication year, or the year before when that would put a reported event after publication."""
    if pub is None:
        return None
    y = pub.year
    if plan or (m, d or 1) <= (pub.month, pub.day):
        return y
    try:
        ahead = (dt.date(y, m, d or 1) - pub).days
    except ValueError:
        return y
    return y if ahead <= NEAR_FUTURE_DAYS else y - 1


def short_year(yy: int | None, pub: dt.date | None) -> int | None:
    """The year a two-digit year names (18 -> 2018): the latest century that puts it at most a year after publication."""
    if yy is None or pub is None:
        return None
    y = pub.year // 100 * 100 + yy
    return y if y <= pub.year + 1 else y - 100
