"""The batch's mentions table (parquet, CSV or JSONL, as ``bulletin-extract batch`` writes it) as predictions.

A batch row carries its figure value twice (``value`` as float64, ``value_exact`` as the exact decimal) and
its time value in ``time_value``; the mention's own region is ``mention_region`` (``region`` is the
document's).  The documents table written beside it (``NAME.documents.EXT``) names every document the run
read, so a document without any mention is still covered.  Columns a later version adds are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .errors import PredictionFormatError
from .gold import FIGURE_TYPES, TIME_TYPES

BATCH_KEYS = frozenset({"value_exact", "time_value"})
"""Keys only a batch row has: a JSONL line holding one of them is read as a batch row."""

_KEPT = ("start", "end", "text", "type", "unit", "qualifier", "direction", "subject", "as_of", "compared_to", "rule")
_SUFFIXES = (".parquet", ".csv", ".jsonl")


def is_batch_row(row: Mapping[str, Any]) -> bool:
    """True when *row* is a line of the batch's mentions table rather than an ``extract`` line."""
    return not BATCH_KEYS.isdisjoint(row)


def is_table_file(path: Path) -> bool:
    """True for a parquet or CSV file (a batch table); JSONL is told apart line by line."""
    if path.suffix.lower() in (".parquet", ".csv"):
        return True
    with path.open("rb") as fh:
        return fh.read(4) == b"PAR1"


def batch_mention(row: Mapping[str, Any]) -> dict[str, Any]:
    """The mention of one batch row, in the shape of a record's ``model_dump``."""
    m = {k: row[k] for k in _KEPT if row.get(k) is not None}
    typ = row.get("type")
    if typ in FIGURE_TYPES:
        exact = row.get("value_exact")
        m["value"] = exact if exact not in (None, "") else row.get("value")
        m.setdefault("unit", "")
    elif typ in TIME_TYPES:
        m["value"] = row.get("time_value")
    if row.get("mention_region") is not None:
        m["region"] = row["mention_region"]
    return m


def _pyarrow_rows(path: Path) -> list[dict[str, Any]]:
    import pyarrow as pa
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    try:
        if path.suffix.lower() == ".csv":
            # The batch writes null as an empty field and "" as a quoted one (a bare number's unit).
            opts = pa_csv.ConvertOptions(
                strings_can_be_null=True,
                quoted_strings_can_be_null=False,
                column_types={"value_exact": pa.string(), "time_value": pa.string(), "doc_id": pa.string()},
            )
            table = pa_csv.read_csv(path, convert_options=opts)
        else:
            table = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise PredictionFormatError(f"{path}: not a readable batch table ({exc})") from exc
    rows: list[dict[str, Any]] = table.to_pylist()
    return rows


def _jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        obj = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise PredictionFormatError(f"{path}:{n}: invalid JSON ({exc.msg})") from exc
                    if isinstance(obj, dict):
                        yield obj
    except UnicodeDecodeError as exc:
        raise PredictionFormatError(f"{path}: not UTF-8 JSON lines ({exc.reason} at byte {exc.start})") from exc


def table_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a batch mentions table; :class:`PredictionFormatError` for the documents table or a non-table."""
    rows = _pyarrow_rows(path)
    columns = set(rows[0]) if rows else set()
    if rows and "status" in columns and "type" not in columns:
        raise PredictionFormatError(
            f"{path} is a batch's documents table (one row per document): pass its mentions table, "
            f"{_mentions_name(path)}"
        )
    missing = {"doc_id", "start", "end", "type"} - columns
    if rows and missing:
        raise PredictionFormatError(
            f"{path}: columns {sorted(missing)} are missing: pass the mentions table 'bulletin-extract batch' "
            "writes, 'extract' JSON lines, or a gold-format folder"
        )
    return rows


def _mentions_name(path: Path) -> str:
    return str(path).replace(".documents.", ".", 1)


def documents_beside(path: Path) -> list[str] | None:
    """The doc_ids of the documents table next to the mentions table *path* (read without error), if it exists."""
    suffix = path.suffix.lower()
    if suffix not in _SUFFIXES:
        return None
    side = path.with_name(f"{path.name[: -len(suffix)]}.documents{path.suffix}")
    if not side.is_file():
        return None
    rows = list(_jsonl_rows(side)) if suffix == ".jsonl" else _pyarrow_rows(side)
    return [str(r["doc_id"]) for r in rows if r.get("doc_id") is not None and r.get("status") != "error"]
