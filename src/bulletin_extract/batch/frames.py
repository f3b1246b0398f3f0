"""``extract_frame``: the batch mentions table as a pandas DataFrame, for notebooks.

Importing this module is cheap: pandas and pyarrow are imported when the
function is first called, so ``import bulletin_extract`` stays fast.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Union, cast

from ..errors import DocumentReadError, InputTypeError

if TYPE_CHECKING:
    import pandas as pd

    from ..io.readers import SourceDocument

TextOrPath = Union[str, "os.PathLike[str]"]


def extract_frame(
    items: TextOrPath | Iterable[TextOrPath] | Mapping[str, TextOrPath],
    *,
    published: str | None = None,
    region: str | None = None,
    entities: bool = True,
    patterns: Sequence[str | Path] | None = None,
) -> pd.DataFrame:
    """One row per mention of every document, with the columns of ``bulletin-extract batch``.

    *items* is a text (``str``), a file or folder (``pathlib.Path``), a list of either, or a
    mapping ``doc_id -> text or path``.  A ``str`` is always text, never a file name: wrap
    file names in ``Path``.  Files and folders are read like ``batch`` reads them (folders
    recursively; encoding detection, HTML stripping, JSON records, PDF and Word files).
    ``published`` and ``region`` apply to documents that do not state their own.  A document that cannot be read raises
    :class:`DocumentReadError`; ``bulletin-extract batch`` records such files and carries on.

    >>> df = extract_frame(["复工率84.1%"], entities=False)
    >>> df[["doc_id", "text", "type", "value"]].values.tolist()
    [['0', '84.1%', 'percent', 84.1]]
    """
    from ..api import extract_document
    from ..io.tables import TableBuilder

    builder = TableBuilder()
    for src in _documents(items):
        if src.error:
            raise DocumentReadError(f"{src.error} (bulletin-extract batch records unreadable files and carries on)")
        doc = extract_document(
            src.text,
            published=src.published or published,
            region=src.region or region,
            doc_id=src.doc_id,
            entities=entities,
            patterns=patterns,
        )
        builder.add(src, doc)
    mentions, _ = builder.tables()
    return cast("pd.DataFrame", mentions.to_pandas())  # pyarrow has no type hints: to_pandas is Any


def _documents(items: object) -> Iterable[SourceDocument]:
    from ..io.readers import SourceDocument

    if isinstance(items, (str, os.PathLike)):
        items = [items]
    if isinstance(items, Mapping):
        pairs: Iterable[tuple[str | None, object]] = ((str(k), v) for k, v in items.items())
    elif isinstance(items, Iterable):
        pairs = ((None, v) for v in items)
    else:
        raise InputTypeError(
            f"extract_frame() needs texts, paths, a list of them or a dict, got {type(items).__name__}"
        )
    for n, (key, item) in enumerate(pairs):
        if isinstance(item, str):
            raw = item.encode("utf-8")
            yield SourceDocument(
                doc_id=key or str(n),
                path=None,
                format="text",
                sha256=hashlib.sha256(raw).hexdigest(),
                bytes=len(raw),
                text=item,
                encoding="utf-8",
            )
        elif isinstance(item, os.PathLike):
            yield from _path_documents(Path(item), key)
        else:
            raise InputTypeError(
                f"extract_frame() item {n} is {type(item).__name__}: give str (a text) or Path (a file)"
            )


def _path_documents(path: Path, key: str | None) -> Iterable[SourceDocument]:
    from dataclasses import replace

    from ..io.readers import file_source, find_manifest, read_source, split_jsonl
    from .local import BatchOptions, plan

    if path.is_dir():
        sources = [s for c in plan(path, BatchOptions(), manifest=find_manifest(path)) for s in c.sources]
    else:
        sources = split_jsonl(file_source(path), BatchOptions().chunk_bytes)
    for source in sources:
        for src in read_source(source):
            yield replace(src, doc_id=key) if key is not None and src.record is None else src
