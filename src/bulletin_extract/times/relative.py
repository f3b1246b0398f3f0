"""Relative time words (今年, 上年同期, 昨日) resolved against the publication or the reported date.

A word's spec (``patterns/time_words.yaml``) gives its ``unit``, ``offset`` and ``base``: ``published``
counts from the publication date, ``reported`` from the period the text reports on, falling back to
the publication date when none was named yet.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .dates import fmt, shift_month

_YEAR_EDGE_MONTH = {"year_end": 12, "year_start": 1, "year_mid": 6}


def resolve_relative(spec: dict[str, Any], pub: dt.date | None, reported: str | None) -> str | None:
    """The ISO value of a relative word with *spec* (None without a base date, or a day from a coarser base)."""
    base_s = reported if spec.get("base") == "reported" and reported else (pub.isoformat() if pub else None)
    if base_s is None:
        return None
    unit, k = spec.get("unit"), int(spec.get("offset", 0))
    if unit == "same":
        # The same period shifted by k years: 2020-01/2020-02 -> 2019-01/2019-02.
        return "/".join(f"{int(x[:4]) + k:04d}{x[4:]}" for x in base_s.split("T")[0].split("/"))
    bits = [int(x) for x in base_s.split("/")[-1].split("T")[0].split("-") if x.isdigit()]
    y = bits[0]
    if unit == "year":
        return f"{y + k:04d}"
    if unit in _YEAR_EDGE_MONTH:
        return fmt(y + k, _YEAR_EDGE_MONTH[str(unit)])
    m = bits[1] if len(bits) > 1 else (pub.month if pub else 1)
    if unit == "month":
        yy, mm = shift_month(y, m, k)
        return fmt(yy, mm)
    d = bits[2] if len(bits) > 2 else None
    if d is None:
        return None
    if unit == "week":
        # Calendar weeks, Monday to Sunday, as ISO weeks count them (本周, 上周).
        day = dt.date(y, m, d) + dt.timedelta(weeks=k)
        monday = day - dt.timedelta(days=day.weekday())
        return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"
    return (dt.date(y, m, d) + dt.timedelta(days=k)).isoformat()


def relative_year(word: str, table: dict[str, dict[str, Any]], pub: dt.date | None, reported: str | None) -> int | None:
    """The year a year word (前年, 上年) names, through the relative table (None if unknown or unresolvable)."""
    spec = table.get(word)
    v = resolve_relative(spec, pub, reported) if spec else None
    return int(v[:4]) if v else None


def relative_month(
    word: str, table: dict[str, dict[str, Any]], pub: dt.date | None, reported: str | None
) -> tuple[int, int] | None:
    """The year and month a month word (本月, 上月) names, through the relative table (None if unknown)."""
    spec = table.get(word)
    v = resolve_relative(spec, pub, reported) if spec else None
    if v is None or len(v) != 7:
        return None
    return int(v[:4]), int(v[5:7])
