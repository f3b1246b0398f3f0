"""``bulletin-extract evaluate-panel``: score the panel against the panel gold (``gold/panel/``)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "evaluate-panel",
        help="score the indicator panel against panel gold (gold/panel/*.panel.jsonl)",
        description="Run the extractor on the documents of the panel gold (files, dates and regions from "
        "corpus/manifest.jsonl) and report cell precision/recall (key and value right) and key-only scores, "
        "with every missed and spurious cell. See docs/panel.md and gold/README.md.",
    )
    p.add_argument("gold", nargs="?", default="gold/panel", type=Path, metavar="DIR", help="default: gold/panel")
    p.add_argument("--root", type=Path, default=Path("."), metavar="DIR", help="repository root (holds corpus/)")
    p.add_argument("--no-entities", action="store_true", help="extract without entities (regions then come less often)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..evaluation.panel import evaluate_panel

    score = evaluate_panel(args.gold, args.root, entities=not args.no_entities)
    summary = score.as_dict()
    if args.format == "json":
        summary["missed"] = [[*k, v] for k, v in score.missed]
        summary["spurious"] = [[*k, v] for k, v in score.spurious]
        print(json.dumps(summary, ensure_ascii=False, indent=1))
        return 0
    cells, keys = summary["cells"], summary["keys"]
    print(f"panel gold: {args.gold} ({summary['documents']} documents, {summary['gold_cells']} cells)")
    print(f"cells (key and value): P {cells['precision']:.3f}  R {cells['recall']:.3f}  F1 {cells['f1']:.3f}")
    print(f"keys only:             P {keys['precision']:.3f}  R {keys['recall']:.3f}  F1 {keys['f1']:.3f}")
    for label, rows in (("missed", score.missed), ("spurious", score.spurious)):
        for key, value in rows:
            print(f"  {label:8} {' | '.join(key)} = {value:g}")
    return 0
