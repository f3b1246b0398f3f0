#!/usr/bin/env python3
"""Entity precision, recall and F1 per type on the gold set: exact span and type (ANNOTATION.md §5).

A small stand-in scorer until ``bulletin_extract.evaluation`` scores entities; it
reads only the gold files' entity mentions.  ``--segmenter`` compares spaCy's
char and jieba segmenters; ``--errors`` lists false positives and negatives with context.

    python benchmarks/score_entities.py                      # char segmenter
    python benchmarks/score_entities.py --segmenter jieba
    python benchmarks/score_entities.py --errors FN --type ORG
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from bulletin_extract import default_engine
from bulletin_extract.integrations.spacy import entities_with_segmenter

ROOT = Path(__file__).resolve().parent.parent
TYPES = ("PER", "ORG", "LOC", "DOC")


def load_gold(folder: Path) -> list[dict]:
    """Gold documents with their text and entity mentions only."""
    docs = []
    for path in sorted(folder.glob("*.gold.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                d["text"] = (ROOT / d["text_file"]).read_text(encoding="utf-8")
                d["gold"] = {(m["start"], m["end"], m["type"]) for m in d["mentions"] if m["type"] in TYPES}
                docs.append(d)
    return docs


def main() -> int:
    """Score and print a table (and error listings on request)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "gold")
    ap.add_argument("--segmenter", choices=("char", "jieba"), default="char")
    ap.add_argument("--errors", choices=("FP", "FN", "both"), help="list errors with context")
    ap.add_argument("--type", choices=TYPES, help="restrict the error listing to one type")
    args = ap.parse_args()
    engine = default_engine()
    entities_with_segmenter("预热", engine.entities, args.segmenter)  # build before timing
    docs = load_gold(args.gold)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    errors = []
    t0 = time.perf_counter()
    for d in docs:
        found = entities_with_segmenter(engine.fold(d["text"]), engine.entities, args.segmenter)
        pred = {(s, e, t) for s, e, t, _ in found}
        rules = {(s, e, t): r for s, e, t, r in found}
        for _s, _e, t in pred & d["gold"]:
            tp[t] += 1
        for s, e, t in pred - d["gold"]:
            fp[t] += 1
            errors.append(("FP", t, d, s, e, rules[(s, e, t)]))
        for s, e, t in d["gold"] - pred:
            fn[t] += 1
            errors.append(("FN", t, d, s, e, ""))
    elapsed = time.perf_counter() - t0
    print(f"{len(docs)} gold documents, segmenter={args.segmenter}, {elapsed:.2f}s")
    print(f"{'type':5} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for t in (*TYPES, "all"):
        a, b, c = (sum(x.values()) for x in (tp, fp, fn)) if t == "all" else (tp[t], fp[t], fn[t])
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{t:5} {a + c:5d} {a + b:5d} {p:6.3f} {r:6.3f} {f:6.3f}")
    if args.errors:
        for kind, t, d, s, e, rule in sorted(errors, key=lambda x: (x[0], x[1], x[2]["doc_id"], x[3])):
            if (args.errors in (kind, "both")) and (args.type in (None, t)):
                text = d["text"]
                ctx = (text[max(0, s - 12) : s] + "[" + text[s:e] + "]" + text[e : e + 10]).replace("\n", "⏎")
                print(f"{kind} {t} {d['doc_id'][:24]:24} {ctx} {rule}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
