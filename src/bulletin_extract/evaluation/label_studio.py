"""Gold and extractor output to and from Label Studio, with every attribute in a control annotators can edit.

The labeling config ships as ``label_studio.xml`` (:func:`label_config`): a ``Labels`` control ``label``
with the 13 types over the ``Text`` object ``text``, and per-region controls ``value``, ``unit``,
``subject``, ``as_of`` (``TextArea``) and ``qualifier``, ``direction`` (``Choices``).  In a task's result
list a region is one ``labels`` item and one item per control, all with the region's ``id``, as Label
Studio writes them: ``{"id", "from_name", "to_name": "text", "type", "value": {"start", "end", ...}}``
where a text area's ``value.text`` is a list of strings and a choice's ``value.choices`` a list of one.

In a text area ``-`` means none (a null subject or as_of, the empty unit).  Keys a mention has beyond
these attributes travel in the labels item's ``meta``, and the gold line's own keys (doc_id, text_file,
published, region) in the task's ``data``; so export then import gives back the gold lines exactly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from .errors import InteropError
from .gold import FIGURE_TYPES, TIME_TYPES, GoldDocument

TEXT_AREAS = ("value", "unit", "subject", "as_of")
CHOICES = ("qualifier", "direction")
ATTRIBUTES = ("value", "unit", "qualifier", "direction", "subject", "as_of")
NONE_MARK = "-"
_SPAN_KEYS = ("start", "end", "text", "type")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def label_config() -> str:
    """The Label Studio labeling config (XML) the exported tasks are made for."""
    return (resources.files("bulletin_extract") / "evaluation" / "label_studio.xml").read_text(encoding="utf-8")


@dataclass
class Imported:
    """One task read back: its gold line, its text, and what was filled in or is still missing."""

    record: dict[str, Any]
    text: str
    touched: list[bool] = field(default_factory=list)
    """Per mention: whether the annotator set any attribute of it (a span only drawn was not touched)."""
    filled: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _shown(key: str, v: Any) -> str:
    if v is None or (key == "unit" and v == ""):
        return NONE_MARK
    return json.dumps(v) if key == "value" and not isinstance(v, str) else str(v)


def region_results(rid: str, m: dict[str, Any]) -> list[dict[str, Any]]:
    """The result items of one mention: its labels item, then one item per attribute it carries."""
    span = {"start": m["start"], "end": m["end"]}
    labels: dict[str, Any] = {
        "id": rid,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": {**span, "text": m["text"], "labels": [m["type"]]},
    }
    extra = {k: v for k, v in m.items() if k not in _SPAN_KEYS and k not in ATTRIBUTES}
    if extra:
        labels["meta"] = extra
    out = [labels]
    for key in ATTRIBUTES:
        if key not in m or (key == "direction" and m[key] is None):
            continue
        base = {"id": rid, "from_name": key, "to_name": "text"}
        if key in CHOICES:
            out.append({**base, "type": "choices", "value": {**span, "choices": [m[key]]}})
        else:
            out.append({**base, "type": "textarea", "value": {**span, "text": [_shown(key, m[key])]}})
    return out


def to_label_studio(docs: list[GoldDocument]) -> list[dict[str, Any]]:
    """Label Studio tasks holding the gold as annotations (a project with :func:`label_config`)."""
    tasks = []
    for n, d in enumerate(docs, 1):
        results = [r for i, m in enumerate(d.mentions) for r in region_results(f"{d.doc_id}-{i}", m)]
        if "text" in d.meta:
            raise InteropError(f"document {d.doc_id}: gold key 'text' clashes with the task's text; rename it")
        tasks.append({"id": n, "data": {"text": d.text, **d.meta}, "annotations": [{"result": results}]})
    return tasks


def _results(task: dict[str, Any], where: str) -> list[dict[str, Any]]:
    # The first annotation not cancelled is the human one; predictions are the fallback (pre-annotated tasks).
    for ann in task.get("annotations") or []:
        if not ann.get("was_cancelled"):
            return list(ann.get("result") or [])
    for pred in task.get("predictions") or []:
        return list(pred.get("result") or [])
    raise InteropError(f"{where}: the task has neither annotations nor predictions")


def _parse_value(typ: str, raw: str, where: str) -> Any:
    if typ in FIGURE_TYPES:
        s = raw.replace(",", "").strip()
        if not _NUMBER.fullmatch(s):
            raise InteropError(
                f"{where}: value {raw!r} is not a number: write the fully scaled number (71552000, not 7155.2 with its magnitude word)"
            )
        return json.loads(s) if re.fullmatch(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", s) else float(s)
    return raw.strip()


def _control(item: dict[str, Any]) -> str | None:
    """The text an attribute item holds (None when the annotator left it blank)."""
    v = item.get("value") or {}
    if item.get("type") == "choices":
        choices = v.get("choices") or []
        return str(choices[0]) if choices else None
    texts = v.get("text")
    text = texts[0] if isinstance(texts, list) and texts else texts
    return text if isinstance(text, str) and text.strip() else None


def _attribute(key: str, typ: str, raw: str, where: str) -> Any:
    if raw.strip() == NONE_MARK:
        return "" if key == "unit" else None
    if key == "value":
        return _parse_value(typ, raw, where)
    return raw if key == "subject" else raw.strip()


def _regions(results: list[dict[str, Any]], where: str) -> list[tuple[dict[str, Any], dict[str, str]]]:
    """(labels item, {attribute: raw text}) per region, in the order the labels items come."""
    labels: dict[str, dict[str, Any]] = {}
    controls: dict[str, dict[str, str]] = {}
    for i, r in enumerate(results):
        rid = str(r.get("id", f"#{i}"))
        if r.get("type") == "labels":
            labels[rid] = r
        elif r.get("from_name") in ATTRIBUTES:
            raw = _control(r)
            if raw is not None:
                controls.setdefault(rid, {})[str(r["from_name"])] = raw
    return [(item, controls.get(rid, {})) for rid, item in labels.items()]


def _mention(text: str, item: dict[str, Any], raw: dict[str, str], where: str) -> dict[str, Any]:
    v = item.get("value") or {}
    start, end, labels = v.get("start"), v.get("end"), v.get("labels") or [None]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise InteropError(f"{where}: bad span [{start!r}, {end!r}) for a text of {len(text)} characters")
    if len(labels) != 1 or not isinstance(labels[0], str):
        raise InteropError(f"{where}: one type per span, got {labels}")
    typ = labels[0]
    m: dict[str, Any] = {"start": start, "end": end, "text": text[start:end], "type": typ}
    keys = ATTRIBUTES if typ in FIGURE_TYPES else ("value",) if typ in TIME_TYPES else ()
    meta = dict(item.get("meta") or {})
    for key in keys:
        if key in raw:
            m[key] = _attribute(key, typ, raw[key], f"{where}, {key}")
        elif key in meta:  # files exported before the per-region controls carried attributes in meta
            m[key] = meta.pop(key)
    m.update(meta)
    return m


def read_task(task: Any, n: int) -> Imported:
    """One Label Studio task as a gold line (blanks not yet filled: see :mod:`.blanks`)."""
    where = f"task #{n}"
    data = task.get("data") if isinstance(task, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InteropError(f"{where}: data.text is missing (is this a Label Studio JSON export?)")
    text = data["text"]
    meta = {k: v for k, v in data.items() if k != "text"}
    if not isinstance(meta.get("doc_id"), str):
        # A task made in Label Studio itself has only its text and Label Studio's own id.
        meta = {"doc_id": f"ls-{task.get('id', n)}", **meta}
    where = f"{where} ({meta['doc_id']})"
    regions = _regions(_results(task, where), where)
    mentions = [
        _mention(text, item, raw, f"{where}, region {item.get('id', i)}") for i, (item, raw) in enumerate(regions)
    ]
    touched = [bool(raw) or any(k in (item.get("meta") or {}) for k in ATTRIBUTES) for item, raw in regions]
    return Imported({**meta, "mentions": mentions}, text, touched)


def read_tasks(tasks: Any) -> list[Imported]:
    """Every task of a Label Studio JSON export, read (blanks not yet filled)."""
    if not isinstance(tasks, list):
        raise InteropError("a Label Studio file must hold a JSON list of tasks")
    return [read_task(t, n) for n, t in enumerate(tasks)]


def prediction_task(
    n: int, text: str, meta: dict[str, Any], mentions: list[dict[str, Any]], model: str
) -> dict[str, Any]:
    """A task pre-annotated with *mentions* (the extractor's, as gold-shaped dicts) as a Label Studio prediction."""
    results = [r for i, m in enumerate(mentions) for r in region_results(f"p{n}-{i}", m)]
    return {"id": n, "data": {"text": text, **meta}, "predictions": [{"model_version": model, "result": results}]}
