"""``evaluate()``: score predictions against a gold set and return a :class:`~.report.Report`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errorlist import build_errors
from .errors import EvaluationOptionError, PredictionFormatError
from .gold import ALL_TYPES, FAMILIES, GoldDocument, _guess_root, load_gold
from .items import Item, to_items
from .metrics import DocumentResult, attribute_accuracy, document_scores, indicator_accuracy, scores
from .predictions import PredictionSource, load_predictions
from .report import Coverage, Report


def parse_types(types: str | Iterable[str] | None) -> frozenset[str] | None:
    """The mention types to score: names from ANNOTATION.md §1 or families (``figures``, ``times``, ``entities``).

    A string is split at commas; ``None`` (or nothing) means every type.
    """
    if types is None:
        return None
    names = [t.strip() for t in (types.split(",") if isinstance(types, str) else types) if t.strip()]
    if not names:
        return None
    chosen: set[str] = set()
    for name in names:
        if name in FAMILIES:
            chosen |= FAMILIES[name]
        elif name in ALL_TYPES:
            chosen.add(name)
        else:
            raise EvaluationOptionError(
                f"unknown type {name!r}: use {', '.join(sorted(ALL_TYPES))} or a family ({', '.join(FAMILIES)})"
            )
    return frozenset(chosen)


def _keep(items: list[Item], types: frozenset[str] | None) -> list[Item]:
    return items if types is None else [m for m in items if m.type in types]


def _gold_items(doc: GoldDocument) -> list[Item]:
    return to_items(doc.mentions, f"gold {doc.doc_id}")


def evaluate(
    gold: str | Path = "gold/",
    predictions: PredictionSource = None,
    types: str | Iterable[str] | None = None,
    root: str | Path | None = None,
) -> Report:
    """Score *predictions* against the gold set *gold* by ANNOTATION.md §5.

    *gold* is a gold JSONL file or a folder of them (``*.jsonl`` directly
    inside; ``gold/iaa`` is a separate set).  *predictions* is ``None`` (run
    the extractor on the gold texts), a predictions JSONL file, a folder of
    gold-format files, or a mapping doc_id -> mentions; see
    :mod:`.predictions`.  Only documents the predictions cover are scored; the
    report lists the ones left out.  *types* restricts scoring to some types or
    families (``"count,percent"``, ``["times"]``).  *root* is the folder
    ``text_file`` paths are relative to (default: the nearest parent of
    *gold* holding ``corpus/``).

    Raises :class:`~.errors.GoldFormatError` for a broken gold set,
    :class:`~.errors.PredictionFormatError` for unreadable predictions or
    predictions that name no gold document, and
    :class:`~.errors.EvaluationOptionError` for an unknown type.
    """
    wanted = parse_types(types)
    base = Path(root) if root is not None else _guess_root(Path(gold))
    docs = load_gold(gold, base)
    preds = load_predictions(predictions, docs, base)
    known = {d.doc_id for d in docs}
    scored = [d for d in docs if d.doc_id in preds.by_doc]
    if not scored:
        seen = ", ".join(sorted(preds.by_doc)[:5]) or "none"
        raise PredictionFormatError(
            f"the predictions ({preds.source}) cover none of the {len(docs)} gold documents in {gold}; "
            f"doc ids seen: {seen}. Name documents by doc_id, or by 'file' = the gold text_file"
        )
    results = [
        DocumentResult.score(d.doc_id, d.text, _keep(_gold_items(d), wanted), _keep(preds.by_doc[d.doc_id], wanted))
        for d in scored
    ]
    coverage = Coverage(
        gold_documents=len(docs),
        scored=[d.doc_id for d in scored],
        not_predicted=[d.doc_id for d in docs if d.doc_id not in preds.by_doc],
        unknown=sorted(set(preds.by_doc) - known),
    )
    return Report(
        gold=str(gold),
        predictions=preds.source,
        types=sorted(wanted) if wanted is not None else None,
        coverage=coverage,
        notes=list(preds.notes),
        strict=scores(results),
        detection=scores(results, detection=True),
        attributes=attribute_accuracy(results),
        indicators=indicator_accuracy(results),
        documents=document_scores(results),
        errors=build_errors(results),
    )
