"""``bulletin-extract evaluate``: score predictions (or the extractor itself) against a gold set."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..evaluation.errors import OutputWriteError


def _count(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return n


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``evaluate`` subcommand."""
    p = sub.add_parser(
        "evaluate",
        help="score predictions against the hand-labelled gold set (ANNOTATION.md §5)",
        description="Score predictions against a gold set: precision, recall and F1 (micro, per family, per type), "
        "detection-only scores, figure-attribute accuracy and the list of false positives and negatives. "
        "Without --pred the extractor is run on the gold texts. Only documents the predictions cover are scored.",
    )
    p.add_argument("--gold", default="gold/", metavar="PATH", help="gold JSONL file or folder (default: gold/)")
    p.add_argument("--pred", metavar="PATH",
                   help="predictions: a JSONL file (one line per document or per mention) or a folder of gold-format "
                   "files such as gold/iaa; default: run the extractor")
    p.add_argument("--types", metavar="LIST", help="comma-separated types or families to score, e.g. count,percent or times")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="report format (default: text)")
    p.add_argument("--errors", type=_count, metavar="N",
                   help="list at most N errors per type (default: 10 in text/markdown, all in json; 0 lists none)")
    p.add_argument("--root", metavar="DIR", help="folder the gold text_file paths are relative to (default: detected)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Evaluate and print (or write) the report; exit status 0."""
    from ..evaluation import evaluate

    report = evaluate(gold=args.gold, predictions=args.pred, types=args.types, root=args.root)
    text = report.render(args.format, args.errors)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise OutputWriteError(f"cannot write {args.output}: {exc.strerror}") from exc
    else:
        sys.stdout.write(text)
    return 0
