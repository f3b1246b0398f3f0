"""ISO 8601 times as the extractor writes them -> (start date, end date, granularity) for panel columns."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}(?::\d{2})?)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")

Bounds = tuple[dt.date | None, dt.date | None, str]


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _one(iso: str) -> Bounds:
    if m := _DAY.match(iso):
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return d, d, "day"
    if m := _MONTH.match(iso):
        y, mo = int(m[1]), int(m[2])
        return dt.date(y, mo, 1), _month_end(y, mo), "month"
    if m := _QUARTER.match(iso):
        y, q = int(m[1]), int(m[2])
        return dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"
    if m := _HALF.match(iso):
        y, h = int(m[1]), int(m[2])
        return dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "half"
    if m := _WEEK.match(iso):
        start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return start, start + dt.timedelta(days=6), "week"
    if m := _YEAR.match(iso):
        y = int(m[1])
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    return None, None, "unknown"


def period_bounds(iso: str | None) -> Bounds:
    """``2023-Q1`` -> (2023-01-01, 2023-03-31, quarter); ``A/B`` spans A's start to B's end ("range").

    A time the extractor could not pin to the calendar (an open start ``../2020``, a bare duration) gives
    ``(None, None, "unknown")``; nothing raises.
    """
    if not iso:
        return None, None, "unknown"
    try:
        if "/" in iso:
            a, b = iso.split("/", 1)
            start, _, ga = _one(a)
            _, end, gb = _one(b)
            if start is None or end is None:
                return None, None, "unknown"
            return start, end, (ga if ga == gb and start == _one(b)[0] else "range")
        return _one(iso)
    except ValueError:  # an impossible date (2月30日) or week number
        return None, None, "unknown"
