"""Run entity rules over a text whose earlier entities are masked, with a named overlap policy.

A found entity is ``Found(start, end, label, rule)``.  Rules run in stage order;
after each rule that changed something, the mask is rebuilt so later rules see
its results as ``{LOC}``/``{ORG}``/... markers.  Pure Python: no spaCy.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from .lexicon import GAZETTEER_PREFIX, CompiledRule
from .template import mask

Checker = Callable[[str, int, int], "tuple[int, int] | None"]
"""A named check: ``(text, start, end)`` -> the (possibly trimmed) span to keep, or None to reject."""


class Found(NamedTuple):
    """An entity span found by the gazetteer or a rule."""

    start: int
    end: int
    label: str
    rule: str


def longest_wins(spans: list[Found], new: Found) -> list[Found] | None:
    """Overlap policy: *new* replaces the spans it overlaps if it is longer than each of them.

    On equal length a rule's span (found in context) beats a bare gazetteer match,
    and otherwise the earlier span is kept.  *spans* are sorted and do not overlap.
    Returns the new span list, or None when *new* loses.
    """
    length = new.end - new.start
    # Spans do not overlap, so starts and ends are both sorted: only those between lo and hi can overlap.
    lo = bisect.bisect_right([f.end for f in spans], new.start)
    hi = bisect.bisect_left([f.start for f in spans], new.end)
    for f in spans[lo:hi]:
        other = f.end - f.start
        if other > length or (other == length and not f.rule.startswith(GAZETTEER_PREFIX)):
            return None
    return [*spans[:lo], new, *spans[hi:]]


def longest_first(spans: Sequence[Found]) -> list[Found]:
    """The non-overlapping subset of *spans* that :func:`longest_wins` keeps, chosen longest first."""
    if not spans:
        return []
    taken = bytearray(max(f.end for f in spans))
    kept: list[Found] = []
    for f in sorted(spans, key=lambda f: (f.start - f.end, f.start)):
        if not any(taken[f.start : f.end]):
            taken[f.start : f.end] = b"\x01" * (f.end - f.start)
            kept.append(f)
    return sorted(kept)


def apply_rules(
    text: str,
    spans: Sequence[Found],
    rules: Sequence[CompiledRule],
    checks: Mapping[str, Checker],
    policy: Callable[[list[Found], Found], list[Found] | None] = longest_wins,
) -> list[Found]:
    """*spans* after every rule in *rules* has run over *text* (rules must be sorted by stage; *spans* must not overlap)."""
    found = sorted(spans)
    masked: str | None = None
    for rule in rules:
        if masked is None:
            masked = mask(text, [(f.start, f.end, f.label) for f in found])
        changed = False
        for m in rule.regex.finditer(masked):
            s, e = m.span("name") if rule.has_name_group else m.span()
            if rule.has_head_group and m.end("head") > e:
                e = m.end("head")
            if s < 0 or s >= e:
                continue
            if rule.check is not None:
                span = checks[rule.check](text, s, e)
                if span is None:
                    continue
                s, e = span
            if rule.action == "drop":
                before = len(found)
                found = [f for f in found if not (s <= f.start and f.end <= e)]
                changed = changed or len(found) != before
                continue
            result = policy(found, Found(s, e, rule.label, rule.id))
            if result is not None:
                found, changed = result, True
        if changed:
            masked = None
    return found
