"""Gold to and from the two annotation tools people use: Label Studio and doccano.

Label Studio: see :mod:`.label_studio` (tasks whose attributes sit in per-region controls annotators
can edit, made for the shipped labeling config).

doccano: JSONL, one document a line: ``text``, ``label = [[start, end,
type], ...]``, the gold line's keys, and the mentions' other keys in the side
field ``attributes`` (``[{start, end, type, ...}]``; doccano keeps unknown
keys as metadata).

Importing rebuilds the gold lines exactly: same keys in the same order, so
``export`` then ``import`` gives back identical records.  What annotators left
blank is filled from the extractor or reported (:mod:`.blanks`); a doccano row
without ``doc_id`` is named by doccano's own ``id``.
"""

from __future__ import annotations

from typing import Any, Literal

from .blanks import fill_blanks
from .errors import InteropError
from .gold import GoldDocument
from .label_studio import Imported, read_tasks, to_label_studio

__all__ = ["TOOL_FORMATS", "from_doccano", "from_label_studio", "import_documents", "to_doccano", "to_label_studio"]

ToolFormat = Literal["label-studio", "doccano"]
TOOL_FORMATS: tuple[ToolFormat, ...] = ("label-studio", "doccano")

_SPAN_KEYS = ("start", "end", "text", "type")
# doccano's own fields (its exports add id, relations and Comments); a gold key with one of these names would be lost.
_DOCCANO_RESERVED = ("text", "label", "attributes", "entities", "id", "relations", "Comments")


def _attributes(m: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in m.items() if k not in _SPAN_KEYS}


def _rebuild(text: str, start: Any, end: Any, label: Any, attrs: dict[str, Any], where: str) -> dict[str, Any]:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise InteropError(f"{where}: bad span [{start!r}, {end!r}) for a text of {len(text)} characters")
    if not isinstance(label, str):
        raise InteropError(f"{where}: the label must be one type name, got {label!r}")
    return {"start": start, "end": end, "text": text[start:end], "type": label, **attrs}


def _meta(data: dict[str, Any], reserved: tuple[str, ...], where: str) -> dict[str, Any]:
    clash = [k for k in data if k in reserved]
    if clash:
        raise InteropError(f"{where}: gold keys {clash} clash with the tool's own fields; rename them in the gold line")
    return data


def to_doccano(docs: list[GoldDocument]) -> list[dict[str, Any]]:
    """doccano sequence-labelling lines, with the figure and time attributes in ``attributes``."""
    rows = []
    for d in docs:
        row: dict[str, Any] = {"text": d.text, "label": [[m["start"], m["end"], m["type"]] for m in d.mentions]}
        row.update(_meta(d.meta, _DOCCANO_RESERVED, f"document {d.doc_id}"))
        row["attributes"] = [
            {"start": m["start"], "end": m["end"], "type": m["type"], **_attributes(m)}
            for m in d.mentions
            if _attributes(m)
        ]
        rows.append(row)
    return rows


def _doccano_spans(row: dict[str, Any]) -> list[tuple[Any, Any, Any]]:
    if "label" in row:
        return [tuple(x) if isinstance(x, list) and len(x) == 3 else (None, None, x) for x in row["label"]]
    # Newer doccano exports spans as objects under "entities".
    return [(e.get("start_offset"), e.get("end_offset"), e.get("label")) for e in row.get("entities", [])]


def read_doccano(rows: list[Any]) -> list[Imported]:
    """doccano JSONL rows (parsed) as gold lines (blanks not yet filled)."""
    docs = []
    for n, row in enumerate(rows, 1):
        where = f"line {n}"
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise InteropError(f"{where}: a doccano line needs a 'text' string")
        text = row["text"]
        attrs: dict[tuple[Any, Any, Any], dict[str, Any]] = {}
        for a in row.get("attributes") or []:
            key = (a.get("start"), a.get("end"), a.get("type"))
            attrs[key] = {k: v for k, v in a.items() if k not in ("start", "end", "type")}
        spans = _doccano_spans(row)
        mentions = [
            _rebuild(text, s, e, label, attrs.get((s, e, label), {}), f"{where}, span #{i}")
            for i, (s, e, label) in enumerate(spans)
        ]
        meta = {k: v for k, v in row.items() if k not in _DOCCANO_RESERVED}
        if not isinstance(meta.get("doc_id"), str) and row.get("id") is not None:
            meta = {"doc_id": str(row["id"]), **meta}  # a row made in doccano: its own id names it
        touched = [(s, e, label) in attrs for s, e, label in spans]
        docs.append(Imported({**meta, "mentions": mentions}, text, touched))
    return docs


def import_documents(fmt: ToolFormat, data: Any, use_extractor: bool = True) -> list[Imported]:
    """A tool's export read back as gold documents, blanks filled from the extractor or listed as missing."""
    docs = read_tasks(data) if fmt == "label-studio" else read_doccano(data)
    for d in docs:
        fill_blanks(d, use_extractor)
    return docs


def _records(docs: list[Imported]) -> list[dict[str, Any]]:
    missing = [m for d in docs for m in d.missing]
    if missing:
        shown = "\n".join(missing[:20])
        raise InteropError(f"{len(missing)} attribute(s) left blank that nothing can fill:\n{shown}")
    return [d.record for d in docs]


def from_label_studio(tasks: Any) -> list[dict[str, Any]]:
    """Gold lines from Label Studio tasks (the JSON export of a project); :class:`InteropError` lists blanks."""
    return _records(import_documents("label-studio", tasks))


def from_doccano(rows: list[Any]) -> list[dict[str, Any]]:
    """Gold lines from doccano JSONL rows (as parsed JSON objects); :class:`InteropError` lists blanks."""
    return _records(import_documents("doccano", rows))
