"""Turn files into documents: discover them, read bytes, detect the encoding, strip HTML, split JSON, read PDF and Word.

A folder is listed as :class:`Source` items (one per file, or one per byte
range of a large ``.jsonl`` file); :func:`read_source` turns a source into
:class:`SourceDocument` items holding the exact text that offsets refer to.
Reading problems are *recorded* on the document (``error``), never dropped:
the batch engine writes them to the documents table and carries on.  The
``batch``, ``extract`` and ``show`` commands and ``extract_frame`` all read
files here, so a file gives the same text whichever of them reads it.

Text formats go through encoding detection (:mod:`.decoding`); PDF
(:mod:`.pdf`) and Word (:mod:`.docx`) files are binary and never do.
HTML is rendered by :mod:`.html`.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from ..errors import DocumentReadError, PublishedDateError
from .decoding import Decoded, decode, normal_codec
from .html import html_to_text
from .surrogates import display_path, repair, repaired

__all__ = [
    "DEFAULT_GLOBS",
    "MANIFEST_NAME",
    "Source",
    "SourceDocument",
    "SourceFormat",
    "SourceMeta",
    "discover",
    "file_source",
    "find_manifest",
    "html_to_text",
    "load_manifest",
    "read_path",
    "read_source",
    "source_format",
    "split_jsonl",
]

SourceFormat = Literal["text", "html", "json", "jsonl", "pdf", "docx"]

MANIFEST_NAME = "manifest.jsonl"
DEFAULT_GLOBS: tuple[str, ...] = ("*.txt", "*.html", "*.htm", "*.json", "*.jsonl", "*.pdf", "*.docx")
_FORMATS: dict[str, SourceFormat] = {
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".pdf": "pdf",
    ".docx": "docx",
}
# Formats read from their bytes by a library, never through text-encoding detection.
_BINARY: frozenset[SourceFormat] = frozenset({"pdf", "docx"})

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class SourceMeta:
    """Per-file context from a manifest: the document id, publication date and region to use."""

    doc_id: str | None = None
    published: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class Source:
    """One unit of reading: a file, or the byte range ``[byte_start, byte_end)`` of a large JSONL file."""

    path: str
    rel: str
    format: SourceFormat
    size: int
    mtime_ns: int = 0
    byte_start: int = 0
    byte_end: int | None = None
    first_line: int = 1
    sha256: str | None = None
    meta: SourceMeta = field(default_factory=SourceMeta)
    unreadable: str | None = None
    """Why a folder could not be listed: the source then stands for the files in it, as one error row."""


@dataclass(frozen=True)
class SourceDocument:
    """A document ready for extraction, or the record of why it could not be read (``error``)."""

    doc_id: str
    path: str | None
    format: SourceFormat
    sha256: str | None
    bytes: int
    text: str = ""
    encoding: str | None = None
    replacements: int = 0
    record: int | None = None
    published: str | None = None
    region: str | None = None
    derived: bool = False
    error: str | None = None
    warning: str | None = None


def source_format(path: str | Path) -> SourceFormat:
    """The format implied by a file name: HTML, JSON, JSONL, PDF, Word (.docx), or plain text for anything else."""
    return _FORMATS.get(Path(path).suffix.lower(), "text")


def file_source(path: Path, rel: str | None = None) -> Source:
    """A :class:`Source` for one file named on a command line (*rel*, default the path as given).

    A missing or unreadable file still gives a source: :func:`read_source` records why it cannot be read.
    """
    try:
        st = os.stat(path)
        size, mtime = st.st_size, st.st_mtime_ns
    except OSError:
        size, mtime = 0, 0
    return Source(
        path=os.path.abspath(path), rel=rel or path.as_posix(), format=source_format(path), size=size, mtime_ns=mtime
    )


def read_path(
    path: Path, *, rel: str | None = None, strict: bool = False, text_field: str = "text"
) -> list[SourceDocument]:
    """The documents of one file, read as ``batch`` reads it (one, or one per JSON record); errors are recorded."""
    return list(read_source(file_source(path, rel), strict=strict, text_field=text_field))


def discover(root: Path, globs: Sequence[str] = DEFAULT_GLOBS, exclude: Sequence[Path] = ()) -> list[Source]:
    """Every file under *root* whose relative path matches one of *globs*, sorted by relative path.

    Patterns are ``fnmatch`` patterns on the path relative to *root* (``*`` also crosses folders).
    Hidden files and folders are skipped; symbolic links to files are listed (a dangling one is
    then recorded as unreadable), links to folders are not followed.
    """
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        raise DocumentReadError(f"{root} {what}: give the folder that holds the documents")
    skip = {os.path.abspath(p) for p in exclude}
    found: list[Source] = []

    def unlisted(exc: OSError) -> None:  # a folder os.walk cannot list becomes a row, not a silent gap
        rel = display_path(Path(os.path.relpath(exc.filename or root, root)).as_posix()) + "/"
        why = f"cannot list the folder {rel}: {exc.strerror or exc}; the files in it were not read"
        found.append(Source(path=os.path.abspath(exc.filename or root), rel=rel, format="text", size=0, unreadable=why))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unlisted):
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and os.path.abspath(os.path.join(dirpath, d)) not in skip
        )
        for name in filenames:
            full = os.path.join(dirpath, name)
            rel = display_path(Path(os.path.relpath(full, root)).as_posix())
            if name.startswith(".") or os.path.abspath(full) in skip:
                continue
            if not any(fnmatch.fnmatchcase(rel, g) or fnmatch.fnmatchcase(name, g) for g in globs):
                continue
            try:
                st = os.stat(full)
                size, mtime = st.st_size, st.st_mtime_ns
            except OSError:
                size, mtime = 0, 0
            found.append(
                Source(path=os.path.abspath(full), rel=rel, format=source_format(name), size=size, mtime_ns=mtime)
            )
    found.sort(key=lambda s: s.rel)
    return found


def find_manifest(root: Path) -> Path | None:
    """``root/manifest.jsonl`` when it exists: the manifest a run over *root* uses unless told otherwise."""
    path = root / MANIFEST_NAME
    return path if path.is_file() else None


def load_manifest(path: Path) -> dict[str, SourceMeta]:
    """``file -> SourceMeta`` from JSONL lines with ``file`` and optional ``doc_id``, ``published``, ``region``."""
    from ..api import parse_published

    out: dict[str, SourceMeta] = {}
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentReadError(f"cannot read the manifest {path}: {exc}; fix it or pass --no-manifest") from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            file = os.path.normpath(row["file"])
            published = row.get("published")
            parse_published(published)
        except (json.JSONDecodeError, KeyError, TypeError, PublishedDateError) as exc:
            raise DocumentReadError(
                f"{path}:{n}: a manifest line is a JSON object with 'file' (relative to the folder) and optional "
                f"'doc_id', 'published' (YYYY-MM-DD), 'region' ({type(exc).__name__}: {exc})"
            ) from exc
        if os.path.isabs(file) or file == ".." or file.startswith(".." + os.sep):
            raise DocumentReadError(
                f"{path}:{n}: file {row['file']!r} is outside the folder: manifest paths are relative to the folder"
            )
        out[Path(file).as_posix()] = SourceMeta(
            doc_id=repaired(row.get("doc_id")), published=published, region=repaired(row.get("region"))
        )
    return out


def split_jsonl(source: Source, max_bytes: int) -> list[Source]:
    """Cut a large JSONL source into line-aligned byte ranges of about *max_bytes*, hashing the file once."""
    if source.format != "jsonl" or source.size <= max_bytes:
        return [source]
    digest = hashlib.sha256()
    cuts: list[tuple[int, int]] = [(0, 1)]
    offset, line_no, seg_start = 0, 0, 0
    try:
        with open(source.path, "rb") as fh:
            for line in fh:
                digest.update(line)
                offset += len(line)
                line_no += 1
                if offset - seg_start >= max_bytes:
                    cuts.append((offset, line_no + 1))
                    seg_start = offset
    except OSError:
        return [source]  # read_source meets the same error and records it
    sha = digest.hexdigest()
    ends = [c[0] for c in cuts[1:]] + [offset]
    return [
        replace(source, byte_start=start, byte_end=end, first_line=first, sha256=sha)
        for (start, first), end in zip(cuts, ends, strict=True)
        if end > start
    ]


def _record_document(base: SourceDocument, obj: object, text_field: str) -> SourceDocument:
    if not isinstance(obj, dict) or not isinstance(obj.get(text_field), str):
        return replace(
            base, error=f"record {base.record} has no string field {text_field!r}; choose the field with --text-field"
        )
    doc_id = obj.get("doc_id", obj.get("id"))
    # A JSON escape can name a lone surrogate (\\ud800), which no table can store: it becomes U+FFFD.
    text, lone = repair(obj[text_field])
    warning = base.warning
    if lone:
        note = f"{lone} lone surrogate escape(s) replaced with U+FFFD (offsets index the saved text)"
        warning = f"{warning}; {note}" if warning else note
    return replace(
        base,
        doc_id=repaired(doc_id) or base.doc_id,
        text=text,
        derived=True,
        published=repaired(obj.get("published") or None) or base.published,
        region=repaired(obj.get("region") or None) or base.region,
        replacements=base.replacements + lone,
        warning=warning,
    )


def read_source(source: Source, *, strict: bool = False, text_field: str = "text") -> Iterator[SourceDocument]:
    """The documents of *source*; a file that cannot be read or decoded yields one document with ``error``."""
    meta = source.meta
    base = SourceDocument(
        doc_id=meta.doc_id or source.rel,
        path=source.rel,
        format=source.format,
        sha256=source.sha256,
        bytes=source.size,
        published=meta.published,
        region=meta.region,
    )
    if source.unreadable:
        yield replace(base, error=source.unreadable)
        return
    try:
        with open(source.path, "rb") as fh:
            fh.seek(source.byte_start)
            data = fh.read() if source.byte_end is None else fh.read(source.byte_end - source.byte_start)
    except OSError as exc:
        yield replace(base, error=f"cannot read {source.rel}: {exc.strerror or exc}")
        return
    sha = source.sha256 or hashlib.sha256(data).hexdigest()
    size = source.size if source.byte_end is not None else len(data)
    base = replace(base, sha256=sha, bytes=size)
    if source.format == "jsonl":
        yield from _jsonl_documents(base, data, source.first_line, strict, text_field)
        return
    if source.format in _BINARY:
        yield _binary_document(base, data, source)
        return
    declared = None
    if source.format == "html" and (m := _META_CHARSET.search(data[:4096])):
        declared = m.group(1).decode("ascii")
    try:
        dec = decode(data, strict=strict, declared=declared)
    except DocumentReadError as exc:
        yield replace(base, error=f"{source.rel}: {exc}")
        return
    warning = _decode_warning(dec, declared)
    base = replace(base, encoding=dec.encoding, replacements=dec.replacements, warning=warning)
    if source.format == "html":
        yield replace(base, text=html_to_text(dec.text), derived=True)
    elif source.format == "json":
        try:
            obj = json.loads(dec.text)
        except json.JSONDecodeError as exc:
            yield replace(
                base, error=f"{source.rel} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
            )
            return
        items = obj if isinstance(obj, list) else [obj]
        for number, item in enumerate(items, start=1):
            rec = replace(
                base, doc_id=f"{source.rel}#{number}" if isinstance(obj, list) else base.doc_id, record=number
            )
            yield _record_document(rec, item, text_field)
    else:
        yield replace(base, text=dec.text)


def _binary_document(base: SourceDocument, data: bytes, source: Source) -> SourceDocument:
    """A PDF or Word document: its text as the library reads it (saved in the documents table), or the error."""
    try:
        if source.format == "pdf":
            from .pdf import read_pdf

            pdf = read_pdf(data)
            return replace(base, text=pdf.text, replacements=pdf.replacements, warning=pdf.warning, derived=True)
        from .docx import read_docx

        return replace(base, text=read_docx(data), derived=True)
    except DocumentReadError as exc:
        return replace(base, error=f"{source.rel}: {exc}")


def _jsonl_documents(
    base: SourceDocument, data: bytes, first_line: int, strict: bool, text_field: str
) -> Iterator[SourceDocument]:
    # Each line is decoded on its own so one bad line costs one record, not the file.
    for i, line in enumerate(data.split(b"\n")):
        if not line.strip():
            continue
        number = first_line + i
        rec = replace(base, doc_id=f"{base.path}#{number}", record=number)
        try:
            dec = decode(line.rstrip(b"\r"), strict=strict)
        except DocumentReadError as exc:
            yield replace(rec, error=f"line {number}: {exc}")
            continue
        rec = replace(rec, encoding=dec.encoding, replacements=dec.replacements, warning=_decode_warning(dec, None))
        try:
            obj = json.loads(dec.text)
        except json.JSONDecodeError as exc:
            yield replace(rec, error=f"line {number} is not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        yield _record_document(rec, obj, text_field)


def _decode_warning(dec: Decoded, declared: str | None) -> str | None:
    notes = []
    if declared and normal_codec(declared) != dec.encoding:
        notes.append(f"declared charset {declared!r} did not decode the file; detected {dec.encoding}")
    if dec.replacements:
        notes.append(f"{dec.replacements} undecodable byte sequence(s) replaced with U+FFFD ({dec.encoding})")
    return "; ".join(notes) or None
