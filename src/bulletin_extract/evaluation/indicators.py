"""Indicator accuracy: on figures matched by the §5 rule whose gold carries an indicator label.

Scored separately from the mention report because only part of the gold carries indicator labels:
``indicator`` is right when the ids are equal (null included); the scores over the figures whose gold
has an indicator are the ones the panel depends on, and the null agreement shows whether figures the
catalogue does not cover are left alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .api import _gold_items
from .gold import _guess_root, load_gold
from .matching import match
from .metrics import DocumentResult
from .predictions import load_predictions


@dataclass(frozen=True)
class IndicatorScore:
    """Counts behind the indicator accuracies, and the most frequent confusions."""

    labelled: int
    with_indicator: int
    indicator_right: int
    scope_right: int
    measure_right: int
    null_right: int
    confusions: tuple[tuple[str, str, int], ...]

    def as_dict(self) -> dict[str, Any]:
        n, k = self.with_indicator, self.labelled - self.with_indicator
        return {
            "matched_figures_labelled": self.labelled,
            "with_indicator": n,
            "indicator_accuracy": self.indicator_right / n if n else None,
            "scope_accuracy": self.scope_right / n if n else None,
            "measure_accuracy": self.measure_right / n if n else None,
            "null_accuracy": self.null_right / k if k else None,
            "confusions": [list(c) for c in self.confusions],
        }


def indicator_scores(gold: str | Path, root: str | Path | None = None) -> IndicatorScore:
    """Run the extractor on the gold texts and compare indicator, scope and measure on matched figures."""
    base = Path(root) if root is not None else _guess_root(Path(gold))
    docs = load_gold(gold, base)
    preds = load_predictions(None, docs, base)
    counts: Counter[str] = Counter()
    confused: Counter[tuple[str, str]] = Counter()
    for d in docs:
        result = DocumentResult.score(d.doc_id, d.text, _gold_items(d), preds.by_doc.get(d.doc_id, []))
        for pi, gi in match(result.pred, result.gold).pairs:
            g, p = result.gold[gi], result.pred[pi]
            if g.family != "figures" or not g.labelled:
                continue
            counts["labelled"] += 1
            if g.indicator is None:
                counts["null_right"] += p.indicator is None
                continue
            counts["with"] += 1
            if p.indicator == g.indicator:
                counts["right"] += 1
                counts["scope"] += p.scope == g.scope
                counts["measure"] += p.measure == g.measure
            else:
                confused[(g.indicator, p.indicator or "null")] += 1
    return IndicatorScore(
        labelled=counts["labelled"],
        with_indicator=counts["with"],
        indicator_right=counts["right"],
        scope_right=counts["scope"],
        measure_right=counts["measure"],
        null_right=counts["null_right"],
        confusions=tuple((g, p, n) for (g, p), n in confused.most_common(15)),
    )
