"""The false positives and false negatives of a §5 alignment, with context, for developers to read.

Each error carries ±30 characters of the document around it, the rule that
fired (false positives from the extractor) and its *counterpart*: the
unmatched mention on the other side that overlaps it most, if any.  A
counterpart of the same type means the span was found but the value or unit
was wrong; one of another type means the type was wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .items import Item, JsonValue, type_sort_key
from .matching import overlap
from .metrics import DocumentResult

CONTEXT_CHARS = 30

ErrorKind = Literal["false_negative", "false_positive"]
ErrorCategory = Literal["missed", "spurious", "type", "boundary", "value"]
CATEGORIES: tuple[ErrorCategory, ...] = ("missed", "spurious", "type", "boundary", "value")
"""What went wrong, from the unmatched mention that overlaps the error most on the other side (its counterpart):
none (``missed`` for a false negative, ``spurious`` for a false positive), one of another ``type``, one of the
same type over another span (``boundary``), or one of the same type and span whose value or unit differ
(``value``)."""


class ErrorItem(BaseModel):
    """One missed gold mention (false negative) or one spurious prediction (false positive)."""

    model_config = ConfigDict(frozen=True)

    kind: ErrorKind
    doc_id: str
    type: str
    start: int
    end: int
    text: str
    value: JsonValue = None
    unit: str | None = None
    left: str
    right: str
    rule: str | None = None
    counterpart: str | None = None
    category: ErrorCategory = "missed"


def describe(m: Item) -> str:
    """A short description of a mention: type, value, unit, text and span."""
    parts = [m.type]
    if m.shown is not None:
        parts.append(str(m.shown))
    if m.unit:
        parts.append(m.unit)
    return f"{' '.join(parts)} {m.text!r} [{m.start}:{m.end}]"


def _counterpart(m: Item, others: Sequence[Item]) -> Item | None:
    return max(
        (o for o in others if overlap(m, o) > 0),
        key=lambda o: (o.type == m.type, overlap(m, o), -o.start),
        default=None,
    )


def _category(kind: ErrorKind, m: Item, other: Item | None) -> ErrorCategory:
    if other is None:
        return "missed" if kind == "false_negative" else "spurious"
    if other.type != m.type:
        return "type"
    return "value" if (other.start, other.end) == (m.start, m.end) else "boundary"


def _error(kind: ErrorKind, r: DocumentResult, m: Item, others: Sequence[Item]) -> ErrorItem:
    text = m.text or r.text[m.start : m.end]
    other = _counterpart(m, others)
    return ErrorItem(
        kind=kind,
        doc_id=r.doc_id,
        type=m.type,
        start=m.start,
        end=m.end,
        text=text,
        value=m.shown,
        unit=m.unit,
        left=r.text[max(0, m.start - CONTEXT_CHARS) : m.start],
        right=r.text[m.end : m.end + CONTEXT_CHARS],
        rule=m.rule,
        counterpart=describe(other) if other is not None else None,
        category=_category(kind, m, other),
    )


def error_sort_key(e: ErrorItem) -> tuple[tuple[int, str], str, str, str, int]:
    """Group by family and type, then misses before spurious ones, then by rule, document and position."""
    return (type_sort_key(e.type), e.kind, e.rule or "", e.doc_id, e.start)


def build_errors(results: Sequence[DocumentResult]) -> list[ErrorItem]:
    """Every false negative and false positive of the §5 alignments, sorted by :func:`error_sort_key`."""
    errors: list[ErrorItem] = []
    for r in results:
        missed = [r.gold[i] for i in r.strict.unmatched_gold]
        spurious = [r.pred[i] for i in r.strict.unmatched_pred]
        errors.extend(_error("false_negative", r, g, spurious) for g in missed)
        errors.extend(_error("false_positive", r, p, missed) for p in spurious)
    return sorted(errors, key=error_sort_key)
