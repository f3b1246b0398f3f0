"""Holidays, events and lunar dates whose days are known from tables (``patterns/holiday_dates.yaml``).

国庆假期 is the days off the State Council set for that year's National Day, 亚运会期间 the days of the Games
held that year, 正月初五 a day counted from the lunar new year.  Without a year written, each is the latest
that begins by a few weeks after publication (within a year after a plan word); a year the table does not
list gives nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from .candidate import TimeCandidate
from .dates import NEAR_FUTURE_DAYS, num
from .hit import Hit

Days = tuple[dt.date, dt.date]


def _year(h: Hit, start_in: Callable[[int], dt.date | None]) -> int | None:
    """The year written or named before the match, else the publication year (or the one before, see above)."""
    if h.group("y"):
        return h.num("y")
    if h.groups.get("yw") is not None and h.group("yw"):
        return h.year_of_word("yw")
    pub = h.pub
    if pub is None:
        return None
    # The latest that begins by a few weeks after publication (a plan word: within a year): 春节期间 in a
    # December release is the coming one, 国庆假期 in March the last.
    limit = pub + dt.timedelta(days=366 if h.plan else NEAR_FUTURE_DAYS)
    for y in (pub.year + 1, pub.year, pub.year - 1):
        start = start_in(y)
        if start is not None and start <= limit:
            return y
    return pub.year


def year_alone(h: Hit) -> list[TimeCandidate]:
    """The year written before a match that resolves to nothing (2021年第53周, 2024年正月三十): still a date."""
    y = h.num("y")
    if y is None:
        return []
    return [TimeCandidate(h.start, h.end_of("y") + 1, "date", f"{y:04d}", "time.date", True)]


def _first_day(table: Mapping[int, Days], y: int) -> dt.date | None:
    days = table.get(y)
    return None if days is None else days[0]


def resolve_holiday(h: Hit) -> list[TimeCandidate]:
    """国庆假期, 2020年春节期间, 亚运会期间: the holiday's days off (or the event's days) of the year, a period."""
    table = h.pats.named_periods.get(h.group("name") or "", {})
    y = _year(h, lambda year: _first_day(table, year))
    days = table.get(y) if y is not None else None
    if days is None:
        return year_alone(h)
    a, b = days
    return [TimeCandidate(h.start, h.end, "period", f"{a.isoformat()}/{b.isoformat()}", "time.holiday", True)]


def _lunar_day(h: Hit, name: str) -> int | None:
    """初五 -> 5, 十五 -> 15, 廿三 -> 23: the day of the lunar month group *name* writes."""
    s = h.group(name)
    if not s:
        return None
    add = h.pats.lunar_day_prefixes.get(s[0])
    n = num(s[1:] if add is not None else s, h.pats.numerals)
    return None if n is None else n + (add or 0)


def resolve_lunar(h: Hit) -> list[TimeCandidate]:
    """正月初五, 正月初五至正月十五: days of the first lunar month of the year, counted from its new year."""
    table = h.pats.lunar_first_month
    a, b = _lunar_day(h, "a"), _lunar_day(h, "b")
    if a is None:
        return year_alone(h)
    y = _year(h, lambda year: _day_of(table.get(year), a))
    first = _day_of(table.get(y), a) if y is not None else None
    if first is None:
        return year_alone(h)
    if h.group("b") is None:
        return [TimeCandidate(h.start, h.end, "date", first.isoformat(), "time.lunar", True)]
    last = _day_of(table.get(y), b) if y is not None and b is not None else None
    if last is None or last <= first:
        return [TimeCandidate(h.start, h.end_of("a"), "date", first.isoformat(), "time.lunar", True)]
    return [TimeCandidate(h.start, h.end, "period", f"{first.isoformat()}/{last.isoformat()}", "time.lunar", True)]


def _day_of(month: Days | None, day: int) -> dt.date | None:
    """The *day*-th day of the lunar month that runs over *month* (None when it has no such day)."""
    if month is None or not 1 <= day <= (month[1] - month[0]).days + 1:
        return None
    return month[0] + dt.timedelta(days=day - 1)
