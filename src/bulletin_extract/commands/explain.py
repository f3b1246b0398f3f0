"""``bulletin-extract explain FILE|TEXT``: every mention with its rule, pattern files and resolution steps."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "explain",
        help="show why each mention came out as it did (rule, pattern files, steps)",
        description="Extract a UTF-8 text file (or the text given with --text) and print, for every mention, "
        "the rule that found it, the pattern files behind it and how its value and attributes were resolved.",
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="UTF-8 text file ('-' reads standard input)")
    p.add_argument("--text", help="explain this text instead of a file")
    p.add_argument("--published", help="publication date (YYYY-MM-DD); detected from the text when omitted")
    p.add_argument("--region", help="the document's region; detected from the text when omitted")
    p.add_argument("--no-entities", action="store_true", help="figures and times only")
    p.add_argument("--patterns", action="append", default=[], metavar="PATH", help="extra pattern file or folder")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import DocumentReadError
    from ..explain import explain

    if args.text is not None:
        text = args.text
    elif args.file in (None, "-"):
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise DocumentReadError(f"cannot read {args.file} as UTF-8 text: {exc}") from exc
    for e in explain(
        text, published=args.published, region=args.region, entities=not args.no_entities, patterns=args.patterns
    ):
        print(e)
    return 0
