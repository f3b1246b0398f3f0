"""``bulletin-extract extract FILE...``: one JSON line per mention."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..api import extract_document
from ..errors import DocumentReadError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "extract",
        help="print the mentions of text files as JSON lines",
        description="Extract figures, times and entities from UTF-8 text files (or '-' for standard input) "
        "and print one JSON object per mention, with the file it came from.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text files; '-' reads standard input")
    p.add_argument("--published", help="publication date (YYYY-MM-DD); detected from the text when omitted")
    p.add_argument("--region", help="the documents' region; detected from the text when omitted")
    p.add_argument("--no-entities", action="store_true", help="skip named entities (faster)")
    p.add_argument("--patterns", action="append", default=[], metavar="PATH",
                   help="extra pattern file or folder (repeatable)")
    p.add_argument("--checks", action="store_true", help="also print the arithmetic checks, one JSON line each")
    p.set_defaults(func=run)


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DocumentReadError(f"cannot read {name}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise DocumentReadError(
            f"{name} is not UTF-8 (byte {exc.start}); convert it, or use 'bulletin-extract batch', which detects GB18030 and Big5"
        ) from exc


def run(args: argparse.Namespace) -> int:
    out = sys.stdout
    for name in args.files:
        doc = extract_document(
            _read(name), published=args.published, region=args.region,
            entities=not args.no_entities, patterns=args.patterns, doc_id=name,
        )
        for m in doc.mentions:
            row = {"file": name, **m.model_dump(mode="json", exclude_none=False)}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        if args.checks:
            for c in doc.checks:
                out.write(json.dumps({"file": name, "check": c.model_dump(mode="json")}, ensure_ascii=False) + "\n")
    return 0
