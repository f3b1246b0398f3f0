"""Indicator accuracy: on figures matched by the §5 rule whose gold carries an indicator label.

Scored separately from the mention report because only part of the gold carries indicator labels:
``indicator`` is right when the ids are equal (null included); the scores over the figures whose gold
has an indicator are the ones the panel depends on, and the null agreement shows whether figures the
catalogue does not cover are left alone.

``python -m bulletin_extract.evaluation.indicators [GOLD]`` prints the scores and every figure whose
indicator differs, grouped by (gold id, predicted id), each with its context, for error analysis.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .api import _gold_items
from .gold import _guess_root, load_gold
from .metrics import DocumentResult, indicator_tally
from .predictions import load_predictions

_CONTEXT = 40  # characters of context either side of a figure in the error list


@dataclass(frozen=True)
class IndicatorPair:
    """One matched gold figure with an indicator label, and what the extractor gave it."""

    doc_id: str
    start: int
    end: int
    text: str
    context: str
    gold: tuple[str | None, str | None, str | None]  # indicator, scope, measure
    pred: tuple[str | None, str | None, str | None]


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

    @classmethod
    def of(cls, pairs: Sequence[IndicatorPair]) -> IndicatorScore:
        c = indicator_tally((pair.gold, pair.pred) for pair in pairs)
        confused = Counter(
            (pair.gold[0], pair.pred[0] or "null") for pair in pairs if pair.gold[0] not in (None, pair.pred[0])
        )
        return cls(
            labelled=len(pairs),
            with_indicator=c["named"],
            indicator_right=c["indicator"],
            scope_right=c["scope"],
            measure_right=c["measure"],
            null_right=c["null"],
            confusions=tuple((g, p, n) for (g, p), n in confused.most_common(15) if g is not None),
        )


def indicator_pairs(gold: str | Path, root: str | Path | None = None) -> list[IndicatorPair]:
    """Run the extractor on the gold texts; every matched figure whose gold carries indicator labels."""
    base = Path(root) if root is not None else _guess_root(Path(gold))
    docs = load_gold(gold, base)
    preds = load_predictions(None, docs, base)
    out: list[IndicatorPair] = []
    for d in docs:
        result = DocumentResult.score(d.doc_id, d.text, _gold_items(d), preds.by_doc.get(d.doc_id, []))
        for pi, gi in result.strict.pairs:
            g, p = result.gold[gi], result.pred[pi]
            if g.family != "figures" or not g.labelled:
                continue
            context = d.text[max(0, g.start - _CONTEXT) : g.end + _CONTEXT].replace("\n", "↵")
            out.append(
                IndicatorPair(
                    d.doc_id,
                    g.start,
                    g.end,
                    g.text,
                    context,
                    (g.indicator, g.scope, g.measure),
                    (p.indicator, p.scope, p.measure),
                )
            )
    return out


def indicator_scores(gold: str | Path, root: str | Path | None = None) -> IndicatorScore:
    """Run the extractor on the gold texts and compare indicator, scope and measure on matched figures."""
    return IndicatorScore.of(indicator_pairs(gold, root))


def _report(pairs: Sequence[IndicatorPair]) -> str:
    score = IndicatorScore.of(pairs).as_dict()
    lines = [f"{k}: {v}" for k, v in score.items() if k != "confusions"]
    groups: dict[tuple[str, str], list[IndicatorPair]] = {}
    for pair in pairs:
        if pair.gold[0] != pair.pred[0]:
            groups.setdefault((pair.gold[0] or "null", pair.pred[0] or "null"), []).append(pair)
    for (g, p), members in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"\n== gold {g} / predicted {p}: {len(members)}")
        for m in members:
            lines.append(f"  {m.doc_id} [{m.start}:{m.end}] {m.text!r} gold {m.gold} pred {m.pred}  ...{m.context}...")
    return "\n".join(lines)


if __name__ == "__main__":
    print(_report(indicator_pairs(sys.argv[1] if len(sys.argv) > 1 else "gold")))
