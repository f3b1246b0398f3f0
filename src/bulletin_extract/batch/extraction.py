"""One chunk's documents: read within the size limit and time budget, extracted, and put in the two tables.

This module is the one place that catches per-document errors: they become
rows of the documents table with ``status == "error"`` and the run carries on.
Warnings the extractor logs about a document go to its row's ``warning``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING

from ..io.readers import Source, SourceDocument, read_source
from ..io.surrogates import repaired
from .jobs import BatchOptions
from .limits import DocumentTimeout, time_budget, too_large

if TYPE_CHECKING:  # pyarrow is imported where the tables are built, never when the package is imported
    import pyarrow as pa

    from ..records import Document


def _failed(source: Source, error: str) -> SourceDocument:
    return SourceDocument(
        doc_id=source.meta.doc_id or source.rel,
        path=source.rel,
        format=source.format,
        sha256=source.sha256,
        bytes=source.size,
        error=error,
    )


def _documents(source: Source, options: BatchOptions) -> list[SourceDocument]:
    """The documents of *source*, read within the size limit and the time budget; a failure is one error row."""
    size = (source.byte_end or source.size) - source.byte_start
    if source.format != "jsonl" and too_large(size, options.max_bytes):  # JSONL: each record on its own, below
        return [_failed(source, f"{source.rel}: {_over_size(size, options)}")]
    try:
        with time_budget(options.time_budget):
            docs = list(read_source(source, strict=options.strict_decoding, text_field=options.text_field))
    except DocumentTimeout:
        return [_failed(source, f"{source.rel}: reading took longer than {_over_time(options)}")]
    except MemoryError:
        return [_failed(source, f"{source.rel}: out of memory reading {size} bytes: {_MEMORY_HINT}")]
    except Exception as exc:  # a reader bug must cost one file, not the run
        return [_failed(source, f"read failed: {type(exc).__name__}: {exc}")]
    if source.format == "jsonl":
        docs = [_record_within_limit(d, options) for d in docs]
    return docs


_MEMORY_HINT = "split the file, lower --max-size or run with fewer --jobs"


def _over_size(size: int, options: BatchOptions) -> str:
    return (
        f"{size:,} bytes is over the size limit of {options.max_bytes:,} bytes: "
        "split the file, or raise the limit with --max-size (in MB; 0 for none)"
    )


def _over_time(options: BatchOptions) -> str:
    return f"the time budget of {options.time_budget:g} s: split the document, or raise it with --time-budget"


def _record_within_limit(doc: SourceDocument, options: BatchOptions) -> SourceDocument:
    if doc.error or not options.max_bytes or len(doc.text) * 4 <= options.max_bytes:
        return doc  # four bytes a character at most: no need to encode
    size = len(doc.text.encode("utf-8"))
    return (
        replace(doc, error=f"record {doc.record}: {_over_size(size, options)}")
        if too_large(size, options.max_bytes)
        else doc
    )


def _extract(src: SourceDocument, options: BatchOptions) -> tuple[Document | None, str | None]:
    """The extracted document, or None and why it failed."""
    from ..api import extract_document

    try:
        with time_budget(options.time_budget):
            doc = extract_document(
                src.text,
                published=src.published,
                region=src.region,
                doc_id=src.doc_id,
                entities=options.entities,
                patterns=options.patterns,
            )
    except DocumentTimeout:
        return None, f"extraction ({len(src.text)} characters) took longer than {_over_time(options)}"
    except MemoryError:
        return None, f"out of memory extracting {src.path} ({len(src.text)} characters): {_MEMORY_HINT}"
    except Exception as exc:  # recorded in the documents table; the batch carries on (STYLE §3.7)
        return None, f"extraction failed: {type(exc).__name__}: {exc}"
    return doc, None


def extract_chunk(sources: Iterable[Source], options: BatchOptions) -> tuple[pa.Table, pa.Table]:
    """The (mentions, documents) tables of *sources*; a failing document becomes an error row."""
    from ..io.tables import TableBuilder

    done: list[tuple[SourceDocument, Document | None, str | None]] = []
    for source in sources:
        for src in _documents(source, options):
            notes: list[str] = []
            with _warnings_into(notes):
                doc, error = (None, None) if src.error else _extract(src, options)
            if notes:
                src = replace(src, warning="; ".join([*([src.warning] if src.warning else []), *notes]))
            done.append((src, doc, error))
    # Storing is tried first without checking every string of every row (a tenth of the cost of the
    # tables); only when Arrow refuses a value are the documents checked one by one, to fail that one alone.
    tb = TableBuilder()
    for src, doc, error in done:
        tb.add(src, doc, error=error, check=False)
    try:
        return tb.tables()
    except UnicodeEncodeError:
        return _checked_tables(done)


def _checked_tables(done: list[tuple[SourceDocument, Document | None, str | None]]) -> tuple[pa.Table, pa.Table]:
    from ..io.tables import TableBuilder, UnstorableError

    tb = TableBuilder()
    for src, doc, error in done:
        try:
            tb.add(src, doc, error=error)
        except UnstorableError as exc:
            tb.add(_storable(src), None, error=f"{src.path}: {exc}")
    return tb.tables()


def _storable(src: SourceDocument) -> SourceDocument:
    """The error row of a document whose fields a table cannot hold: the fields repaired, no text."""
    return replace(
        src,
        doc_id=repaired(src.doc_id) or "",
        path=repaired(src.path),
        published=None,
        region=repaired(src.region),
        text="",
        error=None,
        warning=repaired(src.warning),
        derived=False,
    )


@contextmanager
def _warnings_into(notes: list[str]) -> Iterator[None]:
    """Warnings the extractor logs in this thread go into *notes* (the document's row), not to stderr.

    Thousands of documents would otherwise write thousands of lines over the progress display, and a
    warning is worth most next to the document it is about.
    """
    logger = logging.getLogger("bulletin_extract")
    me = threading.get_ident()

    def keep(record: logging.LogRecord) -> bool:
        if record.thread == me and record.levelno >= logging.WARNING:
            notes.append(record.getMessage())
            return False
        return True

    logger.addFilter(keep)
    try:
        yield
    finally:
        logger.removeFilter(keep)
