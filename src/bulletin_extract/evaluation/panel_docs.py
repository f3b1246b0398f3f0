"""The mentions table of the documents a panel gold covers, read through the corpus manifest.

Panel gold names documents by ``doc_id``; the manifest (``corpus/manifest.jsonl`` under the repository
root) gives each one's file, publication date and region, as ``batch`` would read them from it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from .errors import EvaluationOptionError

if TYPE_CHECKING:
    import pandas as pd


def _manifest(root: Path) -> dict[str, dict[str, str]]:
    path = root / "corpus" / "manifest.jsonl"
    if not path.is_file():
        raise EvaluationOptionError(f"{path}: no corpus manifest; panel gold names documents by its doc_id")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["doc_id"]: r for r in rows}


def panel_mentions(doc_ids: Sequence[str], root: Path, *, entities: bool = True) -> pd.DataFrame:
    """Extract each document (``published`` and ``region`` from the manifest) into one mentions table."""
    from ..api import extract_document
    from ..io.readers import file_source, read_source
    from ..io.tables import TableBuilder

    manifest = _manifest(root)
    corpus = (root / "corpus").resolve()
    builder = TableBuilder()
    for doc_id in doc_ids:
        entry = manifest.get(doc_id)
        if entry is None:
            raise EvaluationOptionError(f"panel gold names {doc_id!r}, which corpus/manifest.jsonl does not list")
        path = (corpus / entry["file"]).resolve()
        if not path.is_relative_to(corpus):
            raise EvaluationOptionError(f"manifest entry {doc_id!r} points outside the corpus: {entry['file']}")
        for src in read_source(file_source(path)):
            src = dataclasses.replace(src, doc_id=doc_id)
            published, region = entry.get("published"), entry.get("region")
            doc = extract_document(src.text, published=published, region=region, doc_id=doc_id, entities=entities)
            builder.add(src, doc)
    mentions, _ = builder.tables()
    return cast("pd.DataFrame", mentions.to_pandas())
