"""Precision, recall and F1 (micro, per type, per family) and attribute accuracy (ANNOTATION.md §5).

Scores are computed from per-document alignments (:mod:`.matching`), so one
function serves both the full match and detection-only.  A ratio whose
denominator is zero (no predictions, or no gold, of a type) is reported as
0.0; a type absent from both sides is not listed at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from .items import FAMILY_ORDER, Item, family_of, type_sort_key
from .matching import Alignment, match, match_detection, times_equal

SUBJECT_MIN_F1 = 0.5
"""A subject is right when one string contains the other or their character-level F1 reaches this (§5)."""

ATTRIBUTES = ("qualifier", "direction", "as_of", "subject")


class Score(BaseModel):
    """Counts and ratios of one slice (all mentions, a type or a family)."""

    model_config = ConfigDict(frozen=True)

    gold: int
    predicted: int
    true_positives: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, tp: int, predicted: int, gold: int) -> Score:
        """The score of *tp* matches among *predicted* predictions and *gold* gold mentions."""
        p = tp / predicted if predicted else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(gold=gold, predicted=predicted, true_positives=tp, precision=p, recall=r, f1=f)


class Scores(BaseModel):
    """Micro scores over all mentions, per family and per type, for one matching criterion."""

    model_config = ConfigDict(frozen=True)

    micro: Score
    per_family: dict[str, Score]
    per_type: dict[str, Score]


class AttributeScore(BaseModel):
    """Accuracy of one figure attribute over the matched figures (``accuracy`` is None when none matched)."""

    model_config = ConfigDict(frozen=True)

    correct: int
    total: int
    accuracy: float | None


@dataclass(frozen=True)
class DocumentResult:
    """One document's gold and predicted mentions with both alignments."""

    doc_id: str
    text: str
    gold: Sequence[Item]
    pred: Sequence[Item]
    strict: Alignment
    detection: Alignment

    @classmethod
    def score(cls, doc_id: str, text: str, gold: Sequence[Item], pred: Sequence[Item]) -> DocumentResult:
        """Align *pred* against *gold* both ways (§5 match and detection)."""
        return cls(doc_id, text, gold, pred, match(pred, gold), match_detection(pred, gold))


def scores(results: Iterable[DocumentResult], detection: bool = False) -> Scores:
    """Micro, per-family and per-type P/R/F1 for the §5 match (or detection-only when *detection*)."""
    gold: Counter[str] = Counter()
    pred: Counter[str] = Counter()
    tp: Counter[str] = Counter()
    for r in results:
        al = r.detection if detection else r.strict
        gold.update(g.type for g in r.gold)
        pred.update(p.type for p in r.pred)
        tp.update(r.gold[gi].type for _, gi in al.pairs)
    types = sorted(set(gold) | set(pred), key=type_sort_key)
    per_type = {t: Score.of(tp[t], pred[t], gold[t]) for t in types}
    per_family: dict[str, Score] = {}
    for fam in FAMILY_ORDER:
        members = [t for t in types if family_of(t) == fam]
        if members:
            per_family[fam] = Score.of(*(sum(c[t] for t in members) for c in (tp, pred, gold)))
    micro = Score.of(sum(tp.values()), sum(pred.values()), sum(gold.values()))
    return Scores(micro=micro, per_family=per_family, per_type=per_type)


class DocumentScore(BaseModel):
    """One document's micro scores (the §5 match and detection-only) and its error counts."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    strict: Score
    detection: Score
    false_negatives: int
    false_positives: int


def document_scores(results: Iterable[DocumentResult]) -> list[DocumentScore]:
    """Per-document micro scores, in the order of *results*."""
    out = []
    for r in results:
        strict, detection = scores([r]).micro, scores([r], detection=True).micro
        out.append(
            DocumentScore(
                doc_id=r.doc_id,
                strict=strict,
                detection=detection,
                false_negatives=len(r.strict.unmatched_gold),
                false_positives=len(r.strict.unmatched_pred),
            )
        )
    return out


def char_f1(a: str, b: str) -> float:
    """F1 of the two strings' character multisets (0.0 when either is empty)."""
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def subject_right(pred: str | None, gold: str | None) -> bool:
    """§5 subject rule: containment either way or char-F1 >= 0.5; both null is right, one null is wrong.

    A blank string counts as null, since containment would make it match anything.
    """
    p = pred.strip() if pred else ""
    g = gold.strip() if gold else ""
    if not p or not g:
        return not p and not g
    return p in g or g in p or char_f1(p, g) >= SUBJECT_MIN_F1


_ATTRIBUTE_RULES: dict[str, Callable[[Item, Item], bool]] = {
    "qualifier": lambda p, g: p.qualifier == g.qualifier,
    "direction": lambda p, g: p.direction == g.direction,
    "as_of": lambda p, g: times_equal(p.as_of, g.as_of),
    "subject": lambda p, g: subject_right(p.subject, g.subject),
}


def attribute_accuracy(results: Iterable[DocumentResult]) -> dict[str, AttributeScore]:
    """Accuracy of qualifier, direction, as_of and subject over figures matched by the §5 rule."""
    right: Counter[str] = Counter()
    total = 0
    for r in results:
        for pi, gi in r.strict.pairs:
            g, p = r.gold[gi], r.pred[pi]
            if g.family != "figures":
                continue
            total += 1
            right.update(name for name, rule in _ATTRIBUTE_RULES.items() if rule(p, g))
    return {
        name: AttributeScore(correct=right[name], total=total, accuracy=right[name] / total if total else None)
        for name in ATTRIBUTES
    }


IndicatorLabels = tuple[str | None, str | None, str | None]  # indicator, scope, measure


def indicator_tally(pairs: Iterable[tuple[IndicatorLabels, IndicatorLabels]]) -> Counter[str]:
    """Counts over (gold, predicted) indicator labels: ``named`` gold figures with an indicator, ``indicator``
    right among them, ``scope`` and ``measure`` right where the indicator is; ``unnamed`` and ``null`` likewise
    for gold figures without one."""
    c: Counter[str] = Counter()
    for (g, gs, gm), (p, ps, pm) in pairs:
        if g is None:
            c.update(("unnamed", *(("null",) if p is None else ())))
        else:
            c["named"] += 1
            if p == g:
                c.update(("indicator", *(("scope",) if ps == gs else ()), *(("measure",) if pm == gm else ())))
    return c


def indicator_accuracy(results: Iterable[DocumentResult]) -> dict[str, AttributeScore]:
    """Indicator, scope and measure over matched figures whose gold names an indicator, and ``null``: agreement
    over those whose gold says they have none (see :func:`indicator_tally`); gold without indicator labels
    counts for nothing."""
    c = indicator_tally(
        ((g.indicator, g.scope, g.measure), (p.indicator, p.scope, p.measure))
        for r in results
        for g, p in ((r.gold[gi], r.pred[pi]) for pi, gi in r.strict.pairs)
        if g.family == "figures" and g.labelled
    )
    totals = {"indicator": c["named"], "scope": c["named"], "measure": c["named"], "null": c["unnamed"]}
    return {name: AttributeScore(correct=c[name], total=n, accuracy=c[name] / n) for name, n in totals.items() if n}
