"""``bulletin-extract evaluate``: score predictions (or the extractor itself) against a gold set."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..evaluation.errors import EvaluationOptionError, OutputWriteError


def _count(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return n


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputWriteError(f"cannot write {path}: {exc.strerror}") from exc


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``evaluate`` subcommand."""
    p = sub.add_parser(
        "evaluate",
        help="score predictions against the hand-labelled gold set (ANNOTATION.md §5)",
        description="Score predictions against a gold set: precision, recall and F1 (micro, per family, per type), "
        "detection-only scores, figure-attribute accuracy and the list of false positives and negatives. "
        "Without --pred the extractor is run on the gold texts. Only documents the predictions cover are scored.",
        epilog="Regression gate: --baseline FILE compares the per-type strict and detection F1 and the figure-attribute "
        "accuracies with those recorded in FILE and exits 1 listing each score that fell (old → new); standard "
        "output then carries only that comparison (the report still goes to -o FILE). A deliberate improvement "
        "records its new scores with --write-baseline FILE in the same commit, so no later change can lose "
        "them unnoticed; a deliberate loss is recorded the same way, and the commit's diff shows it.",
    )
    p.add_argument("--gold", default="gold/", metavar="PATH", help="gold JSONL file or folder (default: gold/)")
    p.add_argument(
        "--pred",
        metavar="PATH",
        help="predictions: a JSONL file (one line per document or per mention) or a folder of gold-format "
        "files such as gold/iaa; default: run the extractor",
    )
    p.add_argument(
        "--types", metavar="LIST", help="comma-separated types or families to score, e.g. count,percent or times"
    )
    p.add_argument(
        "--format", choices=("text", "json", "markdown", "html"), default="text", help="report format (default: text)"
    )
    p.add_argument(
        "--html",
        metavar="FILE",
        help="also write the report as one offline HTML page: scores, SVG charts, per-document scores and the "
        "error list with each mention in its context, filterable by type and by FN/FP",
    )
    p.add_argument(
        "--errors",
        type=_count,
        metavar="N",
        help="list at most N errors per type (default: 10 in text/markdown, all in json and html; 0 lists none)",
    )
    p.add_argument("--root", metavar="DIR", help="folder the gold text_file paths are relative to (default: detected)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    gate = p.add_mutually_exclusive_group()
    gate.add_argument(
        "--baseline",
        metavar="FILE",
        help="fail (exit 1) when any score falls below the one recorded in FILE, e.g. gold/baseline.json",
    )
    gate.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record this evaluation's scores in FILE as the new baseline (commit it with the change that moved them)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Evaluate and print (or write) the report; with --baseline, exit 1 when a score fell below it."""
    from ..evaluation import evaluate
    from ..evaluation.baseline import Baseline, compare

    if args.types and (args.baseline or args.write_baseline):
        # A baseline records every type; scoring a few would read as the others having fallen to nothing.
        raise EvaluationOptionError("--baseline and --write-baseline score every type: drop --types")
    baseline = Baseline.read(args.baseline) if args.baseline else None  # a bad file fails before the evaluation
    report = evaluate(gold=args.gold, predictions=args.pred, types=args.types, root=args.root)
    text = report.render(args.format, args.errors)
    if args.html:
        _write(args.html, report.render("html", args.errors))
        print(f"wrote {args.html}", file=sys.stderr)
    if args.output:
        _write(args.output, text)
    elif baseline is None and not args.write_baseline:
        sys.stdout.write(text)
    if args.write_baseline:
        new = Baseline.of(report)
        new.write(args.write_baseline)
        print(f"wrote {len(new.scores())} scores to {args.write_baseline}")
    if baseline is None:
        return 0
    result = compare(baseline, report)
    for change in result.fallen:
        print(change)
    if result.fallen:
        print(
            f"{len(result.fallen)} score(s) below the baseline {args.baseline}; if the change is deliberate, "
            "record the new scores with --write-baseline in the same commit",
            file=sys.stderr,
        )
        return 1
    risen = f" ({len(result.risen)} above it: record them with --write-baseline)" if result.risen else ""
    print(f"no score below the baseline {args.baseline}{risen}")
    return 0
