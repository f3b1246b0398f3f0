"""ANNOTATION.md §5: when a predicted mention matches a gold one, and the one-to-one alignment.

A predicted mention *matches* a gold one when

* the types are equal;
* entities: the spans are identical; figures and times: the spans overlap;
* figures: the values are equal within a relative difference of 1e-6 and the
  units are equal strings;
* times: the values are equal after :func:`fold_time`.

*Detection* drops the value and unit conditions (spans and types only;
entities still need the exact span).

Alignment is one-to-one and greedy: all compatible pairs are taken in order
of decreasing overlap, ties broken by the smaller boundary distance and then
by position, and a pair is kept when neither side is taken yet.

Folding (the guideline leaves single dates open; decided here): a whole-day
hour bound says no more than the day itself, so ``T00`` (or ``T00:00``) at
the start of a period and ``T24`` (or ``T24:00``) at its end are dropped:
``2020-02-19T00/2020-02-20T24`` == ``2020-02-19/2020-02-20``, while
``2020-02-19T00/2020-02-19T12`` keeps both hours.  A ``date`` is read as the
one-point period ``D/D``, so both bounds fold: ``2020-02-16T24`` (截至…24时)
== ``2020-02-16`` == ``2020-02-16T00``.  Nothing else is normalised (a
``T24`` at a period's start or ``T00`` at its end stays).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .items import Item

REL_TOL = 1e-6
"""Largest relative difference at which two numbers are equal (§5)."""

_START_BOUNDS = ("T00:00", "T00")
_END_BOUNDS = ("T24:00", "T24")

Compatible = Callable[[Item, Item], bool]


def _strip(value: str, bounds: tuple[str, ...]) -> str:
    for b in bounds:
        if value.endswith(b):
            return value[: -len(b)]
    return value


def fold_time(value: str) -> str:
    """The comparable form of a date or period value (whole-day hour bounds folded into the day)."""
    if "/" in value:
        start, _, end = value.partition("/")
        return f"{_strip(start, _START_BOUNDS)}/{_strip(end, _END_BOUNDS)}"
    return _strip(_strip(value, _END_BOUNDS), _START_BOUNDS)


def times_equal(a: str | None, b: str | None) -> bool:
    """Equality of two time values (or ``as_of`` attributes) after folding; ``None`` equals only ``None``."""
    if a is None or b is None:
        return a is None and b is None
    return fold_time(a) == fold_time(b)


def numbers_equal(a: float, b: float) -> bool:
    """True when ``|a - b| <= 1e-6 * max(|a|, |b|)`` (so zero equals only zero)."""
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b))


def overlap(a: Item, b: Item) -> int:
    """Number of characters the two spans share (0 when they are disjoint)."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def detection_compatible(pred: Item, gold: Item) -> bool:
    """Spans and types only: equal types, and overlapping spans (identical for entities)."""
    if pred.type != gold.type:
        return False
    if gold.family == "entities" or gold.family == "other":
        return (pred.start, pred.end) == (gold.start, gold.end)
    return overlap(pred, gold) > 0


def values_equal(pred: Item, gold: Item) -> bool:
    """The value (and unit) condition of §5 for two mentions of the same type."""
    if gold.family == "figures":
        if pred.number is None or gold.number is None:
            return False
        return numbers_equal(pred.number, gold.number) and pred.unit == gold.unit
    if gold.family == "times":
        return times_equal(pred.time, gold.time)
    return True


def strict_compatible(pred: Item, gold: Item) -> bool:
    """The full §5 match condition."""
    return detection_compatible(pred, gold) and values_equal(pred, gold)


@dataclass(frozen=True)
class Alignment:
    """A one-to-one alignment of predicted and gold mentions of one document (indices into the two lists)."""

    pairs: tuple[tuple[int, int], ...]
    unmatched_pred: tuple[int, ...]
    unmatched_gold: tuple[int, ...]


def align(pred: Sequence[Item], gold: Sequence[Item], compatible: Compatible) -> Alignment:
    """Greedy one-to-one alignment by decreasing overlap among the pairs *compatible* accepts."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if compatible(p, g):
                slack = abs(p.start - g.start) + abs(p.end - g.end)
                candidates.append((-overlap(p, g), slack, g.start, p.start, gi, pi))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for *_, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((pi, gi))
    return Alignment(
        pairs=tuple(sorted(pairs)),
        unmatched_pred=tuple(i for i in range(len(pred)) if i not in used_p),
        unmatched_gold=tuple(i for i in range(len(gold)) if i not in used_g),
    )


def match(pred: Sequence[Item], gold: Sequence[Item]) -> Alignment:
    """The §5 alignment: types, overlap, values and units."""
    return align(pred, gold, strict_compatible)


def match_detection(pred: Sequence[Item], gold: Sequence[Item]) -> Alignment:
    """The detection-only alignment: types and spans (exact for entities), values ignored."""
    return align(pred, gold, detection_compatible)
