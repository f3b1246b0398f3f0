"""Throughput of extract() (entities off, and on) against jieba.lcut on the same texts, in the same run.

    python benchmarks/bench_extract.py [--repeat 5] [--entities]

Prints characters per second for each and the ratio extract / jieba (higher is better).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import jieba

from bulletin_extract import extract

ROOT = Path(__file__).resolve().parent.parent


def _time(fn, texts: list[str]) -> float:
    t = time.perf_counter()
    for x in texts:
        fn(x)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--entities", action="store_true", help="also time extract() with entities")
    args = ap.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").rglob("*.txt"))]
    chars = sum(map(len, texts))
    jieba.setLogLevel(60)
    jieba.lcut("预热")  # load the dictionary outside the timing
    extract("预热2020年1.5万人", entities=args.entities)  # build the ruleset outside the timing
    # Rounds alternate the contenders so that machine noise hits both alike; the best round of each counts.
    runs: dict[str, list[float]] = {"jieba": [], "plain": [], "entities": []}
    for _ in range(args.repeat):
        runs["jieba"].append(_time(jieba.lcut, texts))
        runs["plain"].append(_time(lambda x: extract(x, entities=False), texts))
        if args.entities:
            runs["entities"].append(_time(lambda x: extract(x, entities=True), texts))
    tj, te = min(runs["jieba"]), min(runs["plain"])
    print(f"corpus: {len(texts)} documents, {chars:,} characters (best of {args.repeat})")
    print(f"jieba.lcut                 {chars / tj:>12,.0f} chars/s")
    print(f"extract(entities=False)    {chars / te:>12,.0f} chars/s   ratio to jieba {tj / te:.2f}x")
    if args.entities:
        tn = min(runs["entities"])
        print(
            f"extract(entities=True)     {chars / tn:>12,.0f} chars/s   ratio to jieba {tj / tn:.2f}x, "
            f"entities cost {tn / te:.2f}x"
        )


if __name__ == "__main__":
    main()
