"""Run entity rules over a text whose earlier entities are masked, with a named overlap policy.

A found entity is ``Found(start, end, label, rule)``.  Rules run in stage order;
after each rule that changed something, the mask is updated where it changed so later
rules see its results as ``{LOC}``/``{ORG}``/... markers.  Pure Python: no spaCy.

A rule's matches come in text order and do not overlap (``finditer``), so one rule is one
sweep over the sorted spans: each match finds its neighbours by bisection from where the
previous one stopped, and the new span list is built once per rule, not once per match.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import regex

from ..rules.guarded import finditer
from .lexicon import GAZETTEER_PREFIX, CompiledRule
from .needs import Presence
from .template import markers_of, mask, remask

Checker = Callable[[str, int, int, frozenset[str]], "tuple[int, int] | None"]
"""A named check: ``(text, start, end, words)`` -> the (possibly trimmed) span to keep, or None to reject; *words*
are the rule's ``check_words`` list (folded), empty when it names none."""


class Found(NamedTuple):
    """An entity span found by the gazetteer or a rule."""

    start: int
    end: int
    label: str
    rule: str


Policy = Callable[[Sequence[Found], Found], bool]
"""An overlap policy: does the new span (second) replace the spans it overlaps (first, sorted)?"""


def longer_wins(overlapped: Sequence[Found], new: Found) -> bool:
    """*new* replaces the spans it overlaps if it is longer than each of them.

    On equal length a rule's span (found in context) beats a bare gazetteer match,
    and otherwise the earlier span is kept.
    """
    length = new.end - new.start
    for f in overlapped:
        other = f.end - f.start
        if other > length or (other == length and not f.rule.startswith(GAZETTEER_PREFIX)):
            return False
    return True


def _end(f: Found) -> int:
    return f.end


class _Sweep:
    """One rule's pass over sorted, non-overlapping *spans*: matches must come in text order."""

    def __init__(self, spans: list[Found]) -> None:
        self.old = spans
        self.out: list[Found] = []
        self.pos = 0  # old[:pos] are decided: copied to out or replaced
        self.last = 0  # end of the previous match: a match before it breaks the order
        self.dirty: list[tuple[int, int]] = []  # where the mask must change

    def ordered(self, start: int) -> bool:
        return start >= self.last

    def offer(self, new: Found, policy: Policy) -> None:
        """Keep *new* if it beats the spans it overlaps (they go)."""
        self.last = new.end
        old = self.old
        lo = bisect.bisect_right(old, new.start, lo=self.pos, key=_end)
        hi = bisect.bisect_left(old, (new.end,), lo=lo)
        if policy(old[lo:hi], new):
            self.out.extend(old[self.pos : lo])
            self.out.append(new)
            self.pos = hi
            # The spans it replaces may stick out of it: their text comes back unmasked.
            start = min(new.start, old[lo].start) if hi > lo else new.start
            self.dirty.append((start, max(new.end, old[hi - 1].end) if hi > lo else new.end))

    def drop(self, start: int, end: int) -> None:
        """Remove the spans that lie within ``[start, end)``."""
        self.last = end
        old = self.old
        lo = bisect.bisect_left(old, (start,), lo=self.pos)
        hi = lo
        while hi < len(old) and old[hi].end <= end:
            hi += 1
        if hi > lo:
            self.out.extend(old[self.pos : lo])
            self.dirty.append((old[lo].start, old[hi - 1].end))
            self.pos = hi

    def result(self) -> list[Found]:
        return [*self.out, *self.old[self.pos :]] if self.dirty else self.old


def apply_rules(
    text: str,
    spans: Sequence[Found],
    rules: Sequence[CompiledRule],
    checks: Mapping[str, Checker],
    policy: Policy = longer_wins,
) -> list[Found]:
    """*spans* after every rule in *rules* has run over *text* (rules must be sorted by stage; *spans* must not overlap)."""
    found = sorted(spans)
    masked = mask(text, [(f.start, f.end, f.label) for f in found])
    presence = Presence(text)
    presence.update(masked, markers_of(found))
    for rule in rules:
        if rule.needs and not presence.holds(rule.needs):
            continue
        sweep = _Sweep(found)
        for m in finditer(rule.regex, masked, rule.where):
            span = _span(m, rule, text, checks)
            if span is None:
                continue
            s, e = span
            if not sweep.ordered(s):  # a check moved a span back over the previous one: start a new sweep
                found, dirty = sweep.result(), sweep.dirty
                sweep = _Sweep(found)
                sweep.dirty = dirty
            if rule.action == "drop":
                sweep.drop(s, e)
            else:
                sweep.offer(Found(s, e, rule.label, rule.id), policy)
        if sweep.dirty:
            found = sweep.result()
            masked = remask(text, masked, found, sweep.dirty)
            presence.update(masked, markers_of(found))
    return found


def _span(
    m: re.Match[str] | regex.Match[str], rule: CompiledRule, text: str, checks: Mapping[str, Checker]
) -> tuple[int, int] | None:
    """The span a rule's match stands for: its name group (up to its head), passed through the rule's check."""
    s, e = m.span("name") if rule.has_name_group else m.span()
    if s < 0 or s >= e:
        return None
    if rule.check is not None:
        # The check reads the name alone (a head word is not part of what it judges).
        span = checks[rule.check](text, s, e, rule.check_words)
        if span is None:
            return None
        s, e = span
    if rule.has_head_group and m.end("head") > e:
        e = m.end("head")
    return s, e


def longest_first(spans: Sequence[Found]) -> list[Found]:
    """The non-overlapping subset of *spans* that :func:`longer_wins` keeps, chosen longest first."""
    if not spans:
        return []
    taken = bytearray(max(f.end for f in spans))
    kept: list[Found] = []
    for f in sorted(spans, key=lambda f: (f.start - f.end, f.start)):
        if taken.find(1, f.start, f.end) < 0:
            taken[f.start : f.end] = b"\x01" * (f.end - f.start)
            kept.append(f)
    return sorted(kept)
