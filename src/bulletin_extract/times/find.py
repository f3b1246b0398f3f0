"""Time expressions: find dates and periods, then resolve them against the publication date.

The grammar is data (``patterns/time_grammar.yaml``, compiled by :mod:`.grammar`): one regex of
branches keyed by rule id.  Each match goes to the resolver of its rule (:mod:`.resolvers`,
:mod:`.day`) with an explicit publication date and "reported" date, never the clock.  Impossible
dates (2月30日, 13月) are dropped, never returned.
"""

from __future__ import annotations

import datetime as dt
import inspect

from ..document.model import DocumentModel
from ..figures.zones import hits
from .candidate import TimeCandidate
from .day import TAIL_RESOLVERS
from .grammar import TimePatterns
from .hit import Hit
from .resolvers import RESOLVERS, WRITTEN_BY

__all__ = ["TimePatterns", "explain_time", "find_times"]


def find_times(doc: DocumentModel, pats: TimePatterns, published: dt.date | None, zones: bytes) -> list[TimeCandidate]:
    """Every date and period of *doc* outside the excluded *zones*, in order, with ISO values and rule ids.

    Unresolvable ones are dropped.  A plan period is written in quotes (“十三五”时期), which the
    short-quote zone would otherwise hide, so it counts wherever it stands.
    """
    return [t for t in _scan(doc.folded, pats, published) if t.in_zones or not hits(zones, t.start, t.end)]


def _scan(folded: str, pats: TimePatterns, published: dt.date | None) -> list[TimeCandidate]:
    out: list[TimeCandidate] = []
    pat, plan_anchor, window = pats.time, pats.plan_anchor, pats.plan_window
    pos = 0
    n = len(folded)
    reported: str | None = None
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
        cands = RESOLVERS[branch.rule](Hit(m, branch.groups, folded, pats, published, plan, reported))
        # A date that starts a span (2月1日以来) is not the period reported on.
        since = folded.startswith(pats.since, cands[-1].end) if cands else False
        for c in cands:
            out.append(c)
            if c.reported and not since:
                reported = c.value.split("T")[0]
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
