"""Zeros a bulletin states in words: ``无新增境外输入性新冠肺炎确诊病例`` is 0 new imported confirmed cases.

No numeral is written, so this is no figure (ANNOTATION §1); but a panel that reads the absence of a
number as missing would lose a value the text gives.  Each statement becomes a :class:`Derived` count of
0 with the indicator and scope named in it and the time that governs its sentence.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ..document.model import DocumentModel
from ..records import Derived, Scope
from ..rules.grammar import alternation_or_never
from ..rules.ruleset import Ruleset
from ..times.candidate import TimeCandidate
from .catalogue import IndicatorPatterns
from .divisions import Division

_NAME_CHARS = 24  # how far after the zero word the indicator's name may end


@dataclass(frozen=True, eq=False)
class ZeroPatterns:
    """The zero words (无新增) of the catalogue and the characters that end a statement."""

    zero: regex.Pattern[str]
    stops: frozenset[str]

    @classmethod
    def compile(cls, rs: Ruleset) -> ZeroPatterns:
        words = [w for f in rs.indicators for w in f.zeros]
        stops = frozenset([*rs.grammar.clause_marks, *rs.grammar.spaces, "\t"])
        return cls(regex.compile(alternation_or_never(words)), stops)


def _end(doc: DocumentModel, start: int, stops: frozenset[str]) -> int:
    limit = min(len(doc.folded), start + _NAME_CHARS)
    for i in range(start, limit):
        if doc.folded[i] in stops:
            return i
    return limit


def _last_time(times: Sequence[TimeCandidate], starts: list[int], lo: int, at: int) -> str | None:
    """The value of the last time of *times* (in text order, *starts* their starts) that starts at or after *lo*
    and ends by *at*: only times starting by *at* can end by it, so the search starts there, by bisection, and
    walks back at most over the times of one sentence."""
    for i in range(bisect.bisect_right(starts, at) - 1, bisect.bisect_left(starts, lo) - 1, -1):
        if times[i].end <= at:
            return times[i].value
    return None


def find_zeros(
    doc: DocumentModel,
    times: Sequence[TimeCandidate],
    zeros: ZeroPatterns,
    pats: IndicatorPatterns,
    home: Division | None,
) -> list[Derived]:
    """One zero count per statement whose words name a catalogued indicator (others are left alone)."""
    out: list[Derived] = []
    folded = doc.folded
    starts = [t.start for t in times]  # find_times gives them in text order
    for m in zeros.zero.finditer(folded):
        end = _end(doc, m.end(), zeros.stops)
        # The statement names one indicator, the first after the zero word (a title line runs on after it).
        name = pats.names.search(folded, m.end(), end)
        concept = pats.name_of[name.group()] if name else ""
        if not concept:
            continue
        ind = pats.indicator_id(concept, "new")
        if ind is None:
            continue
        assert name is not None
        stop = name.end()
        scopes = [pats.scope_of[s.group()] for s in pats.scopes.finditer(folded, m.end(), stop)]
        scope: Scope = scopes[-1] if scopes else "all"
        s0 = doc.sentences.start_of(m.start())
        as_of = _last_time(times, starts, s0, m.start())
        region = (home.full, home.code) if home else ("", None)
        zero = Derived(
            start=m.start(), end=stop, text=doc.text[m.start() : stop], value=0, unit="", indicator=ind,
            scope=scope, region=region[0], region_code=region[1], as_of=as_of, evidence=((m.start(), stop),),
        )  # fmt: skip
        out.append(zero)
    return out
