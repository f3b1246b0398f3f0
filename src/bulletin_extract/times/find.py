"""Time expressions: find dates and periods, then resolve them against the publication date.

The grammar is data (``patterns/time_grammar.yaml``, compiled by :mod:`.grammar`): one regex of
branches keyed by rule id.  Each match goes to the resolver of its rule (:mod:`.resolvers`,
:mod:`.day`) with an explicit publication date and "reported" date, never the clock.  Impossible
dates (2月30日, 13月) are dropped, never returned.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable

from ..document.model import DocumentModel
from ..figures.zones import hits
from .candidate import TimeCandidate
from .day import TAIL_RESOLVERS
from .grammar import TimePatterns
from .hit import Hit
from .resolvers import RESOLVERS, WRITTEN_BY

_HEAD_LINES = 3  # the title and the lines right after it, where a page's byline stands

__all__ = ["TimePatterns", "explain_time", "find_times"]


def find_times(doc: DocumentModel, pats: TimePatterns, published: dt.date | None, zones: bytes) -> list[TimeCandidate]:
    """Every date and period of *doc* outside the excluded *zones*, in order, with ISO values and rule ids.

    Unresolvable ones are dropped.  A plan period is written in quotes (“十三五”时期), which the
    short-quote zone would otherwise hide, so it counts wherever it stands.
    """
    first = len(doc.folded) - len(doc.folded.lstrip())
    title_end = doc.line_bounds(first)[1] if first < len(doc.folded) else 0
    starts, k = doc.lines.starts, doc.lines.index(first)
    head_end = starts[k + _HEAD_LINES] if k + _HEAD_LINES < len(starts) else len(doc.folded)
    layout = (title_end, head_end, doc.sentences.start_of, doc.clauses.start_of)
    return _scan(doc.folded, pats, published, layout, zones)


def _scan(
    folded: str,
    pats: TimePatterns,
    published: dt.date | None,
    layout: tuple[int, int, Callable[[int], int], Callable[[int], int]],
    zones: bytes,
) -> list[TimeCandidate]:
    """The candidates outside *zones* in order, each resolved against the period reported on so far.

    A candidate inside a zone is no time and moves nothing (a table cell's 2508.3-13.2 names no year). That
    period moves with every time that names one, except a comparison base (比上年四季度, 较2022年), the
    publication day in a byline and, in a document whose title names the earlier year it reports on (2006年…
    统计公报 published in 2007), a time of another year (a table's base year, 2012年奥运会 in a report on 2011):
    one that opens its clause is its own sentence's period only (经最终核实，2022年…比上年: 上年 is 2021).
    *layout*: the ends of the title and of the opening lines, the starts of an offset's sentence and clause.
    """
    out: list[TimeCandidate] = []
    pat, plan_anchor, window, base_mark = pats.time, pats.plan_anchor, pats.plan_window, pats.base_mark
    pos = 0
    n = len(folded)
    reported: str | None = None
    title_end, head_end, sentence_of, clause_of = layout
    pub_day = published.isoformat() if published is not None else None
    floor = 0  # the report year a title names, when it is before the publication year
    local: tuple[int, str] | None = None  # (sentence start, period) of a time before the floor
    while pos < n:
        m = pat.search(folded, pos)
        if m is None:
            break
        s, e = m.span()
        if e == s or m.lastindex is None:
            pos = s + 1
            continue
        plan = plan_anchor.search(folded, max(0, s - window), s) is not None
        branch = pats.branches[m.lastindex]
        here = local[1] if local is not None and local[0] == sentence_of(s) else reported
        cands = RESOLVERS[branch.rule](Hit(m, branch.groups, folded, pats, published, plan, here))
        # A date that starts a span (2月1日以来) is not the period reported on.
        since = folded.startswith(pats.since, cands[-1].end) if cands else False
        base = base_mark.match(folded, s) is not None
        for c in cands:
            if not c.in_zones and hits(zones, c.start, c.end):
                continue
            out.append(c)
            year = int(c.value[:4])
            if c.end <= title_end and len(c.value) == 4 and published is not None and year < published.year:
                floor = max(floor, year)
            day = c.value.split("T")[0]
            # The publication day in a byline (发布时间：2024-03-29 10:15: with its clock time, or in the opening
            # lines) dates the page, not what it reports on; elsewhere it is a day like any other.
            dateline = day == pub_day and ("T" in c.value or c.start < head_end)
            if c.reported and not since and not base and not dateline:
                if floor == 0 or year == floor:
                    reported = day
                    out[-1] = c._replace(moves=True)
                elif not folded[clause_of(c.start) : c.start].strip():
                    local = (sentence_of(c.start), day)
        pos = max(e, cands[-1].end if cands else e)
    return out


def explain_time(rule_id: str, pats: TimePatterns | None = None) -> str:
    """How candidates of *rule_id* are found and resolved: the resolver's docstring and its branch in the grammar.

    *pats* defaults to the built-in engine's.  :class:`KeyError` for a rule no resolver writes.
    """
    if pats is None:
        from ..engine import default_engine  # the engine imports this module

        pats = default_engine().times
    rule = WRITTEN_BY.get(rule_id, rule_id)
    resolver = RESOLVERS.get(rule) or TAIL_RESOLVERS.get(rule)
    branch = pats.branch(rule)
    if resolver is None or branch is None:
        known = sorted({*RESOLVERS, *TAIL_RESOLVERS, *WRITTEN_BY})
        raise KeyError(f"no time rule {rule_id!r}; the rules are {', '.join(known)}")
    lines = [rule_id if rule == rule_id else f"{rule_id} (written by {rule})", ""]
    lines.append(inspect.getdoc(resolver) or "")
    section = "tails" if rule in TAIL_RESOLVERS else "branches"
    lines += ["", f"{section}.{rule} in {branch.origin}:", f"  {branch.template}"]
    return "\n".join(lines)
