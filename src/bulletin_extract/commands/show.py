"""``bulletin-extract show FILE --html out.html``: a document's mentions, their attributes and its checks as one page."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ..api import extract_document
from ..errors import DocumentReadError

log = logging.getLogger("bulletin_extract")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "show",
        help="render a document's mentions, attributes and checks as one self-contained HTML page",
        description="Extract FILE and draw every figure, time and entity over its text: each mark shows its "
        "attributes on hover (value, unit, qualifier, direction, subject, as_of, region), a side table lists them "
        "all, and the arithmetic checks are listed with the figures they link. The page is one offline file "
        "(no fonts or scripts fetched) with a CJK font stack. FILE is read as "
        "'bulletin-extract batch' reads it (any supported encoding, HTML, JSON with one record, PDF, Word .docx), "
        "and the page shows the text the reader produced, which mention offsets index.",
    )
    p.add_argument("file", metavar="FILE", help="a document: .txt .html .htm .json .jsonl .pdf .docx")
    p.add_argument("--html", metavar="OUT", help="write the page here (default: standard output)")
    p.add_argument("--published", help="publication date (YYYY-MM-DD); detected from the text when omitted")
    p.add_argument("--region", help="the document's region; detected from the text when omitted")
    p.add_argument("--no-entities", action="store_true", help="figures and times only")
    p.add_argument("--patterns", action="append", default=[], metavar="PATH", help="extra pattern file or folder")
    p.set_defaults(func=run)


def _read(name: str) -> tuple[str, str | None, str | None]:
    """(text, published, region) of the one document in *name*; :class:`DocumentReadError` if there is not one."""
    from ..io.readers import read_path

    docs = read_path(Path(name), rel=name)
    if len(docs) != 1:
        raise DocumentReadError(
            f"{name} holds {len(docs)} documents (JSON records) and show draws one: "
            "split the file, or use 'bulletin-extract extract' for all of them"
        )
    [src] = docs
    if src.error:
        raise DocumentReadError(src.error)
    if src.warning:
        log.warning("%s: %s", name, src.warning)
    return src.text, src.published, src.region


def run(args: argparse.Namespace) -> int:
    text, published, region = _read(args.file)
    doc = extract_document(
        text,
        published=published or args.published,
        region=region or args.region,
        entities=not args.no_entities,
        patterns=args.patterns,
        doc_id=args.file,
    )
    from ..views.document import document_html

    page = document_html(doc, text, title=Path(args.file).name)
    if args.html:
        Path(args.html).write_text(page, encoding="utf-8")
        print(f"wrote {args.html} ({len(doc.mentions)} mentions)", file=sys.stderr)
    else:
        sys.stdout.write(page)
    return 0
