"""Dates written with a year, month, day or hour (2020年, 2月20日12时, 3月底, 20日) and what may follow a day.

:func:`resolve_date` resolves the ``time.date`` branch; a date with a day then tries the tails of
``patterns/time_grammar.yaml`` right after it (:data:`TAIL_RESOLVERS`): hours of that day, a range to
a later day, a list of more days of the same month.
"""

from __future__ import annotations

from collections.abc import Callable

from .candidate import TimeCandidate
from .dates import FAR_FUTURE_YEARS, fmt, infer_year, shift_month, short_year, valid
from .hit import Day, Hit

TailResolver = Callable[[Hit, Day, TimeCandidate], list[TimeCandidate]]


def resolve_date(h: Hit) -> list[TimeCandidate]:
    """A date down to its finest part (year, month, day, hour).  A year word (前年) resolves through the
    relative table; a missing year is the publication year, or the year before when the date would
    otherwise lie more than a few weeks after publication (unless a plan word stands before it).  A day
    alone is a day of the publication month (or the one before), an hour needs a day, an edge (底, 中旬)
    widens the text and turns a year into its end or start month.  A day may go on in a tail."""
    y, mo, d = h.num("y"), h.num("m"), h.num("d")
    if y is not None and h.pub is not None and y > h.pub.year + FAR_FUTURE_YEARS:
        return []
    if h.group("yw"):
        y = h.year_of_word("yw")
    elif h.group("yy"):
        y = short_year(h.num("yy"), h.pub)
        if y is None:
            return []
    if h.group("mw"):
        named = h.month_of_word("mw")
        if named is None:
            return []
        y, mo = named
    hour, mi = h.num("h"), h.num("mi")
    s, e = h.start, h.end
    if mo is None and y is None:
        day = _day_alone(h, d, hour)
        if day is None:
            return []
        y, mo = day
    if hour is not None and d is None:
        e = h.start_of("h")  # an hour needs a day; keep the date part only
        hour = mi = None
        if e <= s:
            return []
    if d is not None and mo is None:
        return []
    if y is None:
        y = infer_year(mo or 1, d, h.pub, h.plan)
        if y is None:
            return []
    if not valid(y, mo, d) or (hour is not None and hour > 24):
        return []
    value = fmt(y, mo, d, hour, mi)
    edge = h.group("edge")
    if edge and d is None:
        if mo is None:
            month = h.pats.edges[edge]
            value = fmt(y, month) if month is not None else fmt(y)
        e = h.end_of("edge")
    elif edge:
        e = h.end_of("d")
    first = TimeCandidate(s, e, "date", value, "time.date", True)
    if d is None:
        return [first]
    return _with_tail(h, Day(y, mo, d, hour), first)


def _day_alone(h: Hit, d: int | None, hour: int | None) -> tuple[int, int] | None:
    """Year and month of a day written alone (记者20日获悉): the publication month, or the one before."""
    pub, text, s = h.pub, h.text, h.start
    if d is None or hour is not None or pub is None:
        return None
    pats = h.pats
    if (
        text[h.end_of("d") : h.end_of("d") + 1] not in pats.day_alone_marks
        or text.startswith(pats.day_alone_not_followed_by, h.end)
        or (s > 0 and (text[s - 1].isdigit() or text.endswith(pats.day_alone_not_preceded_by, 0, s)))
    ):
        return None
    return (pub.year, pub.month) if d <= pub.day else shift_month(pub.year, pub.month, -1)


def _with_tail(h: Hit, day: Day, first: TimeCandidate) -> list[TimeCandidate]:
    t = h.tail_at(first.end)
    if t is None:
        return [first]
    return TAIL_RESOLVERS[t[0]](t[1], day, first)


def resolve_hours(t: Hit, day: Day, first: TimeCandidate) -> list[TimeCandidate]:
    """2月19日0时至12时: the hours of that day (a period); 0-24时 is the whole day (rule ``time.whole_day``)."""
    a = day.h if t.group("until") is not None else t.num("a")
    b = t.num("until") if t.group("until") is not None else t.num("b")
    if a is None or b is None or not a < b <= 24:
        return [first]
    if a == 0 and b == 24:
        return [TimeCandidate(first.start, t.end, "date", fmt(day.y, day.m, day.d), "time.whole_day", True)]
    period = f"{fmt(day.y, day.m, day.d, a)}/{fmt(day.y, day.m, day.d, b)}"
    return [TimeCandidate(first.start, t.end, "period", period, "time.hours", True)]


def resolve_day_range(t: Hit, day: Day, first: TimeCandidate) -> list[TimeCandidate]:
    """1月27日至2月20日, 2月1日—15日: from the date to a later one (its year and month default to the first's;
    an earlier month without a year is in the next year)."""
    y2 = t.num("y") or day.y
    m2 = t.num("m") or day.m
    d2 = t.num("d")
    if y2 == day.y and t.group("y") is None and (m2 or 0) < (day.m or 0):
        y2 = day.y + 1
    if d2 is None or not valid(y2, m2, d2):
        return [first]
    end_v = fmt(y2, m2, d2, t.num("h"))
    if end_v <= first.value:
        return [first]
    return [TimeCandidate(first.start, t.end, "period", f"{first.value}/{end_v}", "time.day_range", True)]


def resolve_day_list(t: Hit, day: Day, first: TimeCandidate) -> list[TimeCandidate]:
    """2月12日和18日: each further day of the list is a date of the same month."""
    out = [first]
    tail: tuple[str, Hit] | None = ("time.day_list", t)
    while tail is not None and tail[0] == "time.day_list":
        u = tail[1]
        d2 = u.num("d")
        if d2 is None or not valid(day.y, day.m, d2):
            break
        out.append(TimeCandidate(u.start_of("d"), u.end, "date", fmt(day.y, day.m, d2), "time.day_list", True))
        tail = u.tail_at(u.end)
    return out


TAIL_RESOLVERS: dict[str, TailResolver] = {
    "time.hours": resolve_hours,
    "time.day_range": resolve_day_range,
    "time.day_list": resolve_day_list,
}
