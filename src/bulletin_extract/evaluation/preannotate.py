"""Documents read as ``batch`` reads them, extracted, and written as Label Studio tasks with predictions.

The extraction stages are imported when :func:`preannotate` is called, never with the evaluation package.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .gold import FIGURE_TYPES, TIME_TYPES
from .label_studio import ATTRIBUTES, prediction_task

if TYPE_CHECKING:
    from ..io.readers import SourceDocument

_SPAN_KEYS = ("start", "end", "text", "type")


def gold_shaped(m: dict[str, Any]) -> dict[str, Any]:
    """A mention's ``model_dump(mode="json")`` cut to the keys a gold line has (ANNOTATION.md §4)."""
    keys = ATTRIBUTES if m["type"] in FIGURE_TYPES else ("value",) if m["type"] in TIME_TYPES else ()
    return {k: m.get(k) for k in (*_SPAN_KEYS, *keys)}


def _documents(paths: Sequence[Path]) -> Iterator[tuple[Path, SourceDocument]]:
    from ..io.readers import discover, read_path, read_source

    for p in paths:
        if p.is_dir():
            for source in discover(p):
                for src in read_source(source):
                    yield p / source.rel, src
        else:
            for src in read_path(p, rel=str(p)):
                yield p, src


def _text_file(path: Path, src: SourceDocument, root: Path) -> str | None:
    """The path gold can read the text from: a UTF-8 text file holding exactly the text read, under *root*."""
    if src.format != "text" or src.record is not None or (src.encoding or "utf-8").lower() not in ("utf-8", "ascii"):
        return None
    rel = Path(os.path.relpath(path.resolve(), root.resolve()))
    return None if rel.parts[:1] == ("..",) else rel.as_posix()


def preannotate(paths: Sequence[Path], root: Path, entities: bool = True) -> tuple[list[dict[str, Any]], list[str]]:
    """(tasks, errors): one task per readable document, and the reading errors of the others."""
    from .. import __version__
    from ..api import extract_document

    tasks: list[dict[str, Any]] = []
    errors: list[str] = []
    for path, src in _documents(paths):
        if src.error:
            errors.append(src.error)
            continue
        doc = extract_document(src.text, published=src.published, region=src.region, entities=entities)
        doc_id = src.doc_id if src.record is not None else path.stem
        meta: dict[str, Any] = {"doc_id": doc_id}
        text_file = _text_file(path, src, root)
        if text_file is not None:
            meta["text_file"] = text_file
        meta["published"] = doc.published.isoformat() if doc.published else None
        meta["region"] = doc.region
        mentions = [gold_shaped(m.model_dump(mode="json")) for m in doc.mentions]
        tasks.append(prediction_task(len(tasks) + 1, src.text, meta, mentions, f"bulletin-extract {__version__}"))
    return tasks, errors
