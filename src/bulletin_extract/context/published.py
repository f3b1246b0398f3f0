"""A document's publication date, and the reference date of an undated text (a work report's title year)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import regex

from ..document.model import DocumentModel
from ..rules.ruleset import Ruleset

_TITLE_YEAR = re.compile(r"(?<![0-9])(?:1[89]|20)[0-9]{2}(?![0-9])")
# How much of the opening and the end of a text is looked at for a header or signature date line.
_HEAD_CHARS, _HEAD_LINES, _TAIL_CHARS, _TAIL_LINES = 600, 12, 200, 4
_OPENING_CHARS = 400


@dataclass(frozen=True, eq=False)
class PublishedPatterns:
    """A full date (year, month, day) and what may follow it on a date line (``patterns/context.yaml``)."""

    full_date: regex.Pattern[str]
    line_tail: regex.Pattern[str]
    strip: str

    @classmethod
    def compile(cls, rs: Ruleset) -> PublishedPatterns:
        c = rs.context
        g = rs.grammar
        return cls(
            full_date=regex.compile(c.full_date or "(?!)"),
            line_tail=regex.compile(c.date_line_tail or "(?!)"),
            strip="".join([*g.open_brackets, *g.close_brackets, *g.spaces]),
        )


def detect_published(doc: DocumentModel, pats: PublishedPatterns) -> dt.date | None:
    """Publication date: a header line that is only a date (``2020-02-22 12:33``), a dated line in brackets
    (``（2020年3月5日）``) or a dated signature line at the end; failing those, the latest full date in the
    opening lines, which is on or before publication in a report. None when the text names no full date."""
    folded = doc.folded
    lines = folded[:_HEAD_CHARS].split("\n")[:_HEAD_LINES] + folded[-_TAIL_CHARS:].split("\n")[-_TAIL_LINES:]
    for line in lines:
        core = line.strip().strip(pats.strip)
        m = pats.full_date.match(core)
        if m and pats.line_tail.fullmatch(core[m.end() :]):
            d = _date_of(m)
            if d is not None:
                return d
    found = [d for m in pats.full_date.finditer(folded[:_OPENING_CHARS]) if (d := _date_of(m)) is not None]
    return max(found) if found else None


def reference_date(doc: DocumentModel) -> dt.date | None:
    """For a text with no full date: the last day of the year its title names (a work report's 2015年),
    so that 今年, 去年 and month-day dates still resolve. Not a publication date; None without a year."""
    m = _TITLE_YEAR.search(doc.folded.split("\n", 1)[0][:80])
    return dt.date(int(m.group()), 12, 31) if m else None


def _date_of(m: regex.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
