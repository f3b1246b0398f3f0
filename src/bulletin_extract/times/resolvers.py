"""One resolver per time rule: a branch's match (:class:`~.hit.Hit`) to candidates with ISO values.

:data:`RESOLVERS` maps each branch of ``patterns/time_grammar.yaml`` to its resolver by rule id.
A resolver returns nothing for what cannot be resolved (no publication date, an impossible date);
its docstring says how it reads its match (``bulletin-extract explain`` shows it).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable

from ..records import TimeType
from .candidate import TimeCandidate
from .dates import NEAR_FUTURE_DAYS, fmt, infer_year, num, short_year, valid
from .day import resolve_date
from .hit import Hit
from .named import resolve_holiday, resolve_lunar, year_alone
from .relative import resolve_relative

_DIGITS = re.compile("[0-9]+")

Resolver = Callable[[Hit], list[TimeCandidate]]


def resolve_iso(h: Hit) -> list[TimeCandidate]:
    """2020-02-22 12:33: the date (and hour and minute) as written; 2018/1/10-2018/7/10 a period to a later date
    (rule ``time.iso_range``; the end's year defaults to the start's)."""
    y, mo, d = h.num("y"), h.num("m"), h.num("d")
    if y is None or not valid(y, mo, d):
        return []
    value = fmt(y, mo, d, h.num("h"), h.num("mi"))
    if h.group("d2") is not None:
        y2, m2, d2 = h.num("y2") or y, h.num("m2"), h.num("d2")
        if m2 is not None and d2 is not None and valid(y2, m2, d2) and fmt(y2, m2, d2) > value:
            return [TimeCandidate(h.start, h.end, "period", f"{value}/{fmt(y2, m2, d2)}", "time.iso_range", True)]
        # No range (2018/7/10-2018/1/10): two dates.
        out = [TimeCandidate(h.start, h.end_of("mi" if h.group("mi") else "d"), "date", value, "time.iso", True)]
        if m2 is not None and d2 is not None and valid(y2, m2, d2):
            s2 = h.start_of("y2" if h.group("y2") else "m2")
            out.append(TimeCandidate(s2, h.end, "date", fmt(y2, m2, d2), "time.iso", True))
        return out
    return [TimeCandidate(h.start, h.end, "date", value, "time.iso", True)]


def resolve_week(h: Hit) -> list[TimeCandidate]:
    """2024年第10周: Monday to Sunday of ISO week 10 of the year written or named, else of the publication year
    (the year before when that week begins weeks after publication).  It counts inside the ordinal zone."""
    w = h.num("w") or 0
    y = h.num("y") if h.group("y") else h.year_of_word("yw") if h.group("yw") else None
    pub = h.pub
    if y is None and pub is not None:
        this = _iso_week(pub.year, w)
        late = this is not None and not h.plan and (this - pub).days > NEAR_FUTURE_DAYS
        y = pub.year - 1 if late else pub.year
    monday = _iso_week(y, w) if y is not None else None
    if monday is None:
        return year_alone(h)  # 2021年第53周: no such week
    period = f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"
    return [TimeCandidate(h.start, h.end, "period", period, "time.week", True, in_zones=True)]


def _iso_week(y: int, w: int) -> dt.date | None:
    try:
        return dt.date.fromisocalendar(y, w, 1)
    except ValueError:
        return None


def resolve_year_range(h: Hit) -> list[TimeCandidate]:
    """2016—2020年: the years from the first to the second (which must be later)."""
    a, b = h.num("a"), h.num("b")
    if a is None or b is None or not a < b:
        return []
    return [TimeCandidate(h.start, h.end, "period", f"{a:04d}/{b:04d}", "time.year_range", True)]


def resolve_plan_period(h: Hit) -> list[TimeCandidate]:
    """“十三五”时期: the five years of the n-th five-year plan (it counts even inside quotes)."""
    n = h.num("n") if h.group("n") else h.num("n2")
    if n is None:
        return []
    # The first two plans began 1953 and 1958; from the third (1966) they run back to back.
    a = {1: 1953, 2: 1958}.get(n, 1966 + 5 * (n - 3))
    return [TimeCandidate(h.start, h.end, "period", f"{a:04d}/{a + 4:04d}", "time.plan_period", True, in_zones=True)]


def resolve_since_year(h: Hit) -> list[TimeCandidate]:
    """2012年以来, 05年以来: from that year to the publication year (an earlier year only)."""
    a = h.num("a") if h.group("a") else short_year(h.num("aa"), h.pub)
    if a is None or h.pub is None or a >= h.pub.year:
        return []
    return [TimeCandidate(h.start, h.end, "period", f"{a:04d}/{h.pub.year:04d}", "time.since_year", True)]


def resolve_decade(h: Hit) -> list[TimeCandidate]:
    """九十年代, 90年代, 上世纪80年代: the ten years of the decade (the 1900s unless 本世纪 says the 2000s).

    It counts inside the decade zone, which is there to keep 90 and 年 from being a figure."""
    d0 = h.num("d")
    if d0 is None:
        return []
    a = (2000 if h.group("c21") else 1900) + d0 if d0 < 100 else d0
    return [TimeCandidate(h.start, h.end, "period", f"{a:04d}/{a + 9:04d}", "time.decade", False, in_zones=True)]


def resolve_month_range(h: Hit) -> list[TimeCandidate]:
    """1—7月: months of the year written or named before, else of the year inferred from the last month."""
    a, b = h.num("a"), h.num("b")
    if h.group("y"):
        y = h.num("y")
    elif h.group("yw"):
        y = h.year_of_word("yw")
    else:
        y = infer_year(b or 1, 1, h.pub, h.plan)
    if y is None or a is None or b is None or not (valid(y, a) and valid(y, b)) or a >= b:
        return []
    return [TimeCandidate(h.start, h.end, "period", f"{fmt(y, a)}/{fmt(y, b)}", "time.month_range", True)]


def resolve_year_list(h: Hit) -> list[TimeCandidate]:
    """1998、1999年: each year of the list is a date (rising years only; else the last alone)."""
    items, base = h.group("items") or "", h.start_of("items")
    spans = [(base + m.start(), base + m.end()) for m in _DIGITS.finditer(items)]
    years = [int(h.text[a:b]) for a, b in spans] + [int(h.group("last") or 0)]
    spans.append((h.start_of("last"), h.end))
    if any(a >= b for a, b in itertools.pairwise(years)):
        spans, years = spans[-1:], years[-1:]
    # A list at a line start (1998、1999年…) is no list marker: in_zones.
    return [
        TimeCandidate(a, b, "date", fmt(y), "time.year_list", True, in_zones=True)
        for (a, b), y in zip(spans, years, strict=True)
    ]


def resolve_month_list(h: Hit) -> list[TimeCandidate]:
    """3、4、5月: each month of the list is a date (rising months only), of the year written or named before,
    else of the year inferred from the last month.  The first item's span holds the year written before it."""
    numerals = h.pats.numerals
    marks = set(numerals.digits) | set(numerals.small_units)
    items = h.group("items") or ""
    base = h.start_of("items")
    spans: list[tuple[int, int]] = []
    for i, ch in enumerate(items):
        if ch.isdigit() or ch in marks:
            if spans and spans[-1][1] == base + i:
                spans[-1] = (spans[-1][0], base + i + 1)
            else:
                spans.append((base + i, base + i + 1))
    months = [num(h.text[a:b], numerals) for a, b in spans] + [h.num("last")]
    y = h.num("y") if h.group("y") else h.year_of_word("yw") if h.group("yw") else None
    if y is None:
        y = infer_year(months[-1] or 1, None, h.pub, h.plan)
    if y is None or not all(m is not None and 1 <= m <= 12 for m in months):
        return []
    spans = [(h.start, spans[0][1]), *spans[1:], (h.start_of("last"), h.end)]
    if any(a is None or b is None or a >= b for a, b in itertools.pairwise(months)):
        spans, months = spans[-1:], months[-1:]  # 5、3月 is no list of months: 3月 alone is a date
    return [
        TimeCandidate(a, b, "date", fmt(y, m), "time.month_list", True)
        for (a, b), m in zip(spans, months, strict=True)
        if m is not None
    ]


def _quarter_year(h: Hit, q: int) -> int | None:
    """The year of quarter *q*: as written, else the year reported on, else the latest year it has begun in."""
    y = h.prefix_year()
    pub = h.pub
    if y is not None or pub is None:
        return y
    # 2024年…一季度 in a January 2025 release: the year being reported on, once that quarter has begun.
    if h.reported and int(h.reported[:4]) * 4 + q <= pub.year * 4 + (pub.month - 1) // 3 + 1:
        return int(h.reported[:4])
    return pub.year if (h.plan or (q - 1) * 3 + 1 <= pub.month) else pub.year - 1


def resolve_quarters_to_date(h: Hit) -> list[TimeCandidate]:
    """前三季度: the first quarter to the n-th of the year (see :func:`resolve_quarter` for the year)."""
    q = h.num("q")
    y = _quarter_year(h, q) if q is not None and 1 <= q <= 4 else None
    if q is None or y is None:
        return []
    return [TimeCandidate(h.start, h.end, "period", f"{y:04d}-Q1/{y:04d}-Q{q}", "time.quarters_to_date", True)]


def resolve_quarter(h: Hit) -> list[TimeCandidate]:
    """一季度: the quarter of the year written before it, else of the year reported on if that quarter has
    begun by publication, else of the publication year (the year before when it has not begun yet)."""
    q = h.num("q")
    y = _quarter_year(h, q) if q is not None and 1 <= q <= 4 else None
    if q is None or y is None:
        return []
    return [TimeCandidate(h.start, h.end, "date", f"{y:04d}-Q{q}", "time.quarter", True)]


def resolve_half(h: Hit) -> list[TimeCandidate]:
    """上半年: the half of the year written before it, else of the year reported on if that half has begun,
    else of the publication year (the year before for 下半年 published in the first half)."""
    half = h.pats.halves[h.group("half") or ""]
    y = h.prefix_year()
    pub = h.pub
    if (
        y is None
        and h.reported
        and pub is not None
        and (int(h.reported[:4]), half) <= (pub.year, 1 if pub.month < 7 else 2)
    ):
        y = int(h.reported[:4])
    if y is None and pub is not None:
        y = pub.year if (h.plan or half == 1 or pub.month >= 7) else pub.year - 1
    if y is None:
        return []
    return [TimeCandidate(h.start, h.end, "date", f"{y:04d}-H{half}", "time.half", True)]


def resolve_months_to_date(h: Hit) -> list[TimeCandidate]:
    """前5个月: January to the n-th month of the year written before it, else of the publication year."""
    k = h.num("k")
    y = h.prefix_year() or (h.pub.year if h.pub else None)
    if y is None or k is None or not 1 <= k <= 12:
        return []
    return [TimeCandidate(h.start, h.end, "period", f"{y:04d}-01/{fmt(y, k)}", "time.months_to_date", True)]


def resolve_span(h: Hit) -> list[TimeCandidate]:
    """过去五年, 五年来: the k years before the publication year; 今后五年: it and the k-1 after it.

    One year is a date.  A bare count after a pause (，三年间) is always a period of two years or more
    and never the period reported on.
    """
    pub = h.pub
    if h.group("bare"):
        k = h.num("bare")
        if k is None or pub is None or k < 2:
            return []
        return [TimeCandidate(h.start, h.end, "period", f"{pub.year - k:04d}/{pub.year - 1:04d}", "time.span", False)]
    k = h.num("k") if h.group("k") else h.num("k2")
    if k is None or pub is None or not 1 <= k <= 100:
        return []
    if h.group("pre") in h.pats.ahead:
        a, b = pub.year, pub.year + k - 1
    else:
        a, b = pub.year - k, pub.year - 1
    if k == 1:
        return [TimeCandidate(h.start, h.end, "date", f"{a:04d}", "time.span", True)]
    return [TimeCandidate(h.start, h.end, "period", f"{a:04d}/{b:04d}", "time.span", True)]


def resolve_years_ago(h: Hit) -> list[TimeCandidate]:
    """五年前: the year k years before the publication year."""
    k = h.num("k")
    if k is None or h.pub is None or not 1 <= k <= 100:
        return []
    return [TimeCandidate(h.start, h.end, "date", f"{h.pub.year - k:04d}", "time.years_ago", False)]


def resolve_relative_word(h: Hit) -> list[TimeCandidate]:
    """今年, 上年同期, 昨日: the word's spec in time_words.yaml against the publication date, or against the
    period reported on for ``base: reported`` (rule ``time.relative.reported``).  A word counted from
    publication by years or months names the period reported on; a day (昨日) does not."""
    spec = h.pats.relative[h.group("w") or ""]
    v = resolve_relative(spec, h.pub, h.reported)
    if v is None:
        return []
    typ: TimeType = "period" if "/" in v else "date"
    rule = "time.relative.reported" if spec.get("base") == "reported" else "time.relative"
    return [TimeCandidate(h.start, h.end, typ, v, rule, spec.get("base") == "published" and spec.get("unit") != "day")]


RESOLVERS: dict[str, Resolver] = {
    "time.iso": resolve_iso,
    "time.week": resolve_week,
    "time.holiday": resolve_holiday,
    "time.lunar": resolve_lunar,
    "time.year_range": resolve_year_range,
    "time.plan_period": resolve_plan_period,
    "time.since_year": resolve_since_year,
    "time.decade": resolve_decade,
    "time.year_list": resolve_year_list,
    "time.month_list": resolve_month_list,
    "time.month_range": resolve_month_range,
    "time.quarters_to_date": resolve_quarters_to_date,
    "time.quarter": resolve_quarter,
    "time.half": resolve_half,
    "time.months_to_date": resolve_months_to_date,
    "time.span": resolve_span,
    "time.years_ago": resolve_years_ago,
    "time.date": resolve_date,
    "time.relative": resolve_relative_word,
}

# Rules a resolver writes besides its own: rule -> the rule of the branch or tail that writes it.
WRITTEN_BY = {"time.relative.reported": "time.relative", "time.whole_day": "time.hours", "time.iso_range": "time.iso"}
