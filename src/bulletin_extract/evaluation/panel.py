"""Scoring a panel against panel gold (``gold/panel/<doc_id>.panel.jsonl``, one JSON line per cell).

A cell is right when its key — (document, region, period, indicator, scope, measure) — and its value
both match a gold cell.  A predicted cell flagged as a conflict offers every value it saw, so a
document that states two values for one key (as the gold then lists both) is not punished for it.
Key-only scores say how many cells were found at all, whatever their value.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import EvaluationOptionError

if TYPE_CHECKING:
    import pandas as pd

Key = tuple[str, str, str, str, str, str]
_KEY_FIELDS = ("doc_id", "region", "period", "indicator", "scope", "measure")


@dataclass(frozen=True)
class PanelScore:
    """Cell and key precision/recall of a panel, with the cells that differ."""

    documents: int
    gold: int
    predicted: int
    right: int
    keys_right: int
    gold_keys: int
    predicted_keys: int
    missed: tuple[tuple[Key, float], ...]
    spurious: tuple[tuple[Key, float], ...]

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        p = self.right / self.predicted if self.predicted else 0.0
        r = self.right / self.gold if self.gold else 0.0
        kp = self.keys_right / self.predicted_keys if self.predicted_keys else 0.0
        kr = self.keys_right / self.gold_keys if self.gold_keys else 0.0
        return {
            "documents": self.documents,
            "gold_cells": self.gold,
            "predicted_cells": self.predicted,
            "cells": {"precision": p, "recall": r, "f1": self._f1(p, r)},
            "keys": {"precision": kp, "recall": kr, "f1": self._f1(kp, kr)},
        }


def panel_gold_documents(folder: Path) -> list[str]:
    """The documents the panel gold covers, including those with no cell (an empty file is a claim too)."""
    return sorted(f.name.removesuffix(".panel.jsonl") for f in folder.glob("*.panel.jsonl"))


def read_panel_gold(folder: Path) -> list[dict[str, Any]]:
    """Every gold cell under *folder*; a malformed line fails naming file and line."""
    files = sorted(folder.glob("*.panel.jsonl"))
    if not files:
        raise EvaluationOptionError(f"{folder}: no panel gold files (*.panel.jsonl)")
    rows: list[dict[str, Any]] = []
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationOptionError(f"{f}:{n}: not JSON ({exc.msg})") from exc
            missing = [k for k in (*_KEY_FIELDS, "value") if k not in row]
            if missing:
                raise EvaluationOptionError(f"{f}:{n}: a panel cell needs {', '.join(missing)}")
            rows.append(row)
    return rows


def _key(row: Any) -> Key:
    return tuple(str(row[k] if row[k] is not None else "") for k in _KEY_FIELDS)  # type: ignore[return-value]


def _cells(rows: list[dict[str, Any]]) -> Counter[tuple[Key, float]]:
    return Counter((_key(r), round(float(r["value"]), 6)) for r in rows)


def _predicted_cells(panel: pd.DataFrame) -> Counter[tuple[Key, float]]:
    out: Counter[tuple[Key, float]] = Counter()
    for row in panel.to_dict("records"):
        values = [float(row["value"]), *(float(v) for v in json.loads(row["alternatives"] or "[]"))]
        for v in dict.fromkeys(round(x, 6) for x in values):
            out[(_key(row), v)] += 1
    return out


def score_panel(gold_rows: list[dict[str, Any]], panel: pd.DataFrame, documents: Sequence[str] = ()) -> PanelScore:
    """Compare *panel* (from :func:`~bulletin_extract.indicators.panel.panel_frame`) with the gold cells.

    Only the panel's rows of the gold's documents (*documents*, default those with a gold cell) count.
    """
    docs = set(documents) | {r["doc_id"] for r in gold_rows}
    panel = panel[panel["doc_id"].isin(docs)]
    gold, pred = _cells(gold_rows), _predicted_cells(panel)
    right = sum((gold & pred).values())
    gold_keys, pred_keys = {k for k, _ in gold}, {k for k, _ in pred}
    return PanelScore(
        documents=len(docs),
        gold=sum(gold.values()),
        predicted=sum(pred.values()),
        right=right,
        keys_right=len(gold_keys & pred_keys),
        gold_keys=len(gold_keys),
        predicted_keys=len(pred_keys),
        missed=tuple(sorted((gold - pred).elements())),
        spurious=tuple(sorted((pred - gold).elements())),
    )


def evaluate_panel(folder: Path, root: Path, *, entities: bool = True) -> PanelScore:
    """Run the extractor on the documents of the panel gold (read via the corpus manifest) and score it."""
    from ..indicators.panel import panel_frame
    from .panel_docs import panel_mentions

    gold_rows = read_panel_gold(folder)
    docs = panel_gold_documents(folder)
    frame = panel_mentions(docs, root, entities=entities)
    return score_panel(gold_rows, panel_frame(frame), docs)
