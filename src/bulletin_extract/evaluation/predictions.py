"""Read predictions from any of the shapes :func:`~bulletin_extract.evaluation.evaluate` accepts.

* ``None``: run the extractor on every gold document (imported here, lazily,
  so the evaluation package never loads the extraction stages by itself);
* a JSONL file with one line per document (``{"doc_id", "mentions": [...]}``,
  which includes gold lines) or one line per mention carrying ``doc_id`` or
  ``file`` (the output of ``bulletin-extract extract``);
* the mentions table ``bulletin-extract batch`` writes (parquet, CSV or JSONL; see
  :mod:`.batch_tables`), with the documents table beside it naming the documents covered;
* a directory of gold-format ``*.jsonl`` files (e.g. ``gold/iaa``);
* a mapping ``doc_id -> list of mention dicts or records``.

A document is *covered* when the predictions name it.  With one line per
mention a document without any predicted mention cannot be named, so it is
not covered; :attr:`Predictions.note` says so in the report.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .batch_tables import batch_mention, documents_beside, is_batch_row, is_table_file, table_rows
from .errors import PredictionFormatError
from .gold import GoldDocument, gold_files
from .items import Item, to_items

PER_MENTION_NOTE = (
    "predictions were read one line per mention: a document with no predicted mention is not covered "
    "and is left out of the scores"
)

PredictionSource = str | Path | Mapping[str, Any] | None


@dataclass(frozen=True)
class Predictions:
    """Predicted mentions by doc_id, and a description of where they came from."""

    by_doc: dict[str, list[Item]]
    source: str
    notes: tuple[str, ...] = field(default=())


class _DocIndex:
    """Finds the gold doc_id a prediction's ``file`` names: its text_file, its path, or its file stem."""

    def __init__(self, docs: list[GoldDocument], root: Path) -> None:
        self._keys: dict[str, str] = {}
        for d in docs:
            for key in (d.doc_id, d.text_file, str((root / d.text_file).resolve()), Path(d.text_file).stem):
                self._keys.setdefault(key, d.doc_id)

    def doc_id(self, file: str) -> str:
        for key in (file, str(Path(file).resolve()), Path(file).stem):
            if key in self._keys:
                return self._keys[key]
        return file

    def of_row(self, row: dict[str, Any]) -> str | None:
        """The gold doc_id a prediction row names: its doc_id if gold has it, else the doc its file or path names."""
        doc_id = row.get("doc_id")
        if isinstance(doc_id, str) and doc_id in self._keys:
            return self._keys[doc_id]
        for key in ("file", "path"):
            name = row.get(key)
            if isinstance(name, str):
                found = self.doc_id(name)
                if found != name or not isinstance(doc_id, str):
                    return found
        return doc_id if isinstance(doc_id, str) else None


def from_extractor(docs: list[GoldDocument]) -> Predictions:
    """Run :func:`bulletin_extract.api.extract_document` on every gold document's text."""
    from ..api import extract_document

    by_doc = {}
    for d in docs:
        out = extract_document(d.text, published=d.published, region=d.region, doc_id=d.doc_id)
        by_doc[d.doc_id] = to_items(list(out.mentions), f"extractor output for {d.doc_id}")
    return Predictions(by_doc, "bulletin_extract.api.extract_document")


def from_mapping(mapping: Mapping[str, Any]) -> Predictions:
    """Predictions given in memory: doc_id -> mentions (dicts or records) or an object with ``.mentions``."""
    by_doc = {}
    for doc_id, mentions in mapping.items():
        if isinstance(mentions, BaseModel) and hasattr(mentions, "mentions"):
            mentions = list(mentions.mentions)
        by_doc[str(doc_id)] = to_items(mentions, f"predictions[{doc_id!r}]")
    return Predictions(by_doc, "in-memory predictions")


def _read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        try:
            lines = list(enumerate(fh, 1))
        except UnicodeDecodeError as exc:
            raise PredictionFormatError(
                f"{path}: not UTF-8 JSON lines ({exc.reason} at byte {exc.start}): pass 'extract' JSON lines, a batch "
                "mentions table (.parquet, .csv, .jsonl) or a gold-format folder"
            ) from exc
        for n, line in lines:
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise PredictionFormatError(f"{path}:{n}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
            if not isinstance(obj, dict):
                raise PredictionFormatError(f"{path}:{n}: a prediction line must be a JSON object")
            rows.append((n, obj))
    return rows


def _add_row(by_doc: dict[str, list[Item]], index: _DocIndex, row: dict[str, Any], where: str) -> None:
    """One mention line (``extract`` JSON or a batch row) added to its document's predictions."""
    doc_id = index.of_row(row)
    if doc_id is None:
        raise PredictionFormatError(
            f"{where}: a mention line needs a 'doc_id' or 'file' key (or use one line per document with 'mentions')"
        )
    own = {k: v for k, v in row.items() if k not in ("doc_id", "file")}
    mention = batch_mention(row) if is_batch_row(row) else own
    by_doc.setdefault(doc_id, []).extend(to_items([mention], where))


def _from_table(path: Path, index: _DocIndex) -> dict[str, list[Item]]:
    by_doc: dict[str, list[Item]] = {}
    for n, row in enumerate(table_rows(path), 2):  # row 1 of a CSV is its header
        _add_row(by_doc, index, row, f"{path}: row {n - 1}")
    return by_doc


def _from_files(files: list[Path], index: _DocIndex) -> tuple[dict[str, list[Item]], bool]:
    by_doc: dict[str, list[Item]] = {}
    doc_lines: dict[str, str] = {}
    per_mention = False
    for f in files:
        for n, row in _read_jsonl(f):
            where = f"{f}:{n}"
            if "mentions" in row:
                doc_id = row.get("doc_id")
                if not isinstance(doc_id, str):
                    raise PredictionFormatError(f"{where}: a document line needs a string doc_id")
                if doc_id in doc_lines:
                    raise PredictionFormatError(f"{where}: doc_id {doc_id!r} already has a line at {doc_lines[doc_id]}")
                doc_lines[doc_id] = where
                by_doc.setdefault(doc_id, []).extend(to_items(row["mentions"], where))
                continue
            per_mention = True
            _add_row(by_doc, index, row, where)
    return by_doc, per_mention


def from_path(path: str | Path, docs: list[GoldDocument], root: Path) -> Predictions:
    """Predictions from a JSONL file or a directory of gold-format JSONL files."""
    p = Path(path)
    if p.is_dir():
        files = gold_files(p)
        if not files:
            raise PredictionFormatError(
                f"{p} holds no *.jsonl files: pass a predictions JSONL file or a gold-format folder"
            )
    elif p.is_file() and is_table_file(p):
        return _with_documents(_from_table(p, _DocIndex(docs, root)), p, docs, root)
    elif p.is_file():
        files = [p]
    else:
        raise PredictionFormatError(
            f"predictions {p} do not exist: pass a JSONL file, a folder of JSONL files, or None"
        )
    by_doc, per_mention = _from_files(files, _DocIndex(docs, root))
    if per_mention and len(files) == 1:
        return _with_documents(by_doc, files[0], docs, root)
    return Predictions(by_doc, str(path), (PER_MENTION_NOTE,) if per_mention else ())


def _with_documents(by_doc: dict[str, list[Item]], path: Path, docs: list[GoldDocument], root: Path) -> Predictions:
    """Per-mention predictions, covering also the documents a batch's documents table lists without mentions."""
    listed = documents_beside(path)
    if listed is None:
        return Predictions(by_doc, str(path), (PER_MENTION_NOTE,))
    index = _DocIndex(docs, root)
    for doc_id in listed:
        by_doc.setdefault(index.doc_id(doc_id), [])
    side = path.name.replace(path.suffix, f".documents{path.suffix}")
    return Predictions(by_doc, str(path), (f"documents covered: those listed in the batch's documents table {side}",))


def load_predictions(source: PredictionSource, docs: list[GoldDocument], root: Path) -> Predictions:
    """Dispatch on the kind of *source* (see the module docstring)."""
    if source is None:
        return from_extractor(docs)
    if isinstance(source, Mapping):
        return from_mapping(source)
    if isinstance(source, (str, Path)):
        return from_path(source, docs, root)
    raise PredictionFormatError(
        f"predictions must be None, a path or a mapping doc_id -> mentions, got {type(source).__name__}"
    )
