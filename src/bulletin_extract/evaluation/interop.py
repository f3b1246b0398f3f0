"""Gold to and from the two annotation tools people use: Label Studio and doccano.

Label Studio: a JSON list of tasks; ``data`` holds the document ``text`` and
the gold line's own keys (doc_id, text_file, published, region); each mention
is a result item of type ``labels`` in ``annotations[0].result`` with
``value = {start, end, text, labels: [type]}`` and the mention's other keys
(value, unit, qualifier, direction, subject, as_of) in the item's ``meta``.

doccano: JSONL, one document a line: ``text``, ``label = [[start, end,
type], ...]``, the gold line's keys, and the mentions' other keys in the side
field ``attributes`` (``[{start, end, type, ...}]``; doccano keeps unknown
keys as metadata).

Importing rebuilds the gold lines exactly: same keys in the same order, so
``export`` then ``import`` gives back identical records.
"""

from __future__ import annotations

from typing import Any, Literal

from .errors import InteropError
from .gold import GoldDocument

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


def to_label_studio(docs: list[GoldDocument]) -> list[dict[str, Any]]:
    """Label Studio tasks (import them into a project with a ``<Labels name="label" toName="text">`` config)."""
    tasks = []
    for n, d in enumerate(docs, 1):
        results = []
        for i, m in enumerate(d.mentions):
            item: dict[str, Any] = {
                "id": f"{d.doc_id}-{i}",
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": {"start": m["start"], "end": m["end"], "text": m["text"], "labels": [m["type"]]},
            }
            attrs = _attributes(m)
            if attrs:
                item["meta"] = attrs
            results.append(item)
        data = {"text": d.text, **_meta(d.meta, ("text",), f"document {d.doc_id}")}
        tasks.append({"id": n, "data": data, "annotations": [{"result": results}]})
    return tasks


def _ls_results(task: dict[str, Any], where: str) -> list[dict[str, Any]]:
    # The first annotation not cancelled is the human one; predictions are the fallback (pre-annotated tasks).
    for ann in task.get("annotations") or []:
        if not ann.get("was_cancelled"):
            return list(ann.get("result") or [])
    for pred in task.get("predictions") or []:
        return list(pred.get("result") or [])
    raise InteropError(f"{where}: the task has neither annotations nor predictions")


def from_label_studio(tasks: Any) -> list[dict[str, Any]]:
    """Gold lines from Label Studio tasks (the JSON export of a project)."""
    if not isinstance(tasks, list):
        raise InteropError("a Label Studio file must hold a JSON list of tasks")
    lines = []
    for n, task in enumerate(tasks):
        where = f"task #{n}"
        data = task.get("data") if isinstance(task, dict) else None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise InteropError(f"{where}: data.text is missing")
        text = data["text"]
        meta = {k: v for k, v in data.items() if k != "text"}
        mentions = []
        for i, r in enumerate(_ls_results(task, where)):
            if r.get("type") != "labels":
                continue
            v = r.get("value") or {}
            labels = v.get("labels") or [None]
            if len(labels) != 1:
                raise InteropError(f"{where}, result #{i}: one label per span, got {labels}")
            attrs = dict(r.get("meta") or {})
            mentions.append(_rebuild(text, v.get("start"), v.get("end"), labels[0], attrs, f"{where}, result #{i}"))
        lines.append({**meta, "mentions": mentions})
    return lines


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


def from_doccano(rows: list[Any]) -> list[dict[str, Any]]:
    """Gold lines from doccano JSONL rows (as parsed JSON objects)."""
    lines = []
    for n, row in enumerate(rows, 1):
        where = f"line {n}"
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise InteropError(f"{where}: a doccano line needs a 'text' string")
        text = row["text"]
        attrs: dict[tuple[Any, Any, Any], dict[str, Any]] = {}
        for a in row.get("attributes") or []:
            key = (a.get("start"), a.get("end"), a.get("type"))
            attrs[key] = {k: v for k, v in a.items() if k not in ("start", "end", "type")}
        mentions = [
            _rebuild(text, s, e, label, attrs.get((s, e, label), {}), f"{where}, span #{i}")
            for i, (s, e, label) in enumerate(_doccano_spans(row))
        ]
        meta = {k: v for k, v in row.items() if k not in _DOCCANO_RESERVED}
        lines.append({**meta, "mentions": mentions})
    return lines
