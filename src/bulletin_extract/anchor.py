"""The publication date as the anchor of relative and year-less times: the range it may take, and a warning
for the times a document without one leaves unresolved.

Relative expressions reach up to a century from the anchor (一百年前, 今后一百年), so an anchor near the
ends of ISO 8601's years 0001-9999 would give years no ISO date can write (``10000``, ``-002``) or overflow
Python's dates.  Anchors are kept to years 1000-8999, far from both ends.
"""

from __future__ import annotations

import datetime as dt
import logging

from .document.model import DocumentModel
from .times.candidate import TimeCandidate
from .times.find import TimePatterns, find_times

log = logging.getLogger("bulletin_extract")

EARLIEST = dt.date(1000, 1, 1)
LATEST = dt.date(8999, 12, 31)
# Any date well inside the range: only whether a time resolves against some anchor matters.
_PROBE = dt.date(2000, 6, 15)
_SHOWN = 5


def in_range(day: dt.date) -> bool:
    """True when *day* can anchor relative times (years 1000 to 8999)."""
    return EARLIEST <= day <= LATEST


def detected_anchor(day: dt.date | None, doc_id: str | None) -> dt.date | None:
    """A publication date found in the text, or None (with a warning) when it cannot anchor times."""
    if day is None or in_range(day):
        return day
    log.warning(
        "%s: the date %s the text gives as its publication date is outside the years %d to %d; not used",
        doc_id or "document",
        day.isoformat(),
        EARLIEST.year,
        LATEST.year,
    )
    return None


def warn_unanchored(
    doc: DocumentModel, pats: TimePatterns, zones: bytes, found: list[TimeCandidate], doc_id: str | None
) -> None:
    """Warn about the times of an undated document that would resolve with a publication date (3月5日, 昨日).

    They are not in the result: their year is unknown, and a guess would be a wrong value.
    """
    have = {(t.start, t.end) for t in found}
    missing = [t for t in find_times(doc, pats, _PROBE, zones) if (t.start, t.end) not in have]
    if not missing:
        return
    shown = ", ".join(f"{doc.text[t.start : t.end]!r}@{t.start}" for t in missing[:_SHOWN])
    more = f" and {len(missing) - _SHOWN} more" if len(missing) > _SHOWN else ""
    log.warning(
        "%s: %d time expression(s) need a publication date and were left out (%s%s): pass published "
        "(--published, a manifest or record date) to resolve them",
        doc_id or "document",
        len(missing),
        shown,
        more,
    )
