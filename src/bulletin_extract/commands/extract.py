"""``bulletin-extract extract FILE...``: one JSON line per mention."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from ..api import extract_document, parse_published
from ..errors import DocumentReadError, PublishedDateError
from ..io.readers import SourceDocument, read_path

log = logging.getLogger("bulletin_extract")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "extract",
        help="print the mentions of documents as JSON lines",
        description="Extract figures, times and entities from documents and print one JSON object per mention, "
        "with the file it came from. Files are read as 'bulletin-extract batch' reads them: text in UTF-8, "
        "GB18030/GBK or Big5, HTML (visible text, tables as tab-separated rows), JSON and JSONL records, "
        "PDF (its text layer) and Word .docx. An unreadable file is reported and the others are still read; "
        "the exit status is then 1.",
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="documents (.txt .html .htm .json .jsonl .pdf .docx; other names are read as text); "
        "'-' reads text from standard input",
    )
    p.add_argument(
        "--published",
        help="publication date (YYYY-MM-DD) of documents that do not state one; detected from the text when omitted",
    )
    p.add_argument("--region", help="the documents' region; detected from the text when omitted")
    p.add_argument("--no-entities", action="store_true", help="skip named entities (faster)")
    p.add_argument(
        "--patterns", action="append", default=[], metavar="PATH", help="extra pattern file or folder (repeatable)"
    )
    p.add_argument("--checks", action="store_true", help="also print the arithmetic checks, one JSON line each")
    p.set_defaults(func=run)


def read_documents(name: str) -> list[SourceDocument]:
    """The documents of one command-line argument, read the way ``batch`` reads files; ``-`` is standard input."""
    if name != "-":
        return read_path(Path(name), rel=name)
    from ..io.decoding import decode

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream (tests, embedding): already decoded
        text = sys.stdin.read()
        return [SourceDocument(doc_id="-", path="-", format="text", sha256=None, bytes=len(text), text=text)]
    data = stream.read()
    try:
        dec = decode(data)
    except DocumentReadError as exc:
        raise DocumentReadError(f"standard input: {exc}") from exc
    warning = (
        f"{dec.replacements} undecodable byte sequence(s) replaced with U+FFFD ({dec.encoding})"
        if dec.replacements
        else None
    )
    return [
        SourceDocument(
            doc_id="-",
            path="-",
            format="text",
            sha256=None,
            bytes=len(data),
            text=dec.text,
            encoding=dec.encoding,
            replacements=dec.replacements,
            warning=warning,
        )
    ]


def run(args: argparse.Namespace) -> int:
    out = sys.stdout
    failed = 0
    parse_published(args.published)  # a bad --published stops here, before any file is read
    for name in args.files:
        for src in read_documents(name):
            if src.warning:
                log.warning("%s: %s", name, src.warning)
            try:
                if src.error:
                    raise DocumentReadError(src.error)
                doc = extract_document(
                    src.text,
                    published=src.published or args.published,
                    region=src.region or args.region,
                    entities=not args.no_entities,
                    patterns=args.patterns,
                    doc_id=src.doc_id if src.record else name,
                )
            except (DocumentReadError, PublishedDateError) as exc:  # one bad file or record; the others are read
                record = f"{name} record {src.record}: " if src.record is not None and not src.error else ""
                print(f"bulletin-extract: error: {record}{exc}", file=sys.stderr)
                failed += 1
                continue
            where = {"file": name, **({"record": src.record} if src.record is not None else {})}
            for m in doc.mentions:
                out.write(
                    json.dumps({**where, **m.model_dump(mode="json", exclude_none=False)}, ensure_ascii=False) + "\n"
                )
            if args.checks:
                for c in doc.checks:
                    out.write(json.dumps({**where, "check": c.model_dump(mode="json")}, ensure_ascii=False) + "\n")
    return 1 if failed else 0
