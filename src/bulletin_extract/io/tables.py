"""The two tidy tables of a batch run and their files: one row per mention, one row per document.

Column types are fixed by :data:`MENTIONS` and :data:`DOCUMENTS` (pyarrow
schemas), so every part file, every output format and both engines agree.
Figure values are ``value`` (float64, for analysis) plus ``value_exact``
(the exact decimal as a string); time values are ISO strings in
``time_value``.  The files are written by :mod:`bulletin_extract.batch.files`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa

from ..errors import BulletinExtractError
from ..records import Derived, Document, Entity, Figure, TimeMention
from .readers import SourceDocument

OutputFormat = Literal["parquet", "csv", "jsonl"]
OUTPUT_FORMATS: dict[str, OutputFormat] = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl"}

MENTIONS = pa.schema(
    [
        ("doc_id", pa.string()),
        ("path", pa.string()),
        ("sha256", pa.string()),
        ("published", pa.date32()),
        ("region", pa.string()),
        ("mention", pa.int32()),
        ("type", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
        ("value", pa.float64()),
        ("value_exact", pa.string()),
        ("time_value", pa.string()),
        ("unit", pa.string()),
        ("qualifier", pa.string()),
        ("direction", pa.string()),
        ("subject", pa.string()),
        ("as_of", pa.string()),
        ("mention_region", pa.string()),
        ("compared_to", pa.string()),
        ("cell_row", pa.int32()),
        ("cell_column", pa.int32()),
        ("column_header", pa.string()),
        ("indicator", pa.string()),
        ("measure", pa.string()),
        ("scope", pa.string()),
        ("region_code", pa.string()),
        ("rule", pa.string()),
        ("reporting", pa.bool_()),
    ]
)
"""One row per mention, in document order then mention order."""

DOCUMENTS = pa.schema(
    [
        ("doc_id", pa.string()),
        ("path", pa.string()),
        ("sha256", pa.string()),
        ("format", pa.string()),
        ("record", pa.int32()),
        ("status", pa.string()),
        ("encoding", pa.string()),
        ("replacements", pa.int32()),
        ("bytes", pa.int64()),
        ("chars", pa.int64()),
        ("published", pa.date32()),
        ("region", pa.string()),
        ("mentions", pa.int32()),
        ("figures", pa.int32()),
        ("times", pa.int32()),
        ("entities", pa.int32()),
        ("checks", pa.int32()),
        ("checks_failed", pa.int32()),
        ("error", pa.string()),
        ("warning", pa.string()),
        ("text", pa.string()),
    ]
)
"""One row per document, including the ones that failed (``status == "error"``)."""


def exact(value: Any) -> str:
    """A Decimal in plain positional notation (``2.8E+7`` becomes ``28000000``)."""
    return format(value, "f")


class TableBuilder:
    """Collects the rows of a run of documents and builds the two typed tables."""

    def __init__(self) -> None:
        # Rows as tuples in schema order, transposed once at the end: much cheaper than a dict per row.
        self._m: list[tuple[Any, ...]] = []
        self._d: list[tuple[Any, ...]] = []

    def add(self, src: SourceDocument, doc: Document | None, error: str | None = None, *, check: bool = True) -> None:
        """Record one document: its mentions (when *doc* is given) and its documents-table row.

        ``check=False`` skips the check that every string can be stored: :meth:`tables` then raises
        ``UnicodeEncodeError`` for a value that cannot, without naming the document.
        """
        mentions = list(doc.mentions) if doc is not None else []
        published = doc.published if doc is not None else _date(src.published)
        region = doc.region if doc is not None else src.region
        head = (src.doc_id, src.path, src.sha256, published, region)
        rows = [head + _mention_values(i, m) for i, m in enumerate(mentions)]
        # Counts the text implies (case-ID lists per district) follow, typed "derived" so a scorer skips them.
        derived = doc.derived if doc is not None else []
        rows += [head + _derived_values(i, d) for i, d in enumerate(derived, start=len(mentions))]
        error = error or src.error
        status = "error" if error else ("empty" if not src.text.strip() else "ok")
        checks = list(doc.checks) if doc is not None else []
        kinds = Counter(map(type, mentions)).items()  # one pass, not one per kind
        row = (
            src.doc_id,
            src.path,
            src.sha256,
            src.format,
            src.record,
            status,
            src.encoding,
            src.replacements,
            src.bytes,
            len(src.text),
            published,
            region,
            len(mentions),
            sum(n for t, n in kinds if issubclass(t, Figure)),
            sum(n for t, n in kinds if issubclass(t, TimeMention)),
            sum(n for t, n in kinds if issubclass(t, Entity)),
            len(checks),
            sum(c.status == "fails" for c in checks),  # not_applicable is no failure
            error,
            src.warning,
            # Offsets of HTML and JSON documents point into text that is not the file, so it is kept here.
            src.text if src.derived else None,
        )
        # Checked before anything is kept, so a document that cannot be stored fails alone (the caller records it).
        # All the strings at once first (one encode at C speed); value by value only to name a bad one's column.
        if check and not _encodable([row, *rows]):
            _check_storable(row, DOCUMENTS)
            for r in rows:
                _check_storable(r, MENTIONS)
        self._m.extend(rows)
        self._d.append(row)

    def tables(self) -> tuple[pa.Table, pa.Table]:
        """The mentions table and the documents table, typed by :data:`MENTIONS` and :data:`DOCUMENTS`."""
        return _table(self._m, MENTIONS), _table(self._d, DOCUMENTS)


class UnstorableError(BulletinExtractError, ValueError):
    """A value no UTF-8 table can hold (a lone surrogate that reached a row); the message names the column."""


def _encodable(rows: list[tuple[Any, ...]]) -> bool:
    """True when every string of *rows* can be written as UTF-8 (none holds a lone surrogate)."""
    try:
        "".join([v for r in rows for v in r if type(v) is str]).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_storable(row: tuple[Any, ...], schema: pa.Schema) -> None:
    for value, f in zip(row, schema, strict=True):
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise UnstorableError(
                    f"the {f.name!r} column cannot be stored: {exc.reason} ({exc.object[exc.start]!r} at {exc.start})"
                ) from exc


def _mention_values(index: int, m: Figure | TimeMention | Entity) -> tuple[Any, ...]:
    """The columns of :data:`MENTIONS` after ``region``, in order."""
    if isinstance(m, Figure):
        row, col = m.cell if m.cell is not None else (None, None)
        return (
            index,
            m.type,
            m.start,
            m.end,
            m.text,
            float(m.value),
            exact(m.value),
            None,
            m.unit,
            m.qualifier,
            m.direction,
            m.subject,
            m.as_of,
            m.region,
            m.compared_to,
            row,
            col,
            m.column,
            m.indicator,
            m.measure,
            m.scope,
            m.region_code,
            m.rule,
            None,
        )
    time_value = m.value if isinstance(m, TimeMention) else None
    return (
        index,
        m.type,
        m.start,
        m.end,
        m.text,
        None,
        None,
        time_value,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        m.rule,
        m.reporting if isinstance(m, TimeMention) else None,
    )


def _derived_values(index: int, d: Derived) -> tuple[Any, ...]:
    """The columns of :data:`MENTIONS` after ``region`` for a derived count."""
    return (
        index, "derived", d.start, d.end, d.text, float(d.value), str(d.value), None, d.unit, "exact", None,
        None, d.as_of, d.region, None, None, None, None, d.indicator, "level", d.scope, d.region_code, "enumeration",
        None,
    )  # fmt: skip


def _table(rows: list[tuple[Any, ...]], schema: pa.Schema) -> pa.Table:
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(schema)
    return pa.Table.from_arrays(
        [pa.array(col, type=f.type) for col, f in zip(columns, schema, strict=True)], schema=schema
    )


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def documents_path(output: Path) -> Path:
    """Where the documents table goes for mentions written to *output*: ``x.parquet`` -> ``x.documents.parquet``."""
    return output.with_name(f"{output.stem}.documents{output.suffix}")


def to_pandas(table: pa.Table) -> Any:
    """A pandas DataFrame of *table* (dates as ``datetime.date``, nullable integers kept as integers)."""
    import pandas as pd

    return table.to_pandas(types_mapper={pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}.get)
